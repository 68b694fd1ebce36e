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
                Duration.ofDays(1), 252);
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
                Duration.ofDays(1), 252);
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
                FixedPoint.ofWhole(10_000), Duration.ofDays(1), 252);
        // Still long 10 from 100 at 110: 10,000 − 1 + 100.
        assertThat(r.curve().get(r.curve().size() - 1).equity()).isEqualTo(10_099.0);
        assertThat(r.trips()).isEmpty();
    }
}
