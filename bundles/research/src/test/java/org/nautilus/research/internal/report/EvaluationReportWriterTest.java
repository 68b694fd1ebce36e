package org.nautilus.research.internal.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
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
}
