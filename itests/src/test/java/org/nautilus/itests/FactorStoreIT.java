package org.nautilus.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.marketdata.Bar;
import org.nautilus.api.marketdata.BarSpec;
import org.nautilus.api.marketdata.MarketDataService;
import org.nautilus.api.research.FactorService;
import org.nautilus.api.research.FactorValue;
import org.nautilus.api.research.store.FactorBackfill;
import org.nautilus.api.research.store.FactorStore;
import org.nautilus.api.research.store.Fundamental;
import org.nautilus.api.research.store.TimeRange;
import org.nautilus.api.routes.RouteService;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;

/**
 * The factor store in the running platform: DuckDB (its native library loaded inside OSGi) writing Parquet under
 * data/factors; a backfill of Alpha158 from the shipped Apple daily bars through the shell, with its progress;
 * values queried back as of a date equal, bit for bit, to the batch computed outside the container and to the live
 * values the feature engine publishes when the same bars are replayed; a second backfill changing nothing;
 * fundamentals loaded from a (generated) CSV and read as of dates; the research bundle stopped (DuckDB closed) and
 * started (the store reopened on the same files).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class FactorStoreIT extends NautilusTestSupport {

    private static final InstrumentId APPLE = InstrumentId.of("AAPL.NASDAQ");
    private static final BarSpec DAY = BarSpec.time(Duration.ofDays(1));
    private static final String EXPECTED = "nautilus.itest.alpha158.expected";
    private static final String FUNDAMENTALS = "nautilus.itest.fundamentals";

    @Configuration
    public Option[] config() throws Exception {
        List<Option> options = new ArrayList<>(Arrays.asList(distribution()));
        options.add(systemProperty(EXPECTED).value(ExpectedAlpha158.write()));
        options.add(systemProperty(FUNDAMENTALS).value(generatedFundamentals()));
        return options.toArray(Option[]::new);
    }

    /**
     * GENERATED figures (not real data; none ship with the project) for AAPL.NASDAQ: 2012 Q4 EPS published
     * 2013-01-23, restated 2013-04-23 together with Q1's first figure, Q1 restated 2013-07-23.
     */
    private static String generatedFundamentals() throws Exception {
        Path file = Path.of("target", "generated-fundamentals.csv").toAbsolutePath();
        Files.createDirectories(file.getParent());
        Files.writeString(file, String.join("\n",
                "instrument,period_end,published,field,value",
                "AAPL.NASDAQ,2012-12-29,2013-01-23T21:30:00Z,eps,13.81",
                "AAPL.NASDAQ,2012-12-29,2013-04-23T21:30:00Z,eps,13.87",
                "AAPL.NASDAQ,2013-03-30,2013-04-23T21:30:00Z,eps,10.09",
                "AAPL.NASDAQ,2013-03-30,2013-07-23T21:30:00Z,eps,10.11", ""), StandardCharsets.UTF_8);
        return file.toString();
    }

    @Test
    public void backfillFromTheSamplesQueriesAsOfAndEqualsTheLiveValues() throws Exception {
        Map<String, long[]> expected = readExpected(Path.of(System.getProperty(EXPECTED)));
        FactorStore store = service(FactorStore.class, null);
        FactorBackfill backfill = service(FactorBackfill.class, null);
        assertTrue(store.location(), store.location().endsWith("data/factors"));

        executeCommand("feature:install nautilus-factor-alpha158");
        await("alpha158 available to backfills", STARTUP, backfill::libraries, l -> l.contains("alpha158"));

        String output = executeCommand("nautilus:factor-backfill -l alpha158");
        assertTrue(output, output.contains("1/1 AAPL.NASDAQ: done, 252 bars"));
        assertTrue(output, output.contains("values/s"));
        assertTrue(output, output.contains("Backfilled [alpha158]: 1 instruments, 252 bars"));
        assertEquals(List.of(APPLE), store.instruments());
        // Factors with no finite value on these bars (VWAP0: the file has no vwap) store nothing, as live publishes nothing.
        long withValues = expected.values().stream()
                .filter(bits -> Arrays.stream(bits).anyMatch(b -> Double.isFinite(Double.longBitsToDouble(b)))).count();
        assertEquals(withValues, store.factors().size());
        assertTrue(withValues > 150);

        List<Bar> bars = store.bars(APPLE, DAY, TimeRange.ALL);
        assertEquals(252, bars.size());
        Map<String, List<FactorValue>> stored = storedValues(store);
        assertEquals("every finite batch value stored, bit for bit", countFinite(expected),
                assertEqualsBatch(stored, expected, bars));

        // As of a date: only what was known by its end.
        Instant june28 = TimeRange.endOfDay(LocalDate.parse("2013-06-28"));
        List<FactorValue> asOf = store.history("KMID", List.of(APPLE), DAY, TimeRange.ALL, june28);
        int known = (int) bars.stream().filter(b -> !b.end().isAfter(june28)).count();
        assertEquals(known, asOf.size());
        FactorValue lastKnown = asOf.get(asOf.size() - 1);
        assertEquals(bars.get(known - 1).end(), lastKnown.asOf());
        String history = executeCommand("nautilus:factor-history --as-of 2013-06-28 -n 1 KMID AAPL.NASDAQ");
        assertTrue(history, history.contains(String.format(Locale.ROOT, "%.4f", lastKnown.value())));
        assertTrue(history, history.contains(lastKnown.asOf().toString()));
        String section = executeCommand("nautilus:factor-cross-section KMID 2013-06-28");
        assertTrue(section, section.contains("AAPL.NASDAQ") && section.contains("1 instruments")
                && section.contains(String.format(Locale.ROOT, "%.4f", lastKnown.value())));
        assertFails("nautilus:factor-history NOPE AAPL.NASDAQ", "no values of factor 'NOPE'");
        assertFails("nautilus:factor-history KMID MSFT", "no values of MSFT");
        assertFails("nautilus:factor-history --from 2013-07-01 --to 2013-06-01 KMID AAPL.NASDAQ",
                "inverted date range");
        assertFails("nautilus:factor-backfill -l nope", "no factor library [nope]");
        theHttpApiAnswersAsOfADate(known, lastKnown);

        // Again: the same values (the partitions are replaced, not appended to).
        executeCommand("nautilus:factor-backfill -l alpha158 AAPL.NASDAQ");
        assertEquals(stored, storedValues(store));

        // The live engine on the same bars: the replayed Apple daily bars give the stored values, bit for bit.
        FactorService factors = service(FactorService.class, null);
        MarketDataService marketData = service(MarketDataService.class, null);
        service(RouteService.class, null).start("replay-apple-daily");
        await("the Apple daily bars replayed", STARTUP, () -> marketData.bars(APPLE, DAY, 10_000).size(),
                n -> n == 252);
        Instant lastEnd = bars.get(251).end();
        await("live values after the last bar", Duration.ofSeconds(60), () -> factors.latest("KMID", APPLE),
                v -> v.isPresent() && v.get().asOf().equals(lastEnd));
        int compared = 0;
        for (String factor : expected.keySet()) {
            List<FactorValue> live = factors.history(factor, APPLE, DAY);
            List<FactorValue> fromStore = stored.getOrDefault(factor, List.of());
            int offset = fromStore.size() - live.size(); // the live history keeps the last history.size values
            assertTrue(factor, offset >= 0);
            for (int i = 0; i < live.size(); i++) {
                FactorValue s = fromStore.get(offset + i);
                assertEquals(factor, s.asOf(), live.get(i).asOf());
                assertEquals(factor + " at " + s.asOf(), Double.doubleToRawLongBits(live.get(i).value()),
                        Double.doubleToRawLongBits(s.value()));
                compared++;
            }
        }
        assertTrue("live values compared: " + compared, compared > 158 * 150);

        // Fundamentals: loaded from CSV, read as of dates (a restatement is seen only once published).
        String loaded = executeCommand("nautilus:fundamentals --load " + System.getProperty(FUNDAMENTALS));
        assertTrue(loaded, loaded.contains("Loaded 4 rows"));
        List<Fundamental> may = store.fundamentals(APPLE, TimeRange.endOfDay(LocalDate.parse("2013-05-15")));
        assertEquals(List.of(13.87, 10.09), may.stream().map(Fundamental::value).toList());
        String shown = executeCommand("nautilus:fundamentals --as-of 2013-03-01 AAPL.NASDAQ");
        assertTrue(shown, shown.contains("13.8100") && !shown.contains("13.8700") && !shown.contains("10.09"));
        List<FactorValue> eps = store.fundamentalOnBars("eps", List.of(APPLE), DAY, TimeRange.ALL);
        assertEquals(13.81, valueAt(eps, "2013-02-01"), 0);
        assertEquals(10.09, valueAt(eps, "2013-06-04"), 0); // the bar of Monday 3 June
        assertEquals(10.11, valueAt(eps, "2013-08-01"), 0);
        HttpResponse<String> fundamentals = httpAsAdmin("GET",
                "/api/v1/factor-store/fundamentals/AAPL.NASDAQ?asOf=2013-03-01", null);
        assertEquals(fundamentals.body(), 200, fundamentals.statusCode());
        assertTrue(fundamentals.body(), fundamentals.body().contains("\"value\":13.81")
                && !fundamentals.body().contains("13.87") && !fundamentals.body().contains("10.09"));

        // The research bundle stopped: DuckDB closed, the service gone; started: the same files read again.
        Bundle research = Arrays.stream(bundleContext.getBundles())
                .filter(b -> "nautilus-research".equals(b.getSymbolicName())).findFirst().orElseThrow();
        research.stop();
        assertTrue(bundleContext.getServiceReferences(FactorStore.class, null).isEmpty());
        research.start();
        FactorStore reopened = service(FactorStore.class, null);
        assertEquals(stored.get("KMID"), reopened.history("KMID", List.of(APPLE), DAY, TimeRange.ALL, Instant.now()));
        assertFalse(Files.list(Path.of(reopened.location(), "values")).findAny().isEmpty());
    }

    /**
     * The store over HTTP (read only, role viewer): the same values as the store's own answers, as known at a date;
     * what the store does not hold is a 404, a bad date a 400.
     */
    private void theHttpApiAnswersAsOfADate(int known, FactorValue lastKnown) throws Exception {
        HttpResponse<String> contents = await("the factor store over HTTP", STARTUP,
                () -> httpAsAdmin("GET", "/api/v1/factor-store", null), r -> r.statusCode() == 200);
        assertTrue(contents.body(), contents.body().contains("\"KMID\"") && contents.body().contains("AAPL.NASDAQ"));
        HttpResponse<String> history = httpAsAdmin("GET",
                "/api/v1/factor-store/values/KMID?symbols=AAPL.NASDAQ&from=2013-01-01&asOf=2013-06-28&bars=PT24H",
                null);
        assertEquals(history.body(), 200, history.statusCode());
        assertTrue(history.body(), history.body().contains("\"count\":" + known + ","));
        String last = "{\"symbol\":\"AAPL.NASDAQ\",\"time\":\"" + lastKnown.asOf() + "\",\"value\":"
                + lastKnown.value() + ",\"bars\":\"PT24H\"}]";
        assertTrue(history.body(), history.body().endsWith(last + "}"));
        HttpResponse<String> tail = httpAsAdmin("GET", "/api/v1/factor-store/values/KMID?asOf=2013-06-28&last=1",
                null);
        assertTrue(tail.body(), tail.body().contains("\"count\":1,") && tail.body().contains(last));
        HttpResponse<String> section = httpAsAdmin("GET", "/api/v1/factor-store/cross-section/KMID?asOf=2013-06-28",
                null);
        assertTrue(section.body(), section.body().contains("\"count\":1,") && section.body().contains(last));
        HttpResponse<String> unknown = httpAsAdmin("GET", "/api/v1/factor-store/values/NOPE", null);
        assertEquals(unknown.body(), 404, unknown.statusCode());
        assertTrue(unknown.body(), unknown.body().contains("NOT_IN_STORE")
                && unknown.body().contains("no values of factor 'NOPE'"));
        HttpResponse<String> inverted = httpAsAdmin("GET",
                "/api/v1/factor-store/values/KMID?from=2013-07-01&to=2013-06-01", null);
        assertEquals(inverted.body(), 400, inverted.statusCode());
        assertTrue(inverted.body(), inverted.body().contains("inverted date range"));
    }

    private static double valueAt(List<FactorValue> values, String barEndDay) {
        Instant end = LocalDate.parse(barEndDay).atStartOfDay(ZoneOffset.UTC).toInstant();
        return values.stream().filter(v -> v.asOf().equals(end)).findFirst()
                .orElseThrow(() -> new AssertionError("no bar ending " + end)).value();
    }

    private void assertFails(String command, String message) throws Exception {
        try {
            String output = executeCommand(command);
            fail(command + " succeeded: " + output);
        } catch (ExecutionException e) {
            assertTrue(command + ": " + e.getCause(), String.valueOf(e.getCause().getMessage()).contains(message));
        }
    }

    private static Map<String, List<FactorValue>> storedValues(FactorStore store) {
        Map<String, List<FactorValue>> stored = new HashMap<>();
        for (String factor : store.factors()) {
            stored.put(factor, store.history(factor, List.of(APPLE), DAY, TimeRange.ALL, Instant.now()));
        }
        return stored;
    }

    private static long countFinite(Map<String, long[]> expected) {
        return expected.values().stream().flatMapToLong(Arrays::stream)
                .filter(b -> Double.isFinite(Double.longBitsToDouble(b))).count();
    }

    /** Each stored value equals the batch value of its bar; returns how many were compared. */
    private static long assertEqualsBatch(Map<String, List<FactorValue>> stored, Map<String, long[]> expected,
            List<Bar> bars) {
        Map<Instant, Integer> rows = new HashMap<>();
        for (int i = 0; i < bars.size(); i++) {
            rows.put(bars.get(i).end(), i);
        }
        long compared = 0;
        for (Map.Entry<String, List<FactorValue>> entry : stored.entrySet()) {
            for (FactorValue value : entry.getValue()) {
                long bits = expected.get(entry.getKey())[rows.get(value.asOf())];
                assertEquals(entry.getKey() + " at " + value.asOf(), Long.toHexString(bits),
                        Long.toHexString(Double.doubleToRawLongBits(value.value())));
                compared++;
            }
        }
        return compared;
    }

    /** The factor lines of what {@link ExpectedAlpha158} wrote. */
    private static Map<String, long[]> readExpected(Path file) throws IOException {
        Map<String, long[]> values = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] cells = line.split("\t");
            if (!cells[0].equals("bar")) {
                long[] bits = new long[cells.length - 1];
                for (int i = 1; i < cells.length; i++) {
                    bits[i - 1] = Long.parseUnsignedLong(cells[i], 16);
                }
                values.put(cells[0], bits);
            }
        }
        return values;
    }
}
