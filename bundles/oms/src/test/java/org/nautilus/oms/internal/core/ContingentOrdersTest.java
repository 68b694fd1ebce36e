package org.nautilus.oms.internal.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nautilus.api.domain.OrderStatus.ACCEPTED;
import static org.nautilus.api.domain.OrderStatus.CANCELED;
import static org.nautilus.api.domain.OrderStatus.DENIED;
import static org.nautilus.api.domain.OrderStatus.FILLED;
import static org.nautilus.api.domain.OrderStatus.INITIALIZED;
import static org.nautilus.oms.internal.core.Fixtures.limit;
import static org.nautilus.oms.internal.core.Fixtures.market;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nautilus.api.domain.ClientOrderId;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.OrderRequest;
import org.nautilus.api.domain.OrderStatus;
import org.nautilus.api.domain.OrderType;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.domain.RejectCode;
import org.nautilus.api.domain.Side;
import org.nautilus.api.domain.TimeInForce;
import org.nautilus.api.oms.OrderList;
import org.nautilus.api.risk.RiskDecision;
import org.nautilus.oms.internal.routing.DirectRouter;

class ContingentOrdersTest {

    private final FakeVenue sim = new FakeVenue("SIM", FakeVenue.OnSubmit.ACCEPT);
    private final Harness h = new Harness(new DirectRouter(null), sim);

    @AfterEach
    void stop() {
        h.close();
    }

    private Order now(Order order) {
        h.oms.sync();
        return h.oms.order(order.id()).orElseThrow();
    }

    private static OrderRequest stopLoss(String clientId, long quantity, String stop) {
        return new OrderRequest(ClientOrderId.of(clientId), Fixtures.MAIN, Fixtures.AAPL, Side.SELL, OrderType.STOP,
                Quantity.ofWhole(quantity), null, Price.of(stop), TimeInForce.GTC, null, null, false, false);
    }

    @Test
    void in_an_OCO_the_first_to_trade_cancels_the_other() {
        List<Order> oco = h.oms.submit(OrderList.oco(limit("tp", Side.SELL, 10, "110"), stopLoss("sl", 10, "95")));
        assertThat(oco).extracting(Order::status).containsExactly(ACCEPTED, ACCEPTED);

        sim.fill(oco.get(0).id(), Quantity.ofWhole(4), Price.ofWhole(110));

        Order other = now(oco.get(1));
        assertThat(other.status()).isEqualTo(CANCELED);
        assertThat(other.reason()).isEqualTo("OCO: order 1 traded");
        assertThat(sim.cancels).extracting(Order::id).containsExactly(oco.get(1).id());
    }

    @Test
    void canceling_one_order_of_an_OCO_cancels_the_other() {
        List<Order> oco = h.oms.submit(OrderList.oco(limit("a", Side.BUY, 1, "90"), limit("b", Side.BUY, 1, "91")));

        h.oms.cancel(oco.get(1).id());

        assertThat(now(oco.get(0)).status()).isEqualTo(CANCELED);
        assertThat(now(oco.get(0)).reason()).isEqualTo("OCO: order 2 ended CANCELED");
    }

    @Test
    void an_OTO_holds_the_child_until_the_parent_is_FILLED_then_sends_it() {
        List<Order> oto = h.oms.submit(OrderList.oto(limit("entry", Side.BUY, 10, "100"),
                limit("exit", Side.SELL, 10, "105")));
        assertThat(oto).extracting(Order::status).containsExactly(ACCEPTED, INITIALIZED);
        assertThat(sim.submitted).hasSize(1);

        sim.fill(oto.get(0).id(), Quantity.ofWhole(10), Price.ofWhole(100));

        Order child = now(oto.get(1));
        assertThat(child.status()).isEqualTo(ACCEPTED);
        assertThat(sim.submitted).extracting(Order::id).containsExactly(oto.get(0).id(), oto.get(1).id());
        assertThat(h.risk.checked).extracting(r -> r.clientOrderId().value()).containsExactly("entry", "exit");
    }

    @Test
    void an_OTO_parent_canceled_unfilled_cancels_the_child() {
        List<Order> oto = h.oms.submit(OrderList.oto(limit("entry", Side.BUY, 10, "100"),
                limit("exit", Side.SELL, 10, "105")));

        h.oms.cancel(oto.get(0).id());

        Order child = now(oto.get(1));
        assertThat(child.status()).isEqualTo(CANCELED);
        assertThat(child.reason()).isEqualTo("order 1 that triggers it ended CANCELED unfilled");
        assertThat(sim.submitted).hasSize(1);
    }

    @Test
    void an_OTO_parent_canceled_after_a_partial_fill_releases_the_child_for_what_filled() {
        List<Order> oto = h.oms.submit(OrderList.oto(limit("entry", Side.BUY, 10, "100"),
                limit("exit", Side.SELL, 10, "105")));
        sim.fill(oto.get(0).id(), Quantity.ofWhole(3), Price.ofWhole(100));
        h.oms.sync();

        h.oms.cancel(oto.get(0).id());

        Order child = now(oto.get(1));
        assertThat(child.status()).isEqualTo(ACCEPTED);
        assertThat(child.quantity()).isEqualTo(Quantity.ofWhole(3));
    }

    @Test
    void a_bracket_sends_both_exits_when_the_entry_fills_and_the_take_profit_cancels_the_stop_loss() {
        sim.onSubmit = FakeVenue.OnSubmit.ACCEPT;
        List<Order> bracket = h.oms.submit(OrderList.bracket(market("entry", Side.BUY, 10),
                limit("tp", Side.SELL, 10, "110"), stopLoss("sl", 10, "95")));
        assertThat(bracket).extracting(Order::status).containsExactly(ACCEPTED, INITIALIZED, INITIALIZED);

        sim.fill(bracket.get(0).id(), Quantity.ofWhole(10), Price.of("100.05"));
        h.oms.sync();
        assertThat(now(bracket.get(1)).status()).isEqualTo(ACCEPTED);
        assertThat(now(bracket.get(2)).status()).isEqualTo(ACCEPTED);

        sim.fill(bracket.get(1).id(), Quantity.ofWhole(10), Price.ofWhole(110));

        assertThat(now(bracket.get(1)).status()).isEqualTo(FILLED);
        assertThat(now(bracket.get(2)).status()).isEqualTo(CANCELED);
        assertThat(now(bracket.get(2)).reason()).isEqualTo("OCO: order 2 traded");
    }

    @Test
    void a_bracket_whose_entry_is_rejected_cancels_both_exits_and_sends_neither() {
        sim.onSubmit = FakeVenue.OnSubmit.REJECT;

        List<Order> bracket = h.oms.submit(OrderList.bracket(market("entry", Side.BUY, 10),
                limit("tp", Side.SELL, 10, "110"), stopLoss("sl", 10, "95")));

        assertThat(bracket).extracting(Order::status).containsExactly(
                OrderStatus.REJECTED, CANCELED, CANCELED);
        assertThat(sim.submitted).hasSize(1);
    }

    @Test
    void one_invalid_order_denies_the_whole_list_and_nothing_is_sent() {
        List<Order> oco = h.oms.submit(OrderList.oco(limit("a", Side.BUY, 1, "90"), limit("b", Side.BUY, 1, "9.999")));

        assertThat(oco).extracting(Order::status).containsExactly(DENIED, DENIED);
        assertThat(oco.get(1).rejectCode()).isEqualTo(RejectCode.TICK_SIZE);
        assertThat(oco.get(0).reason()).startsWith("list refused: order 2 (b) order-validation:");
        assertThat(sim.submitted).isEmpty();
    }

    @Test
    void a_risk_rejection_of_one_OCO_order_denies_the_list() {
        h.risk.next = RiskDecision.reject("max-notional", "MAX_NOTIONAL", "max notional 1000 exceeded: 9000");

        List<Order> oco = h.oms.submit(OrderList.oco(limit("a", Side.BUY, 90, "100"), limit("b", Side.BUY, 1, "91")));

        assertThat(oco).extracting(Order::status).containsExactly(DENIED, DENIED);
        assertThat(sim.submitted).isEmpty();
    }

    @Test
    void a_repeated_list_returns_the_existing_orders() {
        OrderList list = OrderList.oco(limit("a", Side.BUY, 1, "90"), limit("b", Side.BUY, 1, "91"));
        List<Order> first = h.oms.submit(list);

        List<Order> again = h.oms.submit(list);

        assertThat(again).extracting(Order::id).containsExactlyElementsOf(first.stream().map(Order::id).toList());
        assertThat(sim.submitted).hasSize(2);
    }

    @Test
    void a_held_child_can_be_amended_or_canceled_before_it_is_released() {
        sim.onAmend = FakeVenue.OnAmend.UNSUPPORTED;
        List<Order> oto = h.oms.submit(OrderList.oto(limit("entry", Side.BUY, 10, "100"),
                limit("exit", Side.SELL, 10, "105")));

        var amended = h.oms.amend(oto.get(1).id(), null, Price.ofWhole(106));
        assertThat(amended.accepted()).isTrue();
        assertThat(amended.order().request().limitPrice()).isEqualTo(Price.ofWhole(106));
        assertThat(amended.order().status()).isEqualTo(INITIALIZED);

        assertThat(h.oms.cancel(oto.get(1).id()).order().status()).isEqualTo(CANCELED);
        sim.fill(oto.get(0).id(), Quantity.ofWhole(10), Price.ofWhole(100));
        h.oms.sync();
        assertThat(sim.submitted).hasSize(1);
    }
}
