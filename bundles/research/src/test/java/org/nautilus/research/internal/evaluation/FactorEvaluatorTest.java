package org.nautilus.research.internal.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.research.dataset.DataSource;
import org.nautilus.api.research.dataset.DatasetRequest;
import org.nautilus.api.research.dataset.PanelDataset;
import org.nautilus.api.research.evaluation.FactorEvaluation;
import org.nautilus.api.research.expression.FactorDefinition;
import org.nautilus.research.internal.stats.CrossSection;

/**
 * The evaluation against golden values computed independently with pandas and scipy
 * ({@code src/test/python/evaluation_golden.py}, committed with its output): a 30-date × 12-instrument panel with
 * ties, a missing score and an instrument missing on some dates.
 */
class FactorEvaluatorTest {

    private static final double TOLERANCE = 1e-12;

    @Test
    void everyStatisticEqualsPandasAndScipy() throws IOException {
        List<String[]> rows = csv("evaluation/panel.csv");
        Map<String, Double> golden = new LinkedHashMap<>();
        for (String[] row : csv("evaluation/golden.csv")) {
            golden.put(row[0], Double.parseDouble(row[1]));
        }
        TreeSet<LocalDate> dates = new TreeSet<>();
        TreeSet<String> names = new TreeSet<>();
        for (String[] row : rows) {
            dates.add(LocalDate.parse(row[0]));
            names.add(row[1]);
        }
        List<LocalDate> dateList = new ArrayList<>(dates);
        List<String> nameList = new ArrayList<>(names);
        int n = rows.size();
        int[] rowDate = new int[n];
        int[] rowInstrument = new int[n];
        int[] labelEnd = new int[n];
        double[][] x = new double[n][];
        double[] y = new double[n];
        double[] scores = new double[n];
        for (int r = 0; r < n; r++) {
            String[] row = rows.get(r);
            LocalDate date = LocalDate.parse(row[0]);
            rowDate[r] = dateList.indexOf(date);
            rowInstrument[r] = nameList.indexOf(row[1]);
            labelEnd[r] = (int) date.plusDays(1).toEpochDay();
            scores[r] = row[2].isEmpty() ? Double.NaN : Double.parseDouble(row[2]);
            x[r] = new double[] {scores[r]};
            y[r] = Double.parseDouble(row[3]);
        }
        PanelDataset panel = new PanelDataset(DatasetRequest.of(new DataSource.Samples("golden"),
                List.of(new FactorDefinition("score", "$close", ""))), List.of("score"), "label", dateList,
                nameList.stream().map(InstrumentId::of).toList(), rowDate, rowInstrument, labelEnd, x, y, "golden");

        FactorEvaluation e = FactorEvaluator.evaluate("score", panel, scores, 5);

        assertThat(e.ic().dates()).isEqualTo(golden.get("ic.dates").intValue());
        assertThat(e.ic().mean()).isCloseTo(golden.get("ic.mean"), within(TOLERANCE));
        assertThat(e.ic().std()).isCloseTo(golden.get("ic.std"), within(TOLERANCE));
        assertThat(e.ic().ir()).isCloseTo(golden.get("ic.ir"), within(TOLERANCE));
        assertThat(e.ic().tStat()).isCloseTo(golden.get("ic.t"), within(TOLERANCE));
        assertThat(e.rankIc().mean()).isCloseTo(golden.get("rank_ic.mean"), within(TOLERANCE));
        assertThat(e.rankIc().std()).isCloseTo(golden.get("rank_ic.std"), within(TOLERANCE));
        assertThat(e.rankIc().ir()).isCloseTo(golden.get("rank_ic.ir"), within(TOLERANCE));
        assertThat(e.rankIc().tStat()).isCloseTo(golden.get("rank_ic.t"), within(TOLERANCE));
        for (int q = 1; q <= 5; q++) {
            assertThat(e.quantiles().mean().get(q - 1)).as("quantile %d", q)
                    .isCloseTo(golden.get("quantile." + q + ".mean"), within(TOLERANCE));
            assertThat(e.quantiles().stdErr().get(q - 1)).as("quantile %d se", q)
                    .isCloseTo(golden.get("quantile." + q + ".se"), within(TOLERANCE));
        }
        assertThat(e.quantiles().spread()).isCloseTo(golden.get("spread"), within(TOLERANCE));
        assertThat(e.quantiles().spreadStdErr()).isCloseTo(golden.get("spread.se"), within(TOLERANCE));
        assertThat(e.topTurnover()).isCloseTo(golden.get("turnover.top"), within(TOLERANCE));
        assertThat(e.bottomTurnover()).isCloseTo(golden.get("turnover.bottom"), within(TOLERANCE));
        assertThat(e.rankAutocorrelation()).isCloseTo(golden.get("rank_autocorrelation"), within(TOLERANCE));
        assertThat(e.monthlyIc()).hasSize(3);
        assertThat(e.monthlyIc().get(YearMonth.of(2024, 1))).isCloseTo(golden.get("monthly.2024-01"),
                within(TOLERANCE));
        assertThat(e.monthlyIc().get(YearMonth.of(2024, 3))).isCloseTo(golden.get("monthly.2024-03"),
                within(TOLERANCE));
        assertThat(e.longShortCumulative().get(e.longShortCumulative().size() - 1))
                .isCloseTo(golden.get("long_short.last"), within(TOLERANCE));
        assertThat(e.longShortSharpe()).isCloseTo(golden.get("long_short.sharpe"), within(1e-10));
    }

    @Test
    void handCheckedSmallCases() {
        // Spearman with ties: x = 1, 2, 2, 3 -> ranks 1, 2.5, 2.5, 4; y = 4, 3, 2, 1 -> ranks 4, 3, 2, 1.
        double[] x = {1, 2, 2, 3};
        double[] y = {4, 3, 2, 1};
        // Pearson of (1, 2.5, 2.5, 4) and (4, 3, 2, 1): cov = -4.5/3, sd 1.2247, 1.2910 -> -0.9486832980505138
        assertThat(CrossSection.spearman(x, y, 0, 4))
                .isCloseTo(-0.9486832980505138, within(1e-15));
        // qcut of 1..10 into 5: edges 1, 2.8, 4.6, 6.4, 8.2, 10 -> two values per bucket.
        double[] scores = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        assertThat(FactorEvaluator.qcut(scores, 0, 10, 5)).containsExactly(0, 0, 1, 1, 2, 2, 3, 3, 4, 4);
        // Repeated edges (qcut would raise): the date is left out.
        assertThat(FactorEvaluator.qcut(new double[] {1, 1, 1, 1, 1, 2}, 0, 6, 5)).isNull();
        // IC series 0.1, 0.3: mean 0.2, std 0.14142, IR 1.41421, t 2.
        var summary = FactorEvaluator.summary(new double[] {0.1, Double.NaN, 0.3});
        assertThat(summary.dates()).isEqualTo(2);
        assertThat(summary.ir()).isCloseTo(Math.sqrt(2), within(1e-12));
        assertThat(summary.tStat()).isCloseTo(2, within(1e-12));
    }

    private static List<String[]> csv(String resource) throws IOException {
        List<String[]> rows = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                FactorEvaluatorTest.class.getClassLoader().getResourceAsStream(resource), StandardCharsets.UTF_8))) {
            in.readLine();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                rows.add(line.split(",", -1));
            }
        }
        return rows;
    }
}
