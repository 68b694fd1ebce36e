package org.nautilus.routes.internal.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nautilus.api.domain.Instrument;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.marketdata.Bar;
import org.nautilus.api.marketdata.BarSpec;
import org.nautilus.marketdata.internal.MarketDataGateway;
import org.nautilus.routes.internal.component.Gateways;
import org.nautilus.routes.internal.runtime.CamelRuntime;
import org.nautilus.testsupport.Await;

/** Replays the real sample files through a route file into the gateway. */
class ReplayRouteTest {

    private static final InstrumentId BTC = InstrumentId.of("BTC-USD.BITSTAMP");
    /** Bars in ETH-USD-PT5M-2023-3-13_2023-3-15.json. */
    private static final int ETH_BARS = 580;
    private static final BarSpec MINUTE = BarSpec.time(Duration.ofMinutes(1));

    @TempDir
    Path dir;

    private MarketDataGateway gateway;
    private CamelRuntime runtime;

    @BeforeEach
    void start() {
        gateway = new MarketDataGateway(Clock.systemUTC(), Duration.ofSeconds(1), List.of(MINUTE), 20_000, 1024);
        gateway.define(new Instrument(BTC, "USD", Price.of("0.01"), Quantity.of("0.00000001"),
                Quantity.of("0.00000001"), Quantity.ofWhole(1000), Quantity.ofWhole(1)));
        gateway.define(Instrument.equity("AAPL", "USD"));
        runtime = new CamelRuntime(getClass().getClassLoader(), new Gateways(() -> gateway), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        runtime.close();
        gateway.close();
    }

    @Test
    void theBitstampTradesReplayedGiveTheOneMinuteBarsComputedIndependentlyFromTheFile() throws Exception {
        Path trades = copy("bitstamp_trades_from_20131125_usd.csv");
        Files.createDirectories(dir.resolve("routes"));
        Files.writeString(dir.resolve("routes/replay.yaml"), """
                - route:
                    id: replay-bitstamp
                    from:
                      uri: "nautilus-replay:bitstamp"
                      parameters:
                        file: "%s"
                        format: trades-csv
                        symbol: BTC-USD.BITSTAMP
                        batch: 500
                      steps:
                        - to: "nautilus:marketdata"
                """.formatted(trades));

        runtime.watch(dir.resolve("routes"), Duration.ofSeconds(10));

        Map<Instant, BigDecimal[]> expected = minuteBars(trades);
        await(() -> gateway.bars(BTC, MINUTE, 20_000).size() == expected.size());
        List<Bar> bars = gateway.bars(BTC, MINUTE, 20_000);
        int i = 0;
        for (Map.Entry<Instant, BigDecimal[]> e : expected.entrySet()) {
            Bar bar = bars.get(i++);
            BigDecimal[] ohlcv = e.getValue();
            assertThat(bar.start()).isEqualTo(e.getKey());
            assertThat(bar.end()).isEqualTo(e.getKey().plusSeconds(60));
            assertThat(bar.open().toBigDecimal()).isEqualByComparingTo(ohlcv[0]);
            assertThat(bar.high().toBigDecimal()).isEqualByComparingTo(ohlcv[1]);
            assertThat(bar.low().toBigDecimal()).isEqualByComparingTo(ohlcv[2]);
            assertThat(bar.close().toBigDecimal()).isEqualByComparingTo(ohlcv[3]);
            assertThat(bar.volume().toBigDecimal()).as("volume of " + e.getKey()).isEqualByComparingTo(ohlcv[4]);
        }
        assertThat(gateway.mark(BTC)).contains(Price.of("999"));
        assertThat(gateway.stats()).filteredOn(s -> s.instrumentId().equals(BTC))
                .singleElement().satisfies(s -> assertThat(s.lateTicks()).isZero());
    }

    @Test
    void theAppleDailyBarsReplayedInRealTimeArriveInOrderAndFeedTheMark() throws Exception {
        Path bars = copy("appleinc_bars_from_20130101_usd.csv");
        Files.createDirectories(dir.resolve("routes"));
        // 252 trading days at 1 market day per 2 ms: about a second
        Files.writeString(dir.resolve("routes/apple.yaml"),
                """
                        - route:
                            id: replay-apple
                            from:
                              uri: "nautilus-replay:apple?format=bars-csv&symbol=AAPL&interval=P1D&pace=realtime&speed=43200000&file=%s"
                              steps:
                                - to: "nautilus:marketdata"
                        """
                        .formatted(bars));
        long started = System.nanoTime();

        runtime.watch(dir.resolve("routes"), Duration.ofSeconds(10));

        BarSpec daily = BarSpec.time(Duration.ofDays(1));
        await(() -> gateway.barSpecs().contains(daily)
                && gateway.bars(InstrumentId.of("AAPL"), daily, 1000).size() == 252);
        long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertThat(elapsedMs).as("paced, not instant").isGreaterThan(400);
        assertThat(gateway.mark(InstrumentId.of("AAPL"))).contains(Price.of("561.02"));
    }

    @Test
    void theShippedSampleReplaysLoadStoppedAndStartOnDemand() throws Exception {
        Path home = dir.resolve("karaf");
        Files.createDirectories(home.resolve("samples"));
        Files.createDirectories(home.resolve("etc/routes"));
        for (String sample : new String[] {"bitstamp_trades_from_20131125_usd.csv",
                "appleinc_bars_from_20130101_usd.csv", "ETH-USD-PT5M-2023-3-13_2023-3-15.json"}) {
            Files.move(copy(sample), home.resolve("samples").resolve(sample));
        }
        Files.copy(Path.of("../../karaf-distribution/src/main/resources/etc/routes/sample-replays.yaml"),
                home.resolve("etc/routes/sample-replays.yaml"));
        InstrumentId eth = InstrumentId.of("ETH-USD.BINANCEUS");
        gateway.define(new Instrument(eth, "USD", Price.of("0.01"), Quantity.of("0.0001"), Quantity.of("0.0001"),
                Quantity.ofWhole(1000), Quantity.ofWhole(1)));
        String previousHome = System.getProperty("karaf.home");
        System.setProperty("karaf.home", home.toString());
        try {
            runtime.watch(home.resolve("etc/routes"), Duration.ofSeconds(10));
        } finally {
            if (previousHome == null) {
                System.clearProperty("karaf.home");
            } else {
                System.setProperty("karaf.home", previousHome);
            }
        }

        assertThat(runtime.files()).singleElement().satisfies(f -> assertThat(f.error()).isNull());
        assertThat(runtime.routes()).extracting(r -> r.id() + "=" + r.state())
                .containsExactly("replay-apple-daily=Stopped", "replay-bitstamp=Stopped", "replay-eth-5m=Stopped");

        runtime.start("replay-eth-5m");
        BarSpec fiveMinutes = BarSpec.time(Duration.ofMinutes(5));
        await(() -> gateway.mark(eth).equals(Optional.of(Price.of("1629.52"))));
        assertThat(gateway.bars(eth, fiveMinutes, 1000)).hasSize(ETH_BARS);
    }

    /** One-minute OHLCV straight from the CSV text, without any of the code under test. */
    private static Map<Instant, BigDecimal[]> minuteBars(Path file) throws Exception {
        Map<Instant, BigDecimal[]> bars = new TreeMap<>();
        List<String> lines = Files.readAllLines(file);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            long seconds = Long.parseLong(f[0]);
            BigDecimal price = new BigDecimal(f[1]);
            BigDecimal amount = new BigDecimal(f[2]);
            if (amount.signum() == 0) {
                continue; // not a trade
            }
            Instant minute = Instant.ofEpochSecond(seconds - Math.floorMod(seconds, 60));
            BigDecimal[] b = bars.get(minute);
            if (b == null) {
                bars.put(minute, new BigDecimal[] {price, price, price, price, amount});
            } else {
                b[1] = b[1].max(price);
                b[2] = b[2].min(price);
                b[3] = price; // the file is in time order: the last trade of the minute is the close
                b[4] = b[4].add(amount);
            }
        }
        return bars;
    }

    private Path copy(String resource) throws Exception {
        Path target = dir.resolve(resource);
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(resource)) {
            Files.copy(in, target);
        }
        return target;
    }

    private static void await(BooleanSupplier condition) {
        Await.until("the condition", Duration.ofSeconds(20), condition);
    }
}
