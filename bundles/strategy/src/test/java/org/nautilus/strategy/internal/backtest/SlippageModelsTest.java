package org.nautilus.strategy.internal.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.OrderStatus;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.marketdata.Bar;
import org.nautilus.api.strategy.BacktestSpec;
import org.nautilus.api.strategy.Strategy;
import org.nautilus.api.strategy.StrategyContext;
import org.nautilus.api.strategy.StrategyHandler;
import org.nautilus.routes.internal.replay.MarketDataFilesComponent;

/**
 * The backtest's slippage models end to end, against values computed by hand: a half-spread in ticks, the
 * square-root impact of an order's size on the last bar's volume and the bars' volatility, partial fills against a
 * bar's volume.
 *
 * <p>The data: four daily bars of XYZ closing at 100, 102, 99, 101 with a volume of 10,000 each. The strategy trades
 * at the last close. Close-to-close returns 0.02, −0.0294118, 0.0202020; their sample standard deviation σ =
 * 0.0285864.
 */
class SlippageModelsTest {

    private static final InstrumentId XYZ = InstrumentId.of("XYZ");
    private static final Instant DAY0 = Instant.parse("2024-03-04T00:00:00Z");
    private static final String[] CLOSES = {"100", "102", "99", "101"};

    @TempDir
    Path dir;

    /** Runs {@code orders} at the last bar's close. */
    private record AtLastClose(Consumer<StrategyContext> orders) implements Strategy {
        @Override
        public String description() {
            return "at-last-close";
        }

        @Override
        public StrategyHandler start(StrategyContext context) {
            return new StrategyHandler() {
                @Override
                public void onBar(Bar bar) {
                    if (bar.end().equals(DAY0.plus(Duration.ofDays(CLOSES.length)))) {
                        orders.accept(context);
                    }
                }
            };
        }
    }

    private BacktestEngine.Outcome run(BacktestSpec.Execution execution, Map<String, String> parameters,
            Consumer<StrategyContext> orders) throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < CLOSES.length; i++) {
            String c = CLOSES[i];
            lines.add("{\"type\":\"bar\",\"symbol\":\"XYZ\",\"start\":\"" + DAY0.plus(Duration.ofDays(i))
                    + "\",\"end\":\""
                    + DAY0.plus(Duration.ofDays(i + 1)) + "\",\"open\":\"" + c + "\",\"high\":\"" + c
                    + "\",\"low\":\"" + c + "\",\"close\":\"" + c + "\",\"volume\":\"10000\"}");
        }
        Files.write(dir.resolve("xyz.jsonl"), lines);
        BacktestSpec spec = new BacktestSpec("at-last-close", parameters,
                List.of(new BacktestSpec.DataFile("xyz.jsonl", "json-lines", XYZ, Duration.ofDays(1))), null, null,
                new BigDecimal("1000000"), execution, Map.of(), Duration.ofDays(1), 252);
        BacktestEngine.Outcome outcome = new BacktestEngine(spec, new AtLastClose(orders),
                new MarketDataFilesComponent(), dir, true).run(line -> {});
        assertThat(outcome.failure()).isNull();
        return outcome;
    }

    /** No bps slippage, the whole volume shown, no fees. */
    private static BacktestSpec.Execution plain(BigDecimal participation) {
        return new BacktestSpec.Execution(BigDecimal.ZERO, participation, Duration.ZERO, BigDecimal.ZERO,
                BigDecimal.ZERO);
    }

    private static List<String> fills(BacktestEngine.Outcome outcome) {
        return outcome.fills().stream().map(f -> f.side() + " " + f.quantity() + "@" + f.price()).toList();
    }

    @Test
    void ticksQuoteThatManyTicksEitherSideOfTheClose() throws IOException {
        // tick 0.05, 3 ticks: the close 101 is quoted 100.85 / 101.15.
        BacktestEngine.Outcome outcome = run(plain(BigDecimal.ONE).withSlippage(BacktestSpec.Slippage.ticks(3)),
                Map.of("tick.size", "0.05"), c -> {
                    c.market(XYZ, Quantity.ofWhole(100));
                    c.market(XYZ, Quantity.ofWhole(-40));
                });
        assertThat(fills(outcome)).containsExactly("BUY 100@101.15", "SELL 40@100.85");
    }

    @Test
    void squareRootImpactMovesATakersFillByKSigmaRootOfItsShareOfTheVolume() throws IOException {
        // No bps: the close is quoted 101.00 / 101.01 (a tick apart). A buy of 400 of a 10,000 volume, k = 1:
        // 0.0285864 × √0.04 × 101.01 = 0.5775, up to the tick 0.58 → 101.59. A sell of 400: 0.0285864 × 0.2 × 101.00
        // = 0.5774 → 0.58 → 100.42. With k = 0.5 the buy moves 0.2888 → 0.29 → 101.30.
        BacktestSpec.Execution one = plain(BigDecimal.ONE)
                .withSlippage(BacktestSpec.Slippage.sqrtImpact(BigDecimal.ONE, 20));
        assertThat(fills(run(one, Map.of(), c -> c.market(XYZ, Quantity.ofWhole(400)))))
                .containsExactly("BUY 400@101.59");
        assertThat(fills(run(one, Map.of(), c -> c.market(XYZ, Quantity.ofWhole(-400)))))
                .containsExactly("SELL 400@100.42");
        BacktestSpec.Execution half = plain(BigDecimal.ONE)
                .withSlippage(BacktestSpec.Slippage.sqrtImpact(new BigDecimal("0.5"), 20));
        assertThat(fills(run(half, Map.of(), c -> c.market(XYZ, Quantity.ofWhole(400)))))
                .containsExactly("BUY 400@101.3");
    }

    @Test
    void aMarketableLimitOrderPaysItsImpactOnlyUpToItsLimit() throws IOException {
        BacktestSpec.Execution one = plain(BigDecimal.ONE)
                .withSlippage(BacktestSpec.Slippage.sqrtImpact(BigDecimal.ONE, 20));
        assertThat(fills(run(one, Map.of(), c -> c.limit(XYZ, Quantity.ofWhole(400), Price.of("101.20")))))
                .containsExactly("BUY 400@101.2");
    }

    @Test
    void theImpactsVolatilityIsTheSampleDeviationOfTheWindowsReturns() {
        SquareRootImpact impact = new SquareRootImpact(1, 2);
        for (int i = 0; i < CLOSES.length; i++) {
            impact.onBar(new Bar(XYZ, DAY0.plus(Duration.ofDays(i)), DAY0.plus(Duration.ofDays(i + 1)),
                    Price.of(CLOSES[i]), Price.of(CLOSES[i]), Price.of(CLOSES[i]), Price.of(CLOSES[i]),
                    Quantity.ofWhole(10_000)));
            if (i == 1) {
                assertThat(impact.sigma(XYZ)).isNaN();
                assertThat(impact.of(XYZ, Price.of("102").raw(), Quantity.ofWhole(400).raw())).isZero();
            }
        }
        // The window of 2 keeps −0.0294118 and 0.0202020: σ = |difference| / √2 = 0.0351987.
        assertThat(impact.sigma(XYZ)).isCloseTo((0.0202020202 + 0.0294117647) / Math.sqrt(2), within(1e-9));
    }

    @Test
    void aMarketOrderLargerThanTheBarsShownVolumeFillsInPartAndTheRestIsCanceled() throws IOException {
        // participation 0.1 of 10,000: 1,000 shown at the close; a market buy of 1,500 fills 1,000.
        BacktestEngine.Outcome outcome = run(plain(new BigDecimal("0.1")), Map.of(),
                c -> c.market(XYZ, Quantity.ofWhole(1500)));
        assertThat(fills(outcome)).containsExactly("BUY 1000@101.01");
        assertThat(outcome.orders()).singleElement().satisfies(o -> {
            assertThat(o.status()).isEqualTo(OrderStatus.CANCELED);
            assertThat(o.filledQuantity()).isEqualTo(Quantity.ofWhole(1000));
        });
    }

    @Test
    void theSpecSelectsTheModelAndRefusesABadOneNamingIt() {
        Map<String, String> base = Map.of("strategy", "x", "data.1.file", "f.csv", "data.1.format", "bars-csv",
                "data.1.symbol", "XYZ");
        assertThat(BacktestSpec.fromProperties(base).execution().slippage()).isEqualTo(BacktestSpec.Slippage.BPS);
        Map<String, String> ticks = new HashMap<>(base);
        ticks.put("slippage.model", "ticks");
        ticks.put("slippage.ticks", "2");
        assertThat(BacktestSpec.fromProperties(ticks).execution().slippage())
                .isEqualTo(BacktestSpec.Slippage.ticks(2));
        Map<String, String> impact = new HashMap<>(base);
        impact.put("slippage.model", "sqrt-impact");
        impact.put("impact.k", "0.7");
        impact.put("impact.window", "30");
        assertThat(BacktestSpec.fromProperties(impact).execution().slippage())
                .isEqualTo(BacktestSpec.Slippage.sqrtImpact(new BigDecimal("0.7"), 30));
        Map<String, String> bad = new HashMap<>(base);
        bad.put("slippage.model", "random");
        assertThatThrownBy(() -> BacktestSpec.fromProperties(bad)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("slippage.model must be bps, ticks or sqrt-impact, got 'random'");
        ticks.put("slippage.ticks", "0");
        assertThatThrownBy(() -> BacktestSpec.fromProperties(ticks)).hasMessageContaining(
                "slippage.ticks must be at least 1, got 0");
    }

    @Test
    void anImpactRunIsByteIdenticalTwice() throws IOException {
        BacktestSpec.Execution one = plain(BigDecimal.ONE)
                .withSlippage(BacktestSpec.Slippage.sqrtImpact(BigDecimal.ONE, 20));
        Consumer<StrategyContext> orders = c -> {
            c.market(XYZ, Quantity.ofWhole(400));
            c.market(XYZ, Quantity.ofWhole(-150));
        };
        assertThat(fills(run(one, Map.of(), orders))).isEqualTo(fills(run(one, Map.of(), orders)));
    }
}
