package org.nautilus.risk.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Money;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.domain.Position;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.risk.RiskMetrics;
import org.nautilus.risk.internal.support.Desk;

class RiskMetricsTest {

    private static final PortfolioId MAIN = PortfolioId.of("main");

    private final Desk desk = new Desk(Desk.capital("1000000")).equity("AAPL", "200").equity("MSFT", "400");

    @Test
    void exposureIsGrossAndNetOfLongsAndShortsAtTheMarks() {
        desk.position("main", "AAPL", 1000, "190");
        desk.position("main", "MSFT", -500, "400");

        RiskMetrics m = desk.core.metrics(MAIN);

        assertThat(m.grossExposure()).isEqualTo(Money.ofWhole(400_000));
        assertThat(m.netExposure()).isEqualTo(Money.ZERO);
        assertThat(m.equity()).isEqualTo(Money.ofWhole(1_010_000)); // +10,000 unrealized on AAPL
        assertThat(m.leverage()).isEqualByComparingTo("0.396");
    }

    @Test
    void metricsMoveWithThePrices() {
        desk.position("main", "AAPL", 1000, "200");
        RiskMetrics before = desk.core.metrics(MAIN);

        desk.mark("AAPL", "190");
        RiskMetrics after = desk.core.metrics(MAIN);

        assertThat(before.dailyPnl()).isEqualTo(Money.ZERO);
        assertThat(after.grossExposure()).isEqualTo(Money.ofWhole(190_000));
        assertThat(after.dailyUnrealizedPnl()).isEqualTo(Money.ofWhole(-10_000));
        assertThat(after.dailyPnl()).isEqualTo(Money.ofWhole(-10_000));
    }

    @Test
    void dailyRealizedPnlIsAfterCommissionsAndSinceTheStartOfTheDay() {
        desk.position("main", "AAPL", 1000, "200", "5000"); // 5,000 realized before the desk saw it
        desk.core.metrics(MAIN);
        desk.positions.put(new Position(MAIN, InstrumentId.of("AAPL"),
                Quantity.ofWhole(500), Price.of("200"),
                Money.ofWhole(7500), Money.ofWhole(20), 2, desk.clock.instant()));

        RiskMetrics m = desk.core.metrics(MAIN);

        assertThat(m.dailyRealizedPnl()).isEqualTo(Money.ofWhole(2480));
    }

    @Test
    void varComesFromTheRecentBarsOfTheHeldInstruments() {
        desk.position("main", "AAPL", 1000, "200");
        double[] closes = new double[61];
        for (int i = 0; i <= 60; i++) {
            closes[i] = 200 * (1 + 0.01 * Math.sin(i));
        }
        desk.market.closes("AAPL", Instant.parse("2025-03-03T13:31:00Z"), closes);

        RiskMetrics m = desk.core.metrics(MAIN);

        assertThat(m.varObservations()).isEqualTo(60);
        assertThat(m.varHorizon()).isEqualTo(Duration.ofMinutes(1));
        assertThat(m.varConfidence()).isEqualByComparingTo("0.95");
        assertThat(m.historicalVar().toBigDecimal()).isGreaterThan(BigDecimal.ZERO);
        assertThat(m.parametricVar().toBigDecimal()).isGreaterThan(BigDecimal.ZERO);
        // A 1% daily-ish wiggle on 200,000: VaR is some thousands, not more than the worst move.
        assertThat(m.historicalVar().toBigDecimal()).isLessThan(new BigDecimal("4000"));
    }

    @Test
    void doublingThePositionDoublesTheVar() {
        double[] closes = new double[61];
        for (int i = 0; i <= 60; i++) {
            closes[i] = 200 + 3 * Math.sin(i * 1.3);
        }
        desk.market.closes("AAPL", Instant.parse("2025-03-03T13:31:00Z"), closes);
        desk.position("main", "AAPL", 1000, "200");
        RiskMetrics single = desk.core.metrics(MAIN);
        desk.position("main", "AAPL", 2000, "200");
        RiskMetrics twice = desk.core.metrics(MAIN);

        assertThat(twice.historicalVar().toBigDecimal().doubleValue())
                .isCloseTo(2 * single.historicalVar().toBigDecimal().doubleValue(), Offset.offset(0.02));
    }

    @Test
    void withoutBarsThereIsNoVarButTheRestIsThere() {
        desk.position("main", "AAPL", 1000, "200");

        RiskMetrics m = desk.core.metrics(MAIN);

        assertThat(m.historicalVar()).isNull();
        assertThat(m.parametricVar()).isNull();
        assertThat(m.varObservations()).isZero();
        assertThat(m.grossExposure()).isEqualTo(Money.ofWhole(200_000));
    }

    @Test
    void everyPortfolioWithPositionsIsListed() {
        desk.position("main", "AAPL", 10, "200");
        desk.position("alpha", "MSFT", 10, "400");

        assertThat(desk.core.metrics()).extracting(RiskMetrics::portfolio)
                .containsExactly(PortfolioId.of("alpha"), MAIN);
    }

    @Test
    void negativeEquityHasNoLeverage() {
        desk.position("main", "AAPL", 10_000, "320"); // -1,200,000 at 200
        assertThat(desk.core.metrics(MAIN).leverage()).isNull();
    }
}
