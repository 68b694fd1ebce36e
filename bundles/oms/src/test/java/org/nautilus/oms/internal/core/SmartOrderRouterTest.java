package org.nautilus.oms.internal.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nautilus.oms.internal.core.Fixtures.limit;
import static org.nautilus.oms.internal.core.Fixtures.market;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nautilus.api.domain.ClientOrderId;
import org.nautilus.api.domain.OrderRequest;
import org.nautilus.api.domain.OrderType;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.domain.Side;
import org.nautilus.api.domain.TimeInForce;
import org.nautilus.api.domain.VenueId;
import org.nautilus.api.venue.BookDepth;
import org.nautilus.api.venue.BookLevel;
import org.nautilus.api.venue.Venue;
import org.nautilus.oms.internal.routing.OrderRouter;
import org.nautilus.oms.internal.routing.SmartOrderRouter;
import org.nautilus.oms.internal.routing.VenueStatistics;

class SmartOrderRouterTest {

    private final VenueStatistics statistics = new VenueStatistics();
    private final FakeVenue a = new FakeVenue("SIM", FakeVenue.OnSubmit.FILL)
            .book(List.of("99.95 x 500", "99.90 x 1000"), List.of("100.05 x 500", "100.10 x 1000")).fees("1", "3");
    private final FakeVenue b = new FakeVenue("SIM-B", FakeVenue.OnSubmit.FILL)
            .book(List.of("99.96 x 200"), List.of("100.04 x 200", "100.20 x 300")).fees("0.5", "1");

    private SmartOrderRouter router(boolean split, String minSplit) {
        return new SmartOrderRouter(Fixtures.instruments(), statistics,
                new SmartOrderRouter.Settings(split, 10, Quantity.of(minSplit), null));
    }

    private OrderRouter.RoutingPlan route(SmartOrderRouter router, OrderRequest request) {
        return router.route(request, List.<Venue> of(a, b));
    }

    private static String legs(OrderRouter.RoutingPlan plan) {
        return String.join(", ", plan.legs().stream().map(l -> l.venue().id() + " " + l.quantity()
                + (l.expectedPrice() != null ? " @ " + l.expectedPrice() : "")).toList());
    }

    @Test
    void a_BUY_of_100_goes_to_the_venue_with_the_lowest_ask_after_fees() {
        OrderRouter.RoutingPlan plan = route(router(true, "0"), market("c", Side.BUY, 100));

        assertThat(legs(plan)).isEqualTo("SIM-B 100 @ 100.04");
        assertThat(plan.reason()).startsWith("SIM-B has the best fee-adjusted price for BUY 100 AAPL")
                .contains("SIM-B 100 @ 100.04 (100.050004 after 1 bps")
                .contains("SIM 100 @ 100.05 (100.080015 after 3 bps");
    }

    @Test
    void a_fee_difference_can_outweigh_a_better_price() {
        b.book(List.of("99.96 x 200"), List.of("100.06 x 200")).fees("0", "0");

        // SIM asks 100.05 + 3 bps = 100.08; SIM-B 100.06 with no fee wins.
        assertThat(legs(route(router(true, "0"), market("c", Side.BUY, 100)))).isEqualTo("SIM-B 100 @ 100.06");
    }

    @Test
    void a_BUY_of_1000_is_split_across_venues_by_fee_adjusted_price() {
        OrderRouter.RoutingPlan plan = route(router(true, "0"), market("c", Side.BUY, 1000));

        // SIM-B 200 @ 100.04 (100.05), SIM 500 @ 100.05 (100.08), SIM 300 @ 100.10 (100.13), SIM-B's 100.20 unused.
        assertThat(legs(plan)).isEqualTo("SIM-B 200 @ 100.04, SIM 800 @ 100.06875");
        assertThat(plan.reason()).startsWith("BUY 1000 AAPL split across 2 venues by fee-adjusted price:");
    }

    @Test
    void a_SELL_is_split_from_the_highest_bid_down() {
        OrderRouter.RoutingPlan plan = route(router(true, "0"), market("c", Side.SELL, 600));

        assertThat(legs(plan)).isEqualTo("SIM-B 200 @ 99.96, SIM 400 @ 99.95");
    }

    @Test
    void without_splitting_the_venue_that_fills_most_of_the_order_wins() {
        OrderRouter.RoutingPlan plan = route(router(false, "0"), market("c", Side.BUY, 1000));

        assertThat(legs(plan)).isEqualTo("SIM 1000 @ 100.075");
    }

    @Test
    void a_FOK_order_is_never_split() {
        OrderRequest fok = market("c", Side.BUY, 1000).withTimeInForce(TimeInForce.FOK, null);

        assertThat(route(router(true, "0"), fok).legs()).hasSize(1);
    }

    @Test
    void an_order_below_the_minimum_split_size_is_not_split() {
        assertThat(route(router(true, "5000"), market("c", Side.BUY, 1000)).legs()).hasSize(1);
    }

    @Test
    void more_than_all_books_show_sends_the_rest_to_the_best_price() {
        OrderRouter.RoutingPlan plan = route(router(true, "0"), market("c", Side.BUY, 3000));

        assertThat(legs(plan)).isEqualTo("SIM-B 1500 @ 100.136, SIM 1500 @ 100.08333333");
        assertThat(plan.legs().stream().mapToLong(l -> l.quantity().raw()).sum())
                .isEqualTo(Quantity.ofWhole(3000).raw());
    }

    @Test
    void a_limit_that_crosses_only_takes_the_levels_within_its_price() {
        OrderRouter.RoutingPlan plan = route(router(true, "0"), limit("c", Side.BUY, 600, "100.05"));

        // Within 100.05: SIM-B 200 @ 100.04, SIM 500 @ 100.05 → 600 = 200 + 400.
        assertThat(legs(plan)).isEqualTo("SIM-B 200 @ 100.04, SIM 400 @ 100.05");
    }

    @Test
    void a_resting_limit_goes_to_the_lowest_maker_fee() {
        OrderRouter.RoutingPlan plan = route(router(true, "0"), limit("c", Side.BUY, 100, "99"));

        assertThat(legs(plan)).isEqualTo("SIM-B 100");
        assertThat(plan.reason()).isEqualTo("LIMIT BUY 100 AAPL does not trade at once: SIM-B by maker fee, fill rate,"
                + " spread: SIM-B 0.5 bps, n/a, spread 0.08; SIM 1 bps, n/a, spread 0.1");
    }

    @Test
    void between_equal_fees_the_better_fill_rate_wins() {
        a.fees("1", "1");
        b.fees("1", "1");
        statistics.routed(VenueId.of("SIM-B"), Quantity.ofWhole(100));
        statistics.filled(VenueId.of("SIM-B"), Quantity.ofWhole(40));
        statistics.routed(VenueId.of("SIM"), Quantity.ofWhole(100));
        statistics.filled(VenueId.of("SIM"), Quantity.ofWhole(90));

        OrderRouter.RoutingPlan plan = route(router(true, "0"), limit("c", Side.BUY, 100, "99"));

        assertThat(legs(plan)).isEqualTo("SIM 100");
        assertThat(plan.reason()).contains("SIM 1 bps, 90%").contains("SIM-B 1 bps, 40%");
    }

    @Test
    void a_stop_order_rests_and_goes_by_taker_fee() {
        OrderRequest stop = new OrderRequest(ClientOrderId.of("s"), Fixtures.MAIN, Fixtures.AAPL, Side.SELL,
                OrderType.STOP, Quantity.ofWhole(10), null, Price.ofWhole(95), TimeInForce.GTC, null, null, false,
                false);

        assertThat(legs(route(router(true, "0"), stop))).isEqualTo("SIM-B 10");
    }

    @Test
    void with_no_book_anywhere_a_market_order_goes_by_fee_and_names_why() {
        a.depth = null;
        b.depth = null;

        OrderRouter.RoutingPlan plan = route(router(true, "0"), market("c", Side.BUY, 10));

        assertThat(legs(plan)).isEqualTo("SIM-B 10");
        assertThat(plan.reason()).contains("(no book shows liquidity)");
    }

    @Test
    void an_order_naming_its_venue_goes_there() {
        OrderRouter.RoutingPlan plan = route(router(true, "0"),
                market("c", Side.BUY, 1000).withVenue(VenueId.of("SIM")));

        assertThat(legs(plan)).isEqualTo("SIM 1000");
        assertThat(plan.reason()).isEqualTo("requested by the order");
    }

    @Test
    void parts_are_whole_lots_and_never_below_the_minimum() {
        // BTC-USD: lot 0.001; SIM-B shows 0.0005 (below a lot): it all goes to SIM.
        FakeVenue btcA = new FakeVenue("SIM", FakeVenue.OnSubmit.FILL);
        btcA.depth = new BookDepth(btcA.id(), Fixtures.BTC, List.of(),
                List.of(new BookLevel(Price.ofWhole(64000), Quantity.of("0.0015"), 1)),
                FakeVenue.T);
        FakeVenue btcB = new FakeVenue("SIM-B", FakeVenue.OnSubmit.FILL);
        btcB.depth = new BookDepth(btcB.id(), Fixtures.BTC, List.of(),
                List.of(new BookLevel(Price.of("63999.5"), Quantity.of("0.0005"), 1)),
                FakeVenue.T);
        OrderRequest request = OrderRequest.market(ClientOrderId.of("b"), Fixtures.MAIN, Fixtures.BTC, Side.BUY,
                Quantity.of("0.002"));

        OrderRouter.RoutingPlan plan = router(true, "0").route(request, List.of(btcA, btcB));

        assertThat(plan.legs()).singleElement().satisfies(leg -> {
            assertThat(leg.quantity()).isEqualTo(Quantity.of("0.002"));
        });
    }
}
