package org.nautilus.strategy.internal.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nautilus.api.strategy.PerformanceMetrics;

/** Each metric against values worked out by hand (the arithmetic is in the comments). */
class PerformanceTest {

    private static List<EquityPoint> curve(double... equity) {
        List<EquityPoint> points = new ArrayList<>();
        for (int i = 0; i < equity.length; i++) {
            points.add(new EquityPoint(Instant.ofEpochSecond(86_400L * i), equity[i], equity[i] / 2, -equity[i] / 4));
        }
        return points;
    }

    @Test
    void returnsRatiosAndDrawdownOfAFourPointCurve() {
        // Equity 100 → 110 → 99 → 118.8: returns +10 %, −10 %, +20 %.
        PerformanceMetrics m = Performance.of(curve(100, 110, 99, 118.8), 1, 0, new double[0], 0);
        assertThat(m.periods()).isEqualTo(4);
        assertThat(m.totalReturn()).isCloseTo(0.188, within(1e-12));
        // One period a year: (1.188)^(1/3) − 1.
        assertThat(m.annualReturn()).isCloseTo(Math.cbrt(1.188) - 1, within(1e-12));
        // mean = 0.2/3 = 0.0666…; deviations 0.0333…, −0.1666…, 0.1333…; squares 0.001111 + 0.027778 + 0.017778
        // = 0.046667; sample variance /2 = 0.023333; stdev 0.152753.
        assertThat(m.volatility()).isCloseTo(0.1527525231651947, within(1e-12));
        assertThat(m.sharpe()).isCloseTo(0.0666666666666667 / 0.1527525231651947, within(1e-12));
        // Downside deviation √(0.01 / 3) = 0.057735; Sortino = 0.066667 / 0.057735 = 1.154701.
        assertThat(m.sortino()).isCloseTo(1.1547005383792515, within(1e-12));
        // Peak 110, trough 99: 10 %; from the peak (point 1) to the recovery (point 3): 2 periods.
        assertThat(m.maxDrawdown()).isCloseTo(0.1, within(1e-12));
        assertThat(m.maxDrawdownPeriods()).isEqualTo(2);
        assertThat(m.calmar()).isCloseTo((Math.cbrt(1.188) - 1) / 0.1, within(1e-12));
        // Gross is half the equity and net minus a quarter at every point.
        assertThat(m.grossExposure()).isCloseTo(0.5, within(1e-12));
        assertThat(m.netExposure()).isCloseTo(-0.25, within(1e-12));
    }

    @Test
    void annualisingScalesByTheRootOfThePeriodsAndADrawdownThatNeverRecoversLastsToTheEnd() {
        PerformanceMetrics daily = Performance.of(curve(100, 110, 99, 118.8), 252, 0, new double[0], 0);
        assertThat(daily.sharpe()).isCloseTo(0.0666666666666667 / 0.1527525231651947 * Math.sqrt(252), within(1e-9));
        // 100 → 120 (peak, point 1) → 90 → 96 → 100: 25 % down, still under water 3 periods later.
        PerformanceMetrics under = Performance.of(curve(100, 120, 90, 96, 100), 252, 0, new double[0], 0);
        assertThat(under.maxDrawdown()).isCloseTo(0.25, within(1e-12));
        assertThat(under.maxDrawdownPeriods()).isEqualTo(3);
        assertThat(Performance.underwater(new double[] {100, 120, 90, 96, 100}))
                .containsExactly(new double[] {0, 0, 0.25, 0.2, 1 - 100 / 120.0}, within(1e-12));
    }

    @Test
    void tradeStatisticsAndTurnover() {
        // Round trips +30, −10, +20, −20: 2 of 4 win; wins 50, losses 30: profit factor 5/3; average +25 / −15.
        PerformanceMetrics m = Performance.of(curve(1000, 1000, 1020), 252, 3000, new double[] {30, -10, 20, -20}, 4);
        assertThat(m.trades()).isEqualTo(4);
        assertThat(m.hitRate()).isEqualTo(0.5);
        assertThat(m.profitFactor()).isCloseTo(50 / 30.0, within(1e-12));
        assertThat(m.averageWin()).isEqualTo(25);
        assertThat(m.averageLoss()).isEqualTo(-15);
        // 3000 traded over a mean equity of 1006.67.
        assertThat(m.turnover()).isCloseTo(3000 / (3020 / 3.0), within(1e-12));
        assertThat(m.commissions()).isEqualTo(4);
    }

    @Test
    void metricsWithoutMeaningAreNaN() {
        PerformanceMetrics flat = Performance.of(curve(100, 100, 100), 252, 0, new double[0], 0);
        assertThat(flat.sharpe()).isNaN();
        assertThat(flat.sortino()).isNaN();
        assertThat(flat.calmar()).isNaN();
        assertThat(flat.hitRate()).isNaN();
        assertThat(flat.maxDrawdown()).isZero();
    }
}
