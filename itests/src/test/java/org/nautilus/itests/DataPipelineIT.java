package org.nautilus.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.marketdata.Bar;
import org.nautilus.api.marketdata.BarSpec;
import org.nautilus.api.research.FactorService;
import org.nautilus.api.research.FactorValue;
import org.nautilus.api.research.dataset.DataSource;
import org.nautilus.api.research.dataset.DatasetRequest;
import org.nautilus.api.research.dataset.DatasetService;
import org.nautilus.api.research.dataset.PanelDataset;
import org.nautilus.api.research.expression.FactorDefinition;
import org.nautilus.api.research.sentiment.SentimentScorer;
import org.nautilus.api.research.sentiment.SentimentService;
import org.nautilus.api.research.store.FactorStore;
import org.nautilus.api.research.store.TimeRange;
import org.nautilus.api.routes.RouteService;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The data pipeline in the running distribution: a route file backfills the shipped Apple daily bars (checked),
 * GENERATED fundamentals and GENERATED news through the nautilus-data: connectors into the factor store and the
 * sentiment service; nautilus:data-check reports the sample's holiday gaps; the fundamental plugin computes P/E
 * and the others on the stored bars, read back as of a date; the sentiment plugin scores as of dates; the replayed
 * bars give the fundamental library's expressions live, equal to the stored values.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DataPipelineIT extends NautilusTestSupport {

    private static final InstrumentId APPLE = InstrumentId.of("AAPL.NASDAQ");
    private static final BarSpec DAY = BarSpec.time(Duration.ofDays(1));
    private static final String FUNDAMENTALS = "nautilus.itest.data.fundamentals";
    private static final String NEWS = "nautilus.itest.data.news";
    private static final String WEKA_NEWS = "nautilus.itest.data.weka-news";

    @Configuration
    public Option[] config() throws Exception {
        List<Option> options = new ArrayList<>(Arrays.asList(distribution()));
        options.add(systemProperty(FUNDAMENTALS).value(write("generated-fundamentals-pipeline.csv", String.join("\n",
                "instrument,period_end,published,field,value",
                "AAPL.NASDAQ,2012-03-31,2012-04-25T21:30:00Z,eps,12.30",
                "AAPL.NASDAQ,2012-06-30,2012-07-25T21:30:00Z,eps,9.32",
                "AAPL.NASDAQ,2012-09-30,2012-10-25T21:30:00Z,eps,8.67",
                "AAPL.NASDAQ,2012-12-31,2013-01-23T21:30:00Z,eps,13.81",
                "AAPL.NASDAQ,2012-12-31,2013-01-23T21:30:00Z,book,135.00",
                "AAPL.NASDAQ,2013-03-31,2013-04-23T21:30:00Z,eps,10.09",
                "AAPL.NASDAQ,2012-12-31,2013-04-23T21:30:00Z,eps,13.87", ""))));
        options.add(systemProperty(NEWS).value(write("generated-news-pipeline.jsonl", String.join("\n",
                item("2013-02-05T14:00:00Z", "beats estimates, raises guidance"),
                item("2013-03-12T15:00:00Z", "upgrade on strong demand"),
                item("2013-09-10T14:00:00Z", "downgrade, weak demand"),
                item("2013-11-20T14:00:00Z", "lawsuit and a recall"), ""))));
        // Headlines in words the lexicon does not know (it scores each 0); the trained scorer learnt them.
        options.add(systemProperty(WEKA_NEWS).value(write("generated-news-weka.jsonl", String.join("\n",
                item("2013-04-02T14:00:00Z", "tops forecasts, shares rally on margin expansion"),
                item("2013-04-03T15:00:00Z", "wins major contract and a dividend hike"),
                item("2013-10-01T14:00:00Z", "shares slump as layoffs announced"),
                item("2013-10-02T14:00:00Z", "asset writedown and a regulator subpoena"), ""))));
        return options.toArray(Option[]::new);
    }

    /** GENERATED figures and headlines (not real data; none ship with the project). */
    private static String write(String name, String text) throws Exception {
        Path file = Path.of("target", name).toAbsolutePath();
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file.toString();
    }

    private static String item(String time, String words) {
        return "{\"time\":\"" + time
                + "\",\"instruments\":[\"AAPL.NASDAQ\"],\"source\":\"gen-wire\",\"text\":\"[GENERATED] "
                + words + "\"}";
    }

    @Test
    public void aRouteFileBackfillsBarsFundamentalsAndNewsAndThePluginsAnswerAsOfADate() throws Exception {
        executeCommand("feature:install nautilus-factor-fundamental nautilus-factor-sentiment");
        FactorStore store = service(FactorStore.class, null);
        SentimentService sentiment = service(SentimentService.class, null);

        String check = executeCommand("nautilus:data-check samples/appleinc_bars_from_20130101_usd.csv");
        assertTrue(check, check.contains("appleinc_bars_from_20130101_usd.csv: 252 rows, 8 issues (GAP 8)"));
        assertTrue(check, check.contains("2013-07-04"));

        Path routes = Path.of(System.getProperty("karaf.etc"), "routes", "itest-data.yaml");
        Path temporary = routes.resolveSibling("itest-data.yaml.tmp");
        Files.writeString(temporary, """
                - route:
                    id: itest-bars
                    from:
                      uri: "nautilus-data:apple"
                      parameters:
                        kind: bars
                        file: samples/appleinc_bars_from_20130101_usd.csv
                        symbol: AAPL.NASDAQ
                      steps:
                        - to: "nautilus-data:store"
                - route:
                    id: itest-fundamentals
                    from:
                      uri: "nautilus-data:fundamentals"
                      parameters: {kind: fundamentals, file: "%s"}
                      steps:
                        - to: "nautilus-data:store"
                - route:
                    id: itest-news
                    from:
                      uri: "nautilus-data:news"
                      parameters: {kind: news, file: "%s"}
                      steps:
                        - to: "nautilus-data:store"
                """.formatted(System.getProperty(FUNDAMENTALS), System.getProperty(NEWS)));
        Files.move(temporary, routes, StandardCopyOption.ATOMIC_MOVE);

        await("the Apple bars in the store", STARTUP, () -> store.instruments().contains(APPLE)
                ? store.bars(APPLE, DAY, TimeRange.ALL).size()
                : 0, n -> n == 252);
        await("the fundamentals in the store", STARTUP, () -> {
            try {
                return store.fundamentalHistory(APPLE).size();
            } catch (IllegalArgumentException notYet) {
                return 0;
            }
        }, n -> n == 7);
        await("the news in the sentiment service", STARTUP, () -> sentiment.items(APPLE), n -> n == 4);

        String computed = executeCommand("nautilus:fundamental-factors AAPL.NASDAQ");
        assertTrue(computed, computed.contains("1/1 AAPL.NASDAQ:"));
        // as of 28 June 2013: the restated Q4 (13.87) and Q1 2013 are known; TTM EPS sums the latest four quarters
        Instant june28 = TimeRange.endOfDay(LocalDate.parse("2013-06-28"));
        List<Bar> bars = store.bars(APPLE, DAY, TimeRange.ALL);
        Bar lastKnown = bars.stream().filter(b -> !b.end().isAfter(june28)).reduce((a, b) -> b).orElseThrow();
        double ttm = 10.09 + 13.87 + 8.67 + 9.32;
        double pe = lastKnown.close().toBigDecimal().doubleValue() / ttm;
        List<FactorValue> history = store.history("PE", List.of(APPLE), DAY, TimeRange.ALL, june28);
        FactorValue last = history.get(history.size() - 1);
        assertEquals(lastKnown.end(), last.asOf());
        assertEquals(pe, last.value(), 0.0);
        // before the Q4 2012 figure (23 January) only three quarters are known: no P/E
        assertEquals(lastKnown.end() + " first P/E", Instant.parse("2013-01-24T00:00:00Z"), history.get(0).asOf());
        String shown = executeCommand("nautilus:factor-history --as-of 2013-06-28 -n 1 PE AAPL.NASDAQ");
        assertTrue(shown, shown.contains(String.format(Locale.ROOT, "%.4f", pe)));

        String before = executeCommand("nautilus:sentiment --as-of 2013-03-29 AAPL.NASDAQ");
        String after = executeCommand("nautilus:sentiment --as-of 2013-12-20 AAPL.NASDAQ");
        assertTrue(before + after,
                sentiment.score(APPLE, TimeRange.endOfDay(LocalDate.parse("2013-03-29"))).getAsDouble() > 0.9);
        assertTrue(before + after,
                sentiment.score(APPLE, TimeRange.endOfDay(LocalDate.parse("2013-12-20"))).getAsDouble() < -0.9);
        assertTrue(before, before.contains("AAPL.NASDAQ") && before.contains("lexicon scorer"));
        assertTrue(sentiment.score(APPLE, Instant.parse("2013-02-05T13:59:59Z")).isEmpty());

        // The same expressions live: replayed, the Apple bars give the fundamental library's values from the store's
        // fundamentals ($eps, PSum($eps,4), $book as published by each bar's end), bit for bit the backfilled ones.
        FactorService factors = service(FactorService.class, null);
        service(RouteService.class, null).start("replay-apple-daily");
        Instant lastEnd = bars.get(bars.size() - 1).end();
        await("live P/E after the last replayed bar", Duration.ofSeconds(90), () -> factors.latest("PE", APPLE),
                v -> v.isPresent() && v.get().asOf().equals(lastEnd));
        int compared = 0;
        for (String factor : List.of("PE", "PB", "EARNINGS_YIELD", "ROE")) {
            List<FactorValue> live = factors.history(factor, APPLE, DAY);
            List<FactorValue> stored = store.history(factor, List.of(APPLE), DAY, TimeRange.ALL, Instant.MAX);
            int offset = stored.size() - live.size(); // the live history keeps the last history.size values
            assertTrue(factor + ": " + live.size() + " live, " + stored.size() + " stored", offset >= 0);
            for (int i = 0; i < live.size(); i++) {
                FactorValue s = stored.get(offset + i);
                assertEquals(factor, s.asOf(), live.get(i).asOf());
                assertEquals(factor + " at " + s.asOf(), Double.doubleToRawLongBits(s.value()),
                        Double.doubleToRawLongBits(live.get(i).value()));
                compared++;
            }
        }
        assertTrue("live values compared: " + compared, compared > 4 * 100);

        // A dataset over the shipped Apple sample reads the same stored fundamentals: its PSum($eps,4)/$close is the
        // backfilled EARNINGS_YIELD of each bar (a dataset's date is its bar's start, a stored value's asOf its end).
        PanelDataset panel = service(DatasetService.class, null).build(DatasetRequest.of(
                new DataSource.Samples("aapl-daily"), List.of(new FactorDefinition("EY", "PSum($eps,4)/$close", ""))));
        Map<LocalDate, Double> stored = new HashMap<>();
        for (FactorValue v : store.history("EARNINGS_YIELD", List.of(APPLE), DAY, TimeRange.ALL, Instant.MAX)) {
            stored.put(v.asOf().atZone(ZoneOffset.UTC).toLocalDate().minusDays(1), v.value());
        }
        int known = 0;
        for (int row = 0; row < panel.rows(); row++) {
            double expected = stored.getOrDefault(panel.date(row), Double.NaN); // a missing value is not stored
            assertEquals("EY on " + panel.date(row), expected, panel.feature(row, 0), 0.0);
            known += Double.isNaN(expected) ? 0 : 1;
        }
        assertTrue("dataset rows with an earnings yield: " + known, known > 100);
    }

    /**
     * The Weka sentiment scorer plugin: installed, it trains from the shipped GENERATED labelled headlines and saves
     * its model under data/; with {@code scorer = weka} in etc/nautilus.sentiment.cfg the news a route loads are
     * scored by it, and a dataset's {@code $sentiment} reads those scores as of each bar.
     */
    @Test
    public void theWekaScorerSelectedByConfigScoresTheRoutesNewsForTheSentimentFactor() throws Exception {
        executeCommand("feature:install nautilus-factor-sentiment nautilus-factor-sentiment-weka");
        SentimentScorer weka = service(SentimentScorer.class, "(scorer.name=weka)");
        SentimentScorer lexicon = service(SentimentScorer.class, "(scorer.name=lexicon)");
        Path model = Path.of(System.getProperty("karaf.home"), "data", "sentiment", "weka-sentiment.model");
        assertTrue(model + " saved", Files.isRegularFile(model));
        String rally = "[GENERATED] AAPL.NASDAQ: tops forecasts, shares rally on margin expansion";
        assertEquals(0.0, lexicon.score(rally), 0.0);
        double trained = weka.score(rally);
        assertTrue("weka: " + trained, trained > 0.5);
        // Started again, it loads the saved model (Weka's deserialization inside OSGi): the same score.
        long modified = Files.getLastModifiedTime(model).toMillis();
        executeCommand("bundle:restart nautilus-factor-sentiment-weka");
        SentimentScorer loaded = await("the weka scorer again", STARTUP,
                () -> service(SentimentScorer.class, "(scorer.name=weka)"), s -> s != weka);
        assertEquals(trained, loaded.score(rally), 0.0);
        assertEquals("the model was loaded, not trained and saved again", modified,
                Files.getLastModifiedTime(model).toMillis());

        org.osgi.service.cm.Configuration config = service(ConfigurationAdmin.class, null)
                .getConfiguration("nautilus.sentiment", null);
        Dictionary<String, Object> before = config.getProperties();
        Hashtable<String, Object> withWeka = new Hashtable<>();
        for (var keys = before.keys(); keys.hasMoreElements();) {
            String key = keys.nextElement();
            withWeka.put(key, before.get(key));
        }
        withWeka.put("scorer", "weka");
        config.update(withWeka);
        Path routes = Path.of(System.getProperty("karaf.etc"), "routes", "itest-weka-news.yaml");
        try {
            SentimentService sentiment = await("the sentiment service with the weka scorer", STARTUP,
                    () -> service(SentimentService.class, null), s -> s.scorer().equals("weka"));
            Path temporary = routes.resolveSibling("itest-weka-news.yaml.tmp");
            Files.writeString(temporary, """
                    - route:
                        id: itest-weka-news
                        from:
                          uri: "nautilus-data:weka-news"
                          parameters: {kind: news, file: "%s"}
                          steps:
                            - to: "nautilus-data:store"
                    """.formatted(System.getProperty(WEKA_NEWS)));
            Files.move(temporary, routes, StandardCopyOption.ATOMIC_MOVE);
            await("the news scored by weka", STARTUP, () -> sentiment.items(APPLE), n -> n == 4);

            Instant april = TimeRange.endOfDay(LocalDate.parse("2013-04-05"));
            Instant october = TimeRange.endOfDay(LocalDate.parse("2013-10-04"));
            assertTrue("April: " + sentiment.score(APPLE, april), sentiment.score(APPLE, april).getAsDouble() > 0.5);
            assertTrue("October: " + sentiment.score(APPLE, october),
                    sentiment.score(APPLE, october).getAsDouble() < -0.5);
            String shown = executeCommand("nautilus:sentiment --as-of 2013-04-05 AAPL.NASDAQ");
            assertTrue(shown, shown.contains("weka scorer"));

            // The sentiment factor: a dataset's $sentiment over the Apple sample is the weka-scored sentiment known
            // at each bar's end (the bar's date is its start).
            PanelDataset panel = service(DatasetService.class, null).build(DatasetRequest.of(
                    new DataSource.Samples("aapl-daily"), List.of(new FactorDefinition("SENT", "$sentiment", ""))));
            int positive = 0;
            int negative = 0;
            for (int row = 0; row < panel.rows(); row++) {
                Instant end = panel.date(row).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
                double expected = sentiment.score(panel.instrument(row), end).orElse(Double.NaN);
                assertEquals("$sentiment on " + panel.date(row), expected, panel.feature(row, 0), 0.0);
                positive += expected > 0.5 ? 1 : 0;
                negative += expected < -0.5 ? 1 : 0;
            }
            assertTrue(positive + " positive rows, " + negative + " negative", positive > 5 && negative > 5);
        } finally {
            Files.deleteIfExists(routes);
            config.update(before); // the lexicon again, for the other test of this container
        }
    }
}
