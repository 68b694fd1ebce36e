package org.nautilus.strategy.internal.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nautilus.api.domain.Fill;
import org.nautilus.api.domain.Side;
import org.nautilus.api.marketdata.Bar;
import org.nautilus.api.strategy.BacktestSpec;
import org.nautilus.api.strategy.Strategy;
import org.nautilus.api.strategy.StrategyContext;
import org.nautilus.api.strategy.StrategyHandler;
import org.nautilus.routes.internal.replay.MarketDataFilesComponent;
import org.nautilus.strategy.internal.analytics.EquityPoint;
import org.nautilus.strategy.macross.internal.MaCrossStrategy;

/** The backtest engine over the shipped Apple daily bars, checked against the file read independently. */
class BacktestEngineTest {

    @TempDir
    Path dir;

    private BacktestEngine.Outcome run(BacktestSpec spec, Strategy strategy) throws IOException {
        return new BacktestEngine(spec, strategy, new MarketDataFilesComponent(), dir, true).run(line -> {});
    }

    /** The Apple file's rows: date and close, read here with plain string splitting. */
    private List<String[]> appleRows() throws IOException {
        List<String> lines = Files.readAllLines(dir.resolve(SampleData.APPLE_FILE));
        List<String[]> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            rows.add(line.split(","));
        }
        return rows;
    }

    @Test
    void theMaCrossTradesEveryCrossingAtTheCloseAcrossTheHalfSpreadAndTheEquityIsItsCashFlows() throws IOException {
        // rsi.max above 100 turns the RSI filter off, so the crossings alone decide (computed again below).
        BacktestSpec spec = SampleData.apple(dir, "ma-cross", Map.of("fast", "5", "slow", "20", "rsi.max", "101",
                "quantity", "100"), SampleData.defaults());
        BacktestEngine.Outcome outcome = run(spec, new MaCrossStrategy());
        assertThat(outcome.failure()).isNull();

        List<String[]> rows = appleRows();
        List<String> expected = new ArrayList<>();
        boolean longNow = false;
        for (int i = 19; i < rows.size(); i++) {
            double fast = 0;
            double slow = 0;
            for (int k = i - 19; k <= i; k++) {
                double close = Double.parseDouble(rows.get(k)[4]);
                slow += close / 20;
                if (k > i - 5) {
                    fast += close / 5;
                }
            }
            BigDecimal close = new BigDecimal(rows.get(i)[4]);
            BigDecimal half = close.multiply(new BigDecimal("0.0005"));
            if (fast > slow && !longNow) {
                longNow = true;
                expected.add("BUY " + rows.get(i)[0] + " @ " + close.add(half).setScale(2, RoundingMode.CEILING));
            } else if (fast < slow && longNow) {
                longNow = false;
                expected.add("SELL " + rows.get(i)[0] + " @ " + close.subtract(half).setScale(2, RoundingMode.FLOOR));
            }
        }
        List<String> actual = outcome.fills().stream().map(f -> f.side() + " "
                + LocalDate.ofInstant(f.timestamp().minus(Duration.ofDays(1)), ZoneOffset.UTC) + " @ "
                + f.price().toBigDecimal().setScale(2, RoundingMode.UNNECESSARY)).toList();
        assertThat(expected).hasSizeGreaterThan(4);
        assertThat(actual).containsExactlyElementsOf(expected);
        assertThat(outcome.fills())
                .allSatisfy(f -> assertThat(f.quantity().toBigDecimal()).isEqualByComparingTo("100"));

        // Equity at the end = cash − Σ signed notional − Σ commissions + position × last close.
        double cash = 100_000;
        double position = 0;
        for (Fill f : outcome.fills()) {
            double q = f.signedQuantity().toBigDecimal().doubleValue();
            double p = f.price().toBigDecimal().doubleValue();
            // Taker fee 1 bp of the notional.
            assertThat(f.commission().toBigDecimal().doubleValue()).isCloseTo(Math.abs(q * p) * 1e-4,
                    Offset.offset(1e-6));
            cash -= q * p + f.commission().toBigDecimal().doubleValue();
            position += q;
        }
        double lastClose = Double.parseDouble(rows.get(rows.size() - 1)[4]);
        EquityPoint last = outcome.equity().get(outcome.equity().size() - 1);
        assertThat(last.equity()).isCloseTo(cash + position * lastClose, Offset.offset(1e-6));
        // One equity point per trading day (the first at the start) and the metrics from that curve.
        assertThat(outcome.equity()).hasSize(rows.size() + 1);
        assertThat(outcome.metrics().endEquity()).isEqualTo(last.equity());
        assertThat(outcome.events()).isEqualTo(2L * rows.size());
    }

    @Test
    void twoRunsOfTheSameSpecGiveTheSameOrdersFillsAndEquity() throws IOException {
        BacktestSpec spec = SampleData.apple(dir, "ma-cross", Map.of("fast", "5", "slow", "20"), SampleData.defaults());
        BacktestEngine.Outcome first = run(spec, new MaCrossStrategy());
        BacktestEngine.Outcome second = run(spec, new MaCrossStrategy());
        assertThat(first.fills()).isNotEmpty();
        assertThat(second.orders()).isEqualTo(first.orders());
        assertThat(second.fills()).isEqualTo(first.fills());
        assertThat(second.equity()).isEqualTo(first.equity());
        assertThat(second.metrics()).isEqualTo(first.metrics());
    }

    @Test
    void withLatencyAnOrderSentAtTheCloseFillsAtTheQuoteStandingWhenItArrives() throws IOException {
        BacktestSpec.Execution slow = new BacktestSpec.Execution(new BigDecimal("5"), new BigDecimal("0.1"),
                Duration.ofHours(1), BigDecimal.ONE, BigDecimal.ONE);
        BacktestSpec spec = SampleData.apple(dir, "ma-cross", Map.of("fast", "5", "slow", "20", "rsi.max", "101"),
                slow);
        BacktestEngine.Outcome outcome = run(spec, new MaCrossStrategy());
        List<String[]> rows = appleRows();
        assertThat(outcome.fills()).isNotEmpty();
        for (Fill fill : outcome.fills()) {
            // Sent at the close of day D (its bar ends at D+1 00:00), it reaches the book an hour later, when the
            // book shows day D+1's open; after a Friday the book still shows Friday's close (no sessions).
            LocalDate day = LocalDate.ofInstant(fill.timestamp(), ZoneOffset.UTC);
            assertThat(fill.timestamp())
                    .isEqualTo(day.atStartOfDay(ZoneOffset.UTC).toInstant().plus(Duration.ofHours(1)));
            String[] trading = rows.stream().filter(r -> LocalDate.parse(r[0]).equals(day)).findFirst().orElse(null);
            String[] before = rows.stream().filter(r -> LocalDate.parse(r[0]).isBefore(day)).reduce((a, b) -> b)
                    .orElseThrow();
            BigDecimal open = new BigDecimal(trading != null ? trading[1] : before[4]);
            BigDecimal half = open.multiply(new BigDecimal("0.0005"));
            BigDecimal expected = fill.side() == Side.BUY ? open.add(half).setScale(2, RoundingMode.CEILING)
                    : open.subtract(half).setScale(2, RoundingMode.FLOOR);
            assertThat(fill.price().toBigDecimal()).isEqualByComparingTo(expected);
        }
    }

    @Test
    void aBarReachesTheStrategyOnlyAtItsEndAndHistoryNeverShowsTheFuture() throws IOException {
        List<String> violations = new ArrayList<>();
        List<Instant> seen = new ArrayList<>();
        Strategy peeking = new Strategy() {
            @Override
            public String description() {
                return "looks at everything it can";
            }

            @Override
            public StrategyHandler start(StrategyContext context) {
                return new StrategyHandler() {
                    @Override
                    public void onBar(Bar bar) {
                        seen.add(context.now());
                        if (!bar.end().equals(context.now())) {
                            violations.add("bar " + bar.end() + " delivered at " + context.now());
                        }
                        for (Bar b : context.bars(bar.instrumentId(), 10_000)) {
                            if (b.end().isAfter(context.now())) {
                                violations.add("history shows " + b.end() + " at " + context.now());
                            }
                        }
                        if (context.bars(bar.instrumentId(), 10_000).size() != seen.size()) {
                            violations.add(seen.size() + " bars delivered, history has "
                                    + context.bars(bar.instrumentId(), 10_000).size());
                        }
                    }
                };
            }
        };
        BacktestEngine.Outcome outcome = run(SampleData.apple(dir, "peek", Map.of(), SampleData.defaults()), peeking);
        assertThat(outcome.failure()).isNull();
        assertThat(seen).hasSize(appleRows().size()).isSorted();
        assertThat(violations).isEmpty();
    }

    @Test
    void aStrategyThatAsksForThePastIsStoppedWithTheReason() throws IOException {
        Strategy timeTraveller = new Strategy() {
            @Override
            public String description() {
                return "sets a timer in the past";
            }

            @Override
            public StrategyHandler start(StrategyContext context) {
                return new StrategyHandler() {
                    @Override
                    public void onBar(Bar bar) {
                        context.schedule("yesterday", bar.start());
                    }
                };
            }
        };
        BacktestEngine.Outcome outcome = run(SampleData.apple(dir, "back", Map.of(), SampleData.defaults()),
                timeTraveller);
        assertThat(outcome.failure()).contains("timer yesterday").contains("is in the past");
        assertThat(outcome.events()).isEqualTo(2);
    }

    @Test
    void dataOutOfTimeOrderIsRefusedNamingTheFile() throws IOException {
        Files.writeString(dir.resolve("shuffled.csv"), "date,open,high,low,close,volume\n"
                + "2013-01-03,10,11,9,10.5,1000\n2013-01-02,10,11,9,10.5,1000\n");
        BacktestSpec spec = new BacktestSpec("ma-cross", Map.of(), List.of(new BacktestSpec.DataFile("shuffled.csv",
                "bars-csv", SampleData.AAPL, Duration.ofDays(1))), null, null, new BigDecimal("1000"),
                SampleData.defaults(), Map.of(), Duration.ofDays(1), 252);
        assertThatThrownBy(() -> run(spec, new MaCrossStrategy())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("shuffled.csv").hasMessageContaining("out of time order");
    }

    @Test
    void aMissingFileIsRefusedBeforeAnythingRuns() {
        BacktestSpec spec = new BacktestSpec("ma-cross", Map.of(), List.of(new BacktestSpec.DataFile("nope.csv",
                "bars-csv", SampleData.AAPL, null)), null, null, new BigDecimal("1000"), SampleData.defaults(),
                Map.of(), Duration.ofDays(1), 252);
        assertThatThrownBy(() -> run(spec, new MaCrossStrategy())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("data file nope.csv not found");
    }
}
