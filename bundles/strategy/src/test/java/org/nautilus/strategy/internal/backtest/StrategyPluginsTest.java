package org.nautilus.strategy.internal.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nautilus.api.domain.Fill;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Side;
import org.nautilus.api.strategy.BacktestSpec;
import org.nautilus.routes.internal.replay.MarketDataFilesComponent;
import org.nautilus.strategy.crosssectional.internal.CrossSectionalStrategy;
import org.nautilus.strategy.marketmaker.internal.MarketMakerStrategy;

/** The market maker and the cross-sectional strategy in the backtest engine, on data whose answer is known. */
class StrategyPluginsTest {

    @TempDir
    Path dir;

    @Test
    void theMarketMakerRestsLimitOrdersThatFillAsMakerAndNeverHoldsMoreThanItsLimit() throws IOException {
        BacktestSpec.Execution fees = new BacktestSpec.Execution(new BigDecimal("2"), new BigDecimal("0.1"),
                Duration.ZERO, new BigDecimal("-0.5"), new BigDecimal("3"));
        BacktestSpec spec = SampleData.apple(dir, "market-maker", Map.of("spread.bps", "20", "size", "10",
                "max.inventory", "30", "requote.bps", "1"), fees);
        BacktestEngine.Outcome outcome = new BacktestEngine(spec, new MarketMakerStrategy(),
                new MarketDataFilesComponent(), dir, true).run(line -> {});
        assertThat(outcome.failure()).isNull();
        assertThat(outcome.fills()).hasSizeGreaterThan(10);
        long position = 0;
        for (Fill fill : outcome.fills()) {
            // A resting order fills at its own price as maker: the rebate (negative fee) of 0.5 bp.
            assertThat(fill.commission().toBigDecimal().doubleValue()).isNegative();
            position += fill.side() == Side.BUY ? 10 : -10;
            assertThat(Math.abs(position)).isLessThanOrEqualTo(30);
        }
        assertThat(outcome.fills()).extracting(f -> f.quantity().toBigDecimal().intValue()).containsOnly(10);
    }

    @Test
    void theCrossSectionalStrategyHoldsTheWinnerAndTradesNoMoreThanItsTurnoverLimit() throws IOException {
        // UP rises 1 % a day, DOWN falls 1 % a day, FLAT stays: ranked by 3-day momentum, long the best one.
        StringBuilder up = new StringBuilder("date,open,high,low,close,volume\n");
        StringBuilder down = new StringBuilder(up);
        StringBuilder flat = new StringBuilder(up);
        LocalDate day = LocalDate.parse("2024-01-01");
        double u = 100;
        double d = 100;
        for (int i = 0; i < 20; i++, day = day.plusDays(1)) {
            u *= 1.01;
            d *= 0.99;
            up.append(String.format("%s,%.2f,%.2f,%.2f,%.2f,1000000%n", day, u, u, u, u));
            down.append(String.format("%s,%.2f,%.2f,%.2f,%.2f,1000000%n", day, d, d, d, d));
            flat.append(String.format("%s,100,100,100,100,1000000%n", day));
        }
        Files.writeString(dir.resolve("up.csv"), up);
        Files.writeString(dir.resolve("down.csv"), down);
        Files.writeString(dir.resolve("flat.csv"), flat);
        BacktestSpec spec = new BacktestSpec("cross-sectional", Map.of("lookback", "3", "rebalance.bars", "2",
                "long.count", "1", "capital", "100000", "gross.exposure", "1", "max.turnover", "0.4"),
                List.of(file("up.csv", "UP"), file("down.csv", "DOWN"), file("flat.csv", "FLAT")), null, null,
                new BigDecimal("100000"), BacktestSpec.Execution.defaults(), Map.of(), Duration.ofDays(1), 252);
        BacktestEngine.Outcome outcome = new BacktestEngine(spec, new CrossSectionalStrategy(),
                new MarketDataFilesComponent(), dir, true).run(line -> {});
        assertThat(outcome.failure()).isNull();
        assertThat(outcome.fills()).isNotEmpty().allSatisfy(f -> {
            assertThat(f.instrumentId()).isEqualTo(InstrumentId.of("UP"));
            // At most 40 % of the capital per rebalance.
            assertThat(f.quantity().toBigDecimal().multiply(f.price().toBigDecimal()).doubleValue())
                    .isLessThanOrEqualTo(40_000.0);
        });
        // 40 % of the target, 40 % more, the rest; then, as UP rises, a few shares sold to stay at 100,000.
        assertThat(outcome.fills().subList(0, 3)).extracting(Fill::side).containsOnly(Side.BUY);
        assertThat(outcome.fills().get(0).quantity().toBigDecimal().intValue()).isEqualTo(384);
        assertThat(outcome.fills().subList(3, outcome.fills().size())).extracting(Fill::side).containsOnly(Side.SELL);
        double held = outcome.fills().stream().mapToDouble(f -> f.signedQuantity().toBigDecimal().doubleValue()).sum();
        assertThat(held * u).isBetween(95_000.0, 105_000.0);
    }

    @Test
    void withoutTheResearchServicesABacktestScoresNoModelSoTheCrossSectionalStrategyRefusesSignalsModel()
            throws IOException {
        Files.writeString(dir.resolve("flat.csv"), "date,open,high,low,close,volume\n2024-01-01,100,100,100,100,1000\n"
                + "2024-01-02,100,100,100,100,1000\n");
        BacktestSpec spec = new BacktestSpec("cross-sectional", Map.of("signals.model", "alpha", "long.count", "1"),
                List.of(file("flat.csv", "FLAT")), null, null, new BigDecimal("100000"),
                BacktestSpec.Execution.defaults(), Map.of(), Duration.ofDays(1), 252);
        List<String> progress = new ArrayList<>();
        assertThatThrownBy(() -> new BacktestEngine(spec, new CrossSectionalStrategy(), new MarketDataFilesComponent(),
                dir, true).run(progress::add))
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining(
                                "signals.model = alpha: this run receives no model signals (a backtest scores "
                                        + "models only with the platform's model registry");
        assertThat(progress).containsExactly("note: a backtest scores no model without the platform's model registry "
                + "and factor service: signals.model = alpha delivers no signals here");
    }

    private static BacktestSpec.DataFile file(String name, String symbol) {
        return new BacktestSpec.DataFile(name, "bars-csv", InstrumentId.of(symbol), Duration.ofDays(1));
    }
}
