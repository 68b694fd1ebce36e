package org.nautilus.grid.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Arrays;
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
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.domain.RejectCode;
import org.nautilus.api.domain.Side;
import org.nautilus.api.domain.TimeInForce;
import org.nautilus.api.domain.VenueId;
import org.nautilus.api.oms.OrderEvent;
import org.nautilus.api.oms.OrderEventType;
import org.nautilus.api.store.StoredOrder;

/** A stored order on its own in the journal's encoding: the order cache's form of it. */
class OrderJournalCodecTest {

    private static final Instant T = Instant.parse("2024-03-01T14:30:00.123456789Z");

    private static StoredOrder everyField() {
        OrderRequest request = new OrderRequest(ClientOrderId.of("c-1"), PortfolioId.of("alpha"),
                InstrumentId.of("AAPL"), Side.SELL, OrderType.STOP_LIMIT, Quantity.of("150.5"),
                Price.of("187.12345678"), Price.of("186"), TimeInForce.GTD, T.plusSeconds(86_400), VenueId.of("SIM"),
                false, true);
        Order order = new Order(OrderId.of(123_456_789), request, OrderStatus.REJECTED, Quantity.of("50"),
                Price.of("187.01"), VenueId.of("SIMB"), "canceled: risk", RejectCode.MAX_NOTIONAL, T, T.plusNanos(7));
        return new StoredOrder(order, 9, true, new byte[] {2, 0, -1, 42});
    }

    @Test
    void a_stored_order_comes_back_equal_with_every_field_and_its_working_state() {
        StoredOrder stored = everyField();

        byte[] bytes = OrderJournalCodec.encode(stored);

        assertThat(bytes[0]).isEqualTo(OrderJournalCodec.STORED_ORDER_FORM);
        assertThat(OrderJournalCodec.decodeStoredOrder(bytes)).isEqualTo(stored);
        assertThat(bytes.length).as("compact: a few bytes per field").isLessThan(120);
    }

    @Test
    void a_minimal_order_without_optional_fields_comes_back_equal() {
        OrderRequest request = OrderRequest.market(ClientOrderId.of("m"), PortfolioId.of("p"), InstrumentId.of("X"),
                Side.BUY, Quantity.ofWhole(1));
        StoredOrder stored = StoredOrder.of(new Order(OrderId.of(1), request, OrderStatus.INITIALIZED, Quantity.ZERO,
                null, null, null, Instant.EPOCH, Instant.EPOCH), 1);

        assertThat(OrderJournalCodec.decodeStoredOrder(OrderJournalCodec.encode(stored))).isEqualTo(stored);
    }

    @Test
    void an_orders_events_of_one_unit_come_back_equal_and_share_their_request() {
        StoredOrder stored = everyField();
        Order accepted = new Order(stored.id(), stored.order().request(), OrderStatus.ACCEPTED, Quantity.ZERO, null,
                VenueId.of("SIM"), null, T, T);
        Order partial = new Order(stored.id(), stored.order().request(), OrderStatus.PARTIALLY_FILLED,
                Quantity.of("50"), Price.of("187.01"), VenueId.of("SIM"), null, T, T.plusSeconds(1));
        Fill fill = new Fill("SIM-1", stored.id(), partial.portfolioId(), partial.instrumentId(), VenueId.of("SIM"),
                Side.SELL, Quantity.of("50"), Price.of("187.01"), Money.of("-0.25"), T.plusSeconds(1));
        List<OrderEvent> events = List.of(new OrderEvent(2, OrderEventType.ACCEPTED, accepted, null, null, T, 5),
                new OrderEvent(3, OrderEventType.FILL, partial, fill, null, T.plusSeconds(1), 6));

        byte[] bytes = OrderJournalCodec.encodeEvents(events);
        List<OrderEvent> decoded = OrderJournalCodec.decodeEvents(bytes);

        assertThat(decoded).isEqualTo(events);
        assertThat(decoded.get(1).order().request()).as("the request is written once")
                .isSameAs(decoded.get(0).order().request());
        assertThatThrownBy(() -> OrderJournalCodec.decodeEvents(OrderJournalCodec.encode(stored)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("malformed order events");
    }

    @Test
    void truncated_trailing_or_unknown_form_bytes_are_refused_saying_what_is_wrong() {
        byte[] bytes = OrderJournalCodec.encode(everyField());

        assertThatThrownBy(() -> OrderJournalCodec.decodeStoredOrder(Arrays.copyOf(bytes, bytes.length - 3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("malformed stored order")
                .hasMessageContaining("working state byte count 4 with 1 bytes left");
        assertThatThrownBy(() -> OrderJournalCodec.decodeStoredOrder(Arrays.copyOf(bytes, 20)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("malformed stored order");
        assertThatThrownBy(() -> OrderJournalCodec.decodeStoredOrder(Arrays.copyOf(bytes, bytes.length + 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 byte(s) after the stored order");
        byte[] future = bytes.clone();
        future[0] = 9;
        assertThatThrownBy(() -> OrderJournalCodec.decodeStoredOrder(future))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown form 9");
    }
}
