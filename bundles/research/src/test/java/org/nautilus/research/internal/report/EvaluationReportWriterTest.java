package org.nautilus.research.internal.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.TreeMap;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nautilus.api.research.evaluation.DailyIc;
import org.nautilus.api.research.evaluation.FactorEvaluation;
import org.nautilus.api.research.evaluation.IcSummary;
import org.nautilus.api.research.evaluation.QuantileReturns;

class EvaluationReportWriterTest {

    private static FactorEvaluation evaluation(String source) {
        TreeMap<YearMonth, Double> monthly = new TreeMap<>();
        monthly.put(YearMonth.of(2020, 2), 0.01);
        monthly.put(YearMonth.of(2020, 5), 0.02);
        monthly.put(YearMonth.of(2021, 1), -0.03);
        IcSummary ic = new IcSummary(3, 0.1, 0.2, 0.5, 0.87, 0.115);
        return new FactorEvaluation("KMID<1>", "abc123", source,
                List.of(new DailyIc(LocalDate.of(2020, 2, 3), 10, 0.1, 0.09)), ic, ic,
                new QuantileReturns(List.of(-0.001, 0.002), List.of(0.0005, 0.0006), 0.003, 0.00078), 0.3, 0.4, 0.8,
                monthly, List.of(LocalDate.of(2020, 2, 3)), List.of(0.003), 1.5);
    }

    @Test
    void theMonthlyTableLeavesMissingMonthsEmptyAndTextIsEscaped() {
        String html = EvaluationReportWriter.html(evaluation("samples:aapl-daily"), List.of("a <note>"));
        assertThat(html).contains("<tr><th>2020</th><td></td><td>0.0100</td><td></td><td></td><td>0.0200</td></tr>")
                .contains("<tr><th>2021</th><td>-0.0300</td></tr>")
                .contains("KMID&lt;1&gt;", "a &lt;note&gt;", "abc123")
                .doesNotContain("GENERATED");
    }

    @Test
    void generatedDataCarriesItsBanner() {
        assertThat(EvaluationReportWriter.html(evaluation("generated:seed=1"), List.of()))
                .contains("class=\"generated\">GENERATED data");
    }

    @Test
    void theReportIsItsPageAndFourPngChartsOfTheSize(@TempDir Path folder) throws IOException {
        List<Path> files = EvaluationReportWriter.write(evaluation("generated:seed=1"), List.of(), folder);

        assertThat(files).extracting(f -> f.getFileName().toString())
                .containsExactly("index.html", "ic.png", "monthly-ic.png", "quantile-returns.png", "long-short.png");
        assertThat(folder.resolve("ic.png.png")).doesNotExist();
        for (Path png : files.subList(1, files.size())) {
            BufferedImage image = ImageIO.read(png.toFile());
            assertThat(image).as(png.toString()).isNotNull();
            assertThat(image.getWidth()).isEqualTo(900);
            assertThat(image.getHeight()).isEqualTo(420);
        }
    }

    @Test
    void anEvaluationWithoutDatesStillDrawsItsCharts(@TempDir Path folder) throws IOException {
        IcSummary none = new IcSummary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        FactorEvaluation empty = new FactorEvaluation("KMID", "d", "samples:x", List.of(), none, none,
                new QuantileReturns(List.of(), List.of(), Double.NaN, Double.NaN), Double.NaN, Double.NaN, Double.NaN,
                new TreeMap<>(), List.of(), List.of(), Double.NaN);

        for (Path file : EvaluationReportWriter.write(empty, List.of(), folder)) {
            assertThat(file).isNotEmptyFile();
        }
    }
}
