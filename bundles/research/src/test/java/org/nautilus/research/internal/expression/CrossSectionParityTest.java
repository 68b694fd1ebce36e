package org.nautilus.research.internal.expression;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nautilus.api.research.expression.FactorDefinition;

/**
 * The cross-sectional operators against the pandas oracle ({@code src/test/python/cross_section_oracle.py}) on a
 * GENERATED panel of 8 instruments x 60 times (seeded; some instruments miss some times; half-unit prices, so
 * ranks have ties; three groups and an instrument without one), to 1e-9; and streaming = batch bit for bit.
 * The panel and the golden values are committed (regenerate both with the script).
 */
class CrossSectionParityTest {

    private static final List<FactorDefinition> DEFINITIONS = List.of(
            new FactorDefinition("CSRANK_MOM", "CSRank($close/Ref($close,5)-1)", ""),
            new FactorDefinition("CSZ_VOLUME", "CSZScore(Log($volume+1))", ""),
            new FactorDefinition("CSDEMEAN_MA", "CSDemean(Mean($close,10)/$close)", ""),
            new FactorDefinition("NEUTRAL", "GroupDemean($close/$open-1)", ""),
            new FactorDefinition("SMOOTH_RANK", "Mean(CSRank($close),5)", ""),
            new FactorDefinition("RANK_OF_DEMEAN", "CSRank(CSDemean($high-$low))", ""));

    private record Row(int time, String instrument, int group, double[] fields) {
    }

    @Test
    void theEngineMatchesPandasOnAPanelWithMissingBarsTiesAndGroups() {
        List<Row> rows = read("golden/cross-section-panel.csv");
        Panel panel = panel(rows);
        FactorProgram program = FactorGraph.compile(DEFINITIONS).programOrThrow();
        FactorColumns[] values = new PanelBatch(program).evaluate(panel);

        List<Row> golden = read("golden/cross-section.csv");
        int[] next = new int[panel.size()];
        List<String> differences = new ArrayList<>();
        int finite = 0;
        for (Row expected : golden) {
            int i = panel.instruments().indexOf(expected.instrument);
            int row = next[i]++;
            assertThat(panel.times()[i][row]).isEqualTo(expected.time);
            for (int f = 0; f < DEFINITIONS.size(); f++) {
                double actual = values[i].values()[f][row];
                double wanted = expected.fields[f];
                boolean same = Double.isNaN(wanted) ? Double.isNaN(actual) : Math.abs(actual - wanted) <= 1e-9;
                if (!same) {
                    differences.add(DEFINITIONS.get(f).name() + " " + expected.instrument + " t" + expected.time
                            + ": " + actual + " vs pandas " + wanted);
                }
                finite += Double.isFinite(wanted) ? 1 : 0;
            }
        }
        assertThat(differences).as("values that differ from pandas").isEmpty();
        assertThat(finite).isGreaterThan(2_000);
    }

    @Test
    void streamingGivesTheBatchValuesBitForBit() {
        CrossSectionTest.assertStreamingMatchesBatch(FactorGraph.compile(DEFINITIONS).programOrThrow(),
                panel(read("golden/cross-section-panel.csv")));
    }

    /** The rows as a panel: instruments in name order, each with its own rows. */
    private static Panel panel(List<Row> rows) {
        Map<String, List<Row>> byInstrument = new LinkedHashMap<>();
        rows.stream().sorted((a, b) -> a.instrument.compareTo(b.instrument))
                .forEach(r -> byInstrument.computeIfAbsent(r.instrument, k -> new ArrayList<>()).add(r));
        int n = byInstrument.size();
        BarColumns[] bars = new BarColumns[n];
        int[][] times = new int[n][];
        int[] groups = new int[n];
        int timeCount = 0;
        int i = 0;
        for (List<Row> own : byInstrument.values()) {
            own.sort((a, b) -> Integer.compare(a.time, b.time));
            double[][] columns = new double[5][own.size()];
            times[i] = new int[own.size()];
            for (int r = 0; r < own.size(); r++) {
                for (int c = 0; c < 5; c++) {
                    columns[c][r] = own.get(r).fields[c];
                }
                times[i][r] = own.get(r).time;
                timeCount = Math.max(timeCount, own.get(r).time + 1);
            }
            bars[i] = BarColumns.ofOhlcv(columns[0], columns[1], columns[2], columns[3], columns[4]);
            groups[i] = own.get(0).group;
            i++;
        }
        return new Panel(List.copyOf(byInstrument.keySet()), bars, times, timeCount, groups);
    }

    /** time,instrument[,group],numbers...: the panel file has a group column, the golden file not. */
    private static List<Row> read(String resource) {
        InputStream in = CrossSectionParityTest.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException(resource + " is missing; run src/test/python/cross_section_oracle.py");
        }
        List<Row> rows = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            boolean grouped = reader.readLine().startsWith("time,instrument,group,");
            int first = grouped ? 3 : 2;
            String line;
            while ((line = reader.readLine()) != null) {
                String[] cells = line.split(",");
                double[] numbers = new double[cells.length - first];
                for (int c = first; c < cells.length; c++) {
                    numbers[c - first] = Double.parseDouble(cells[c]);
                }
                rows.add(new Row(Integer.parseInt(cells[0]), cells[1], grouped ? Integer.parseInt(cells[2]) : -1,
                        numbers));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }
}
