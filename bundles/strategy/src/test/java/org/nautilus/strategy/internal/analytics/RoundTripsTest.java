package org.nautilus.strategy.internal.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The trade list against hand-worked trips: P&amp;L, entry and exit prices, MAE and MFE. */
class RoundTripsTest {

    private static final Instant T1 = Instant.parse("2024-01-02T00:00:00Z");
    private static final Instant T2 = Instant.parse("2024-01-03T00:00:00Z");
    private static final Instant T3 = Instant.parse("2024-01-04T00:00:00Z");

    @Test
    void aLongTripMarkedByABarsLowAndHigh() {
        RoundTrips trips = new RoundTrips(true);
        // Buy 10 at 100 (commission 1): cash flow −1,001, open P&L at 100: −1.
        trips.fill("AAPL", T1, 10, 100, 1);
        // A bar from 95 to 104: open P&L −1,001 + 950 = −51 and −1,001 + 1,040 = +39.
        trips.mark("AAPL", 95, 104);
        // Sell 10 at 102 (commission 1): −1,001 + 1,020 − 1 = 18.
        trips.fill("AAPL", T3, -10, 102, 1);

        assertThat(trips.pnl()).containsExactly(18.0);
        RoundTrips.Trip trip = trips.trips().get(0);
        assertThat(trip).isEqualTo(new RoundTrips.Trip("AAPL", true, 10, T1, 100, T3, 102, 18, -51, 39));
    }

    @Test
    void aShortTripClosedByAReversalWhichOpensTheNext() {
        RoundTrips trips = new RoundTrips(true);
        // Sell 5 at 50 (commission 0.5): cash flow 249.5; open P&L at 50: −0.5.
        trips.fill("X", T1, -5, 50, 0.5);
        // Prices 45 and 52: 249.5 − 225 = 24.5 and 249.5 − 260 = −10.5.
        trips.mark("X", 45, 52);
        // Buy 8 at 48 (commission 0.8): 5 close the short (5/8 of the commission): 249.5 − 240 − 0.5 = 9;
        // 3 open a long at 48 with 3/8 of it.
        trips.fill("X", T2, 8, 48, 0.8);
        trips.mark("X", 47, 49);
        trips.fill("X", T3, -3, 49, 0);

        List<RoundTrips.Trip> closed = trips.trips();
        assertThat(closed).hasSize(2);
        RoundTrips.Trip shortTrip = closed.get(0);
        assertThat(shortTrip.longTrip()).isFalse();
        assertThat(shortTrip.quantity()).isEqualTo(5);
        assertThat(shortTrip.entryPrice()).isEqualTo(50);
        assertThat(shortTrip.exitPrice()).isEqualTo(48);
        assertThat(shortTrip.pnl()).isCloseTo(9.0, within(1e-9));
        assertThat(shortTrip.mae()).isCloseTo(-10.5, within(1e-9));
        assertThat(shortTrip.mfe()).isCloseTo(24.5, within(1e-9));
        // The long: cash flow −144 − 0.3; at 47: −3.3, at 49: +2.7; closed at 49: 2.7.
        RoundTrips.Trip longTrip = closed.get(1);
        assertThat(longTrip.longTrip()).isTrue();
        assertThat(longTrip.entryTime()).isEqualTo(T2);
        assertThat(longTrip.quantity()).isEqualTo(3);
        assertThat(longTrip.pnl()).isCloseTo(2.7, within(1e-9));
        assertThat(longTrip.mae()).isCloseTo(-3.3, within(1e-9));
        assertThat(longTrip.mfe()).isCloseTo(2.7, within(1e-9));
        assertThat(trips.pnl()).hasSize(2);
    }
}
