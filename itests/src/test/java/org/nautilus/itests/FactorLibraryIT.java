package org.nautilus.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.marketdata.Bar;
import org.nautilus.api.marketdata.BarSpec;
import org.nautilus.api.marketdata.MarketDataService;
import org.nautilus.api.research.FactorInfo;
import org.nautilus.api.research.FactorService;
import org.nautilus.api.research.FactorValue;
import org.nautilus.api.routes.RouteService;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;

/**
 * A factor library in the running platform: the Alpha158 feature installed, the Apple daily bars replayed by the
 * shipped route, and every Alpha158 value the feature engine publishes for AAPL.NASDAQ equal, bit for bit, to the
 * batch computed over the same bars outside the container ({@link ExpectedAlpha158}); the library's bundle stopped
 * (its factors go) and started again (they come back, warmed up from the gateway's bars).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class FactorLibraryIT extends NautilusTestSupport {

    private static final InstrumentId APPLE = InstrumentId.of("AAPL.NASDAQ");
    private static final BarSpec DAY = BarSpec.time(Duration.ofDays(1));
    private static final String EXPECTED = "nautilus.itest.alpha158.expected";

    @Configuration
    public Option[] config() {
        List<Option> options = new ArrayList<>(Arrays.asList(distribution()));
        options.add(systemProperty(EXPECTED).value(ExpectedAlpha158.write()));
        return options.toArray(Option[]::new);
    }

    @Test
    public void replayedAppleBarsGiveAlpha158ValuesEqualToTheBatchAndTheLibraryComesAndGoes() throws Exception {
        Expected expected = Expected.read(Path.of(System.getProperty(EXPECTED)));
        FactorService factors = service(FactorService.class, null);
        MarketDataService marketData = service(MarketDataService.class, null);
        RouteService routes = service(RouteService.class, null);

        executeCommand("feature:install nautilus-factor-alpha158");
        await("the 158 Alpha158 factors listed", STARTUP, () -> alpha158(factors), list -> list.size() == 158);
        assertTrue(factors.problems().isEmpty());

        routes.start("replay-apple-daily");
        int rows = expected.closes.size();
        await("the " + rows + " Apple daily bars replayed", STARTUP,
                () -> marketData.bars(APPLE, DAY, 10_000).size(), n -> n == rows);
        List<Bar> bars = marketData.bars(APPLE, DAY, 10_000);
        for (int i = 0; i < rows; i++) { // the gateway has exactly the bars the batch read
            assertEquals("close of bar " + i, expected.closes.get(i), bars.get(i).close().toString());
        }
        Instant lastEnd = bars.get(rows - 1).end();
        await("Alpha158 values after the last Apple bar", Duration.ofSeconds(60),
                () -> factors.latest("KMID", APPLE), v -> v.isPresent() && v.get().asOf().equals(lastEnd));

        int compared = assertHistoryMatches(factors, expected, bars);
        assertTrue("values compared: " + compared, compared > 158 * 150);
        String listed = executeCommand("nautilus:factors -l alpha158 -i AAPL.NASDAQ KMID");
        String kmid = String.format(Locale.ROOT, "%.4f", expected.value("KMID", rows - 1));
        assertTrue(listed, listed.contains("KMID") && listed.contains(kmid) && listed.contains("AAPL.NASDAQ"));
        assertTrue(executeCommand("nautilus:factors"), executeCommand("nautilus:factors").contains("(158 factors)"));

        Bundle library = Arrays.stream(bundleContext.getBundles())
                .filter(b -> "nautilus-factor-alpha158".equals(b.getSymbolicName())).findFirst().orElseThrow();
        library.stop();
        await("Alpha158 gone", Duration.ofSeconds(30), () -> alpha158(factors), List::isEmpty);
        assertEquals(Optional.empty(), factors.latest("KMID", APPLE));
        // The plugins' factors (rsi-14) stay: they follow the daily bars too.
        assertTrue(factors.latest().stream().noneMatch(v -> expected.values.containsKey(v.factor())));
        assertTrue(factors.latest("rsi-14", APPLE).isPresent());
        assertFalse(executeCommand("nautilus:factors -a").contains("alpha158"));

        // Deployed again after the bars: warmed up from the gateway's bars, the same values.
        library.start();
        await("Alpha158 back with values after the last bar", Duration.ofSeconds(60),
                () -> factors.latest("KMID", APPLE), v -> v.isPresent() && v.get().asOf().equals(lastEnd));
        assertHistoryMatches(factors, expected, bars);
    }

    private static List<FactorInfo> alpha158(FactorService factors) {
        return factors.factors().stream().filter(f -> f.library().equals("alpha158")).toList();
    }

    /** Every published value of every factor equals the batch value of its bar; NaN rows publish none. */
    private static int assertHistoryMatches(FactorService factors, Expected expected, List<Bar> bars) {
        Map<Instant, Integer> rows = new LinkedHashMap<>();
        for (int i = 0; i < bars.size(); i++) {
            rows.put(bars.get(i).end(), i);
        }
        int compared = 0;
        for (String factor : expected.values.keySet()) {
            List<FactorValue> history = factors.history(factor, APPLE, DAY);
            long finite = Arrays.stream(expected.values.get(factor))
                    .filter(b -> Double.isFinite(Double.longBitsToDouble(b)))
                    .count();
            assertEquals(factor + " values", finite, history.size());
            for (FactorValue value : history) {
                int row = rows.get(value.asOf());
                assertEquals(factor + " at " + value.asOf(), Long.toHexString(expected.values.get(factor)[row]),
                        Long.toHexString(Double.doubleToRawLongBits(value.value())));
                compared++;
            }
        }
        return compared;
    }

    /** What {@link ExpectedAlpha158} wrote. */
    private record Expected(List<String> closes, Map<String, long[]> values) {

        static Expected read(Path file) throws IOException {
            List<String> closes = new ArrayList<>();
            Map<String, long[]> values = new LinkedHashMap<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] cells = line.split("\t");
                if (cells[0].equals("bar")) {
                    closes.add(cells[1]);
                } else {
                    long[] bits = new long[cells.length - 1];
                    for (int i = 1; i < cells.length; i++) {
                        bits[i - 1] = Long.parseUnsignedLong(cells[i], 16);
                    }
                    values.put(cells[0], bits);
                }
            }
            return new Expected(closes, values);
        }

        double value(String factor, int row) {
            return Double.longBitsToDouble(values.get(factor)[row]);
        }
    }
}
