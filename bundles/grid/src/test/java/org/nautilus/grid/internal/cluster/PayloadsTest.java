package org.nautilus.grid.internal.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nautilus.api.domain.ClientOrderId;
import org.nautilus.api.domain.Fill;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Money;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.OrderId;
import org.nautilus.api.domain.OrderRequest;
import org.nautilus.api.domain.OrderStatus;
import org.nautilus.api.domain.OrderType;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.domain.Position;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.domain.Side;
import org.nautilus.api.domain.TimeInForce;
import org.nautilus.api.domain.VenueId;
import org.nautilus.api.oms.CommandResult;
import org.nautilus.api.oms.OrderEvent;
import org.nautilus.api.oms.OrderEventType;
import org.nautilus.api.oms.OrderList;
import org.nautilus.api.venue.RouteAllocation;
import org.nautilus.api.venue.RoutingDecision;
import org.nautilus.api.venue.VenueInfo;

/** What crosses between nodes comes back equal. */
class PayloadsTest {

    static final Instant T = Instant.parse("2024-03-01T14:30:00.123456789Z");

    static OrderRequest request() {
        return new OrderRequest(ClientOrderId.of("c-1"), PortfolioId.of("alpha"), InstrumentId.of("AAPL"), Side.SELL,
                OrderType.STOP_LIMIT, Quantity.of("150.5"), Price.of("187.12345678"), Price.of("186"), TimeInForce.GTD,
                T, VenueId.of("SIM"), false, true);
    }

    static Order order() {
        return new Order(OrderId.of(42), request(), OrderStatus.PARTIALLY_FILLED, Quantity.of("50"), Price.of("187"),
                VenueId.of("SIM"), null, T, T.plusSeconds(1));
    }

    @Test
    void requests_orders_results_and_events_round_trip() {
        Fill fill = new Fill("SIM-1", OrderId.of(42), PortfolioId.of("alpha"), InstrumentId.of("AAPL"),
                VenueId.of("SIM"), Side.SELL, Quantity.of("50"), Price.of("187"), Money.of("-0.01"), T);
        OrderEvent event = new OrderEvent(3, OrderEventType.FILL, order(), fill, null, T, 0);
        CommandResult refused = CommandResult.refused("ORDER_TERMINAL", "order 42 is FILLED", order());
        OrderList list = OrderList.oco(OrderRequest.limit(ClientOrderId.of("a"), PortfolioId.of("p"),
                InstrumentId.of("AAPL"), Side.BUY, Quantity.ofWhole(1), Price.of("90")),
                OrderRequest.limit(ClientOrderId.of("b"), PortfolioId.of("p"), InstrumentId.of("AAPL"), Side.BUY,
                        Quantity.ofWhole(1), Price.of("91")));
        Position flat = Position.flat(PortfolioId.of("p"), InstrumentId.of("AAPL"), T);

        assertThat(Payloads.read(Payloads.write(request()), OrderRequest.class)).isEqualTo(request());
        assertThat(Payloads.read(Payloads.write(order()), Order.class)).isEqualTo(order());
        assertThat(Payloads.read(Payloads.write(event), OrderEvent.class)).isEqualTo(event);
        assertThat(Payloads.read(Payloads.write(refused), CommandResult.class)).isEqualTo(refused);
        assertThat(Payloads.read(Payloads.write(CommandResult.refused("UNKNOWN_ORDER", "no order 7", null)),
                CommandResult.class).order()).isNull();
        assertThat(Payloads.read(Payloads.write(list), OrderList.class)).isEqualTo(list);
        assertThat(Payloads.read(Payloads.write(flat), Position.class)).isEqualTo(flat);
        assertThat(Payloads.readList(Payloads.write(List.of(order(), order())), Order.class)).containsExactly(order(),
                order());
        assertThat(Payloads.readOptional("null", Order.class)).isEmpty();
    }

    @Test
    void venue_views_round_trip() {
        RoutingDecision decision = new RoutingDecision(OrderId.of(1), ClientOrderId.of("c"), InstrumentId.of("AAPL"),
                Side.BUY, Quantity.ofWhole(10), List.of(new RouteAllocation(VenueId.of("SIM"), Quantity.ofWhole(10),
                        Price.of("100"))),
                "best price", T);
        VenueInfo info = new VenueInfo(VenueId.of("SIM"), "simulated", 3);

        assertThat(Payloads.read(Payloads.write(decision), RoutingDecision.class)).isEqualTo(decision);
        assertThat(Payloads.read(Payloads.write(info), VenueInfo.class)).isEqualTo(info);
    }

    @Test
    void call_arguments_are_a_json_array() {
        String args = Payloads.args(OrderId.of(42), null, Price.of("101"));
        var tree = Payloads.tree(args);

        assertThat(Payloads.read(tree.get(0), OrderId.class)).isEqualTo(OrderId.of(42));
        assertThat(Payloads.read(tree.get(1), Quantity.class)).isNull();
        assertThat(Payloads.read(tree.get(2), Price.class)).isEqualTo(Price.of("101"));
    }
}
