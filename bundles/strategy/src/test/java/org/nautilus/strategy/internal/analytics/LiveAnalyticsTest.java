package org.nautilus.strategy.internal.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nautilus.api.domain.Fill;
import org.nautilus.api.domain.FixedPoint;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Money;
import org.nautilus.api.domain.OrderId;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.domain.Side;
import org.nautilus.api.domain.VenueId;
import org.nautilus.api.strategy.PerformanceMetrics;

/**
 * A live portfolio's analytics against values computed by hand: capital 10,000; day 1 10:00 BUY 10 @ 100 (fee 1),
 * the close of day 1 at 102, of day 2 at 99, day 3 12:00 SELL 10 @ 105 (fee 1).
 */
class LiveAnalyticsTest {

    private static final PortfolioId P = PortfolioId.of("live");
    private static final InstrumentId X = InstrumentId.of("X");
    private static final Instant D1 = Instant.parse("2024-03-04T00:00:00Z");
    private static final Instant D2 = D1.plus(Duration.ofDays(1));
    private static final Instant D3 = D1.plus(Duration.ofDays(2));
    private static final Instant D4 = D1.plus(Duration.ofDays(3));

    private static Fill fill(String id, Side side, String price, Instant at) {
        return new Fill(id, OrderId.of(1), P, X, VenueId.of("SIM"), side, Quantity.ofWhole(10), Price.of(price),
                Money.ofWhole(1), at);
    }

    private static final List<Fill> FILLS = List.of(fill("e2", Side.SELL, "105", D3.plusSeconds(12 * 3600)),
            fill("e1", Side.BUY, "100", D1.plusSeconds(10 * 3600)));
    private static final List<LiveAnalytics.Mark> MARKS = List.of(new LiveAnalytics.Mark(D2, X, Price.of("102")),
            new LiveAnalytics.Mark(D3, X, Price.of("99")));

    @Test
    void theCurveIsMarkedAtTheBarsAndFillsOncePerDayAndTheMetricsFollow() {
        LiveAnalytics.Result r = LiveAnalytics.of(P, FILLS, MARKS, Map.of(), D1, D4, FixedPoint.ofWhole(10_000),
                Duration.ofDays(1), 252, null);
        // from: 10,000 (nothing held); day 1 after the buy at 100: 10,000 − 1; day 2 at the close of day 1 (102):
        // 9,999 + 20; day 3's last state, at the end: 10,000 + 50 − 2.
        assertThat(r.curve()).extracting(EquityPoint::time).containsExactly(D1, D1.plusSeconds(36_000), D2, D4);
        assertThat(r.curve()).extracting(EquityPoint::equity).containsExactly(10_000.0, 9_999.0, 10_019.0, 10_048.0);
        assertThat(r.curve().get(2).gross()).isEqualTo(1_020.0);
        PerformanceMetrics m = r.metrics();
        assertThat(m.totalReturn()).isCloseTo(0.0048, within(1e-12));
        assertThat(m.maxDrawdown()).isCloseTo(0.0001, within(1e-12));
        assertThat(m.trades()).isEqualTo(1);
        assertThat(m.hitRate()).isEqualTo(1.0);
        assertThat(m.commissions()).isEqualTo(2.0);
        // Traded 1,000 + 1,050 over the mean equity (10,000 + 9,999 + 10,019 + 10,048) / 4 = 10,016.5.
        assertThat(m.turnover()).isCloseTo(2_050 / 10_016.5, within(1e-12));
        assertThat(r.trips()).singleElement().satisfies(t -> {
            assertThat(t.pnl()).isEqualTo(48.0);
            assertThat(t.entryPrice()).isEqualTo(100.0);
            assertThat(t.exitPrice()).isEqualTo(105.0);
        });
        assertThat(r.fills()).extracting(Fill::executionId).containsExactly("e1", "e2");
    }

    @Test
    void fillsBeforeTheRangeMakeItsOpeningPositionAndATripClosedInsideCounts() {
        LiveAnalytics.Result r = LiveAnalytics.of(P, FILLS, MARKS, Map.of(), D2, D4, FixedPoint.ofWhole(10_000),
                Duration.ofDays(1), 252, null);
        // Holding 10 from 100 at day 2: the point of day 2 (marked at 102 then) replaces the opening one of the same
        // time; the end as before.
        assertThat(r.curve()).extracting(EquityPoint::equity).containsExactly(10_019.0, 10_048.0);
        assertThat(r.fills()).extracting(Fill::executionId).containsExactly("e2");
        assertThat(r.metrics().trades()).isEqualTo(1);
        assertThat(r.metrics().commissions()).isEqualTo(1.0);
    }

    @Test
    void aRangeEndingNowIsMarkedLastAtTheCurrentMarks() {
        List<Fill> bought = List.of(FILLS.get(1));
        LiveAnalytics.Result r = LiveAnalytics.of(P, bought, MARKS, Map.of(X, Price.of("110")), D1, D4,
                FixedPoint.ofWhole(10_000), Duration.ofDays(1), 252, null);
        // Still long 10 from 100 at 110: 10,000 − 1 + 100.
        assertThat(r.curve().get(r.curve().size() - 1).equity()).isEqualTo(10_099.0);
        assertThat(r.trips()).isEmpty();
        assertThat(r.benchmark()).isNull();
    }

    /**
     * Long 100 X from 100 bought the day before {@code from}, X closing each day at 16:00 at 101.10, 99.1791 and
     * 102.2536521: the curve 10,000 (from), 10,110, 9,917.91, 10,225.36521 (to) returns 1.1 %, −1.9 %, 3.1 %. The
     * benchmark B priced 200 before {@code from}, 201 at the first 16:00, 198.99 and 201.97485 before the next
     * points returns 0.5 %, −1 %, 1.5 %: the portfolio's returns are exactly 2 × B's + 0.1 %, so beta 2 and alpha
     * 0.001 × 252 = 0.252. B's other prices must not count: one at {@code from} itself (the opening point is the
     * state before it), ones after a point's time (a point shows the state at its time) and after {@code to}.
     */
    @Test
    void betaAndAlphaToABenchmarkSampledAtThePointsOfTheCurve() {
        InstrumentId b = InstrumentId.of("B");
        Instant d0 = D1.minus(Duration.ofDays(1));
        List<Fill> bought = List.of(new Fill("e1", OrderId.of(1), P, X, VenueId.of("SIM"), Side.BUY,
                Quantity.ofWhole(100), Price.of("100"), Money.ofWhole(0), d0.plusSeconds(12 * 3600)));
        List<LiveAnalytics.Mark> closes = List.of(mark(D1, 16, X, "101.10"), mark(D2, 16, X, "99.1791"),
                mark(D3, 16, X, "102.2536521"));
        List<LiveAnalytics.Mark> benchmark = List.of(mark(D3, 12, b, "201.97485"), mark(D1, 0, b, "500"),
                mark(d0, 6, b, "200"), mark(D1, 8, b, "300"), mark(D1, 16, b, "201"), mark(D2, 10, b, "198.99"),
                mark(D2, 20, b, "400"), mark(D4, 1, b, "999"));

        LiveAnalytics.Result r = LiveAnalytics.of(P, bought, closes, Map.of(), D1, D4, FixedPoint.ofWhole(10_000),
                Duration.ofDays(1), 252, benchmark);

        assertThat(r.curve()).extracting(EquityPoint::time).containsExactly(D1, D1.plusSeconds(16 * 3600),
                D2.plusSeconds(16 * 3600), D4);
        assertThat(r.curve()).extracting(EquityPoint::equity).containsExactly(10_000.0, 10_110.0, 9_917.91,
                10_225.36521);
        assertThat(r.benchmark().beta()).isCloseTo(2.0, within(1e-9));
        assertThat(r.benchmark().alpha()).isCloseTo(0.252, within(1e-9));
        assertThat(r.benchmark().points()).isEqualTo(4);
        // The benchmark's prices made no point of the curve: the metrics are the ones without a benchmark.
        assertThat(r.metrics()).isEqualTo(LiveAnalytics.of(P, bought, closes, Map.of(), D1, D4,
                FixedPoint.ofWhole(10_000), Duration.ofDays(1), 252, null).metrics());
    }

    @Test
    void aBenchmarkWithoutPricesBeforeTheEndHasNoFigures() {
        List<LiveAnalytics.Mark> later = List.of(mark(D4, 1, InstrumentId.of("B"), "100"));
        LiveAnalytics.Result r = LiveAnalytics.of(P, FILLS, MARKS, Map.of(), D1, D4, FixedPoint.ofWhole(10_000),
                Duration.ofDays(1), 252, later);
        assertThat(r.benchmark().points()).isZero();
        assertThat(r.benchmark().beta()).isNaN();
        assertThat(r.benchmark().alpha()).isNaN();
    }

    private static LiveAnalytics.Mark mark(Instant day, int hour, InstrumentId instrument, String price) {
        return new LiveAnalytics.Mark(day.plusSeconds(hour * 3600L), instrument, Price.of(price));
    }
}
