package org.nautilus.oms.internal.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.nautilus.oms.internal.core.Fixtures.limit;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.OrderId;
import org.nautilus.api.domain.OrderRequest;
import org.nautilus.api.domain.OrderStatus;
import org.nautilus.api.domain.OrderType;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.domain.Side;
import org.nautilus.api.domain.VenueId;
import org.nautilus.api.store.StoredOrder;

class OmsStoredOrderTest {

    private static final Instant T = Instant.parse("2024-03-01T14:30:00Z");
    private static final OrderRequest REQUEST = limit("c-1", Side.BUY, 100, "150");
    private static final Order ORDER = new Order(OrderId.of(7), REQUEST, OrderStatus.PENDING_UPDATE,
            Quantity.ofWhole(30), Price.of("149.9"), VenueId.of("SIM"), null, T, T);

    private static OmsStoredOrder plain(Order order) {
        return new OmsStoredOrder(order, 3, null, List.of(), null, List.of(), List.of(), false, false, false, null,
                null, null, null);
    }

    @Test
    void a_plain_order_stores_no_working_state_at_all() {
        StoredOrder stored = plain(ORDER).toStored();

        assertThat(stored.working()).isEmpty();
        assertThat(stored.internal()).isFalse();
        assertThat(stored).isEqualTo(StoredOrder.of(ORDER, 3));
        assertThat(OmsStoredOrder.of(stored)).isEqualTo(plain(ORDER));
    }

    @Test
    void every_field_of_the_working_state_comes_back_exactly() {
        OrderRequest amend = REQUEST.withQuantity(Quantity.ofWhole(50)).withLimitPrice(Price.of("150.5"));
        OmsStoredOrder full = new OmsStoredOrder(ORDER, 9, OrderId.of(3), List.of(OrderId.of(11), OrderId.of(12)),
                OrderId.of(4), List.of(OrderId.of(21)), List.of(OrderId.of(7), OrderId.of(Long.MAX_VALUE)), true, true,
                true, OrderStatus.PARTIALLY_FILLED, amend, "OCO sibling filled: Ωμέγα 📈",
                "DAY order expired at the session close 2024-03-01T15:00Z[UTC]");

        StoredOrder stored = full.toStored();

        assertThat(stored.internal()).as("a part of a split order").isTrue();
        assertThat(stored.order()).isSameAs(ORDER);
        assertThat(OmsStoredOrder.of(stored)).isEqualTo(full);
    }

    @Test
    void each_flag_alone_comes_back_alone() {
        for (int flag = 0; flag < 3; flag++) {
            OmsStoredOrder one = new OmsStoredOrder(ORDER, 2, null, List.of(), null, List.of(), List.of(), flag == 0,
                    flag == 1, flag == 2, null, null, null, null);
            assertThat(OmsStoredOrder.of(one.toStored())).isEqualTo(one);
        }
    }

    @Test
    void a_pending_amend_of_a_stop_price_comes_back() {
        OrderRequest stop = new OrderRequest(REQUEST.clientOrderId(), REQUEST.portfolioId(), REQUEST.instrumentId(),
                Side.SELL, OrderType.STOP, Quantity.ofWhole(10), null, Price.of("140"),
                REQUEST.timeInForce(), null, null, false, false);
        Order order = new Order(OrderId.of(8), stop, OrderStatus.PENDING_UPDATE, Quantity.ZERO, null, null, null, T,
                T);
        OrderRequest amended = new OrderRequest(stop.clientOrderId(), stop.portfolioId(), stop.instrumentId(),
                stop.side(), stop.type(), stop.quantity(), null, Price.of("139.5"), stop.timeInForce(), null, null,
                false, false);
        OmsStoredOrder pending = new OmsStoredOrder(order, 4, null, List.of(), null, List.of(), List.of(), false,
                false, false, OrderStatus.ACCEPTED, amended, null, null);

        assertThat(OmsStoredOrder.of(pending.toStored())).isEqualTo(pending);
    }

    @Test
    void an_amend_that_changes_more_than_quantity_and_prices_is_a_programming_error() {
        OmsStoredOrder odd = new OmsStoredOrder(ORDER, 4, null, List.of(), null, List.of(), List.of(), false, false,
                false, OrderStatus.ACCEPTED, REQUEST.withVenue(VenueId.of("SIMB")), null, null);

        assertThatThrownBy(odd::toStored).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("order 7").hasMessageContaining("changes more than the quantity and prices");
    }

    @Test
    void bytes_it_did_not_write_are_refused_with_the_order_named() {
        byte[] good = new OmsStoredOrder(ORDER, 2, null, List.of(OrderId.of(11)), null, List.of(), List.of(), false,
                false, false, null, null, null, null).toStored().working();

        assertThatThrownBy(() -> OmsStoredOrder.of(new StoredOrder(ORDER, 2, false, new byte[] {9, 0})))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stored order 7")
                .hasMessageContaining("unknown format 9");
        assertThatThrownBy(() -> OmsStoredOrder.of(new StoredOrder(ORDER, 2, false,
                Arrays.copyOf(good, good.length - 1)))).isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("stored order 7");
        assertThatThrownBy(() -> OmsStoredOrder.of(new StoredOrder(ORDER, 2, false,
                Arrays.copyOf(good, good.length + 1)))).hasMessageContaining("left over");
        assertThatThrownBy(() -> OmsStoredOrder.of(new StoredOrder(ORDER, 2, true, good)))
                .as("internal without a parent").hasMessageContaining("internal is true");
        assertThatThrownBy(() -> OmsStoredOrder.of(new StoredOrder(ORDER, 2, true, new byte[0])))
                .hasMessageContaining("without its parent");
    }

    @Test
    void the_expiry_mark_is_kept_and_only_it_takes_the_two_byte_flags_of_format_2() {
        OmsStoredOrder pendingCancel = new OmsStoredOrder(ORDER, 5, null, List.of(), null, List.of(), List.of(), false,
                false, false, OrderStatus.ACCEPTED, null, "GTD order expired at its expire time 2024-03-01T15:00:00Z",
                "GTD order expired at its expire time 2024-03-01T15:00:00Z");
        byte[] expiring = pendingCancel.toStored().working();
        assertThat(expiring[0]).as("format").isEqualTo((byte) 2);
        assertThat(OmsStoredOrder.of(pendingCancel.toStored())).isEqualTo(pendingCancel);

        OmsStoredOrder userCancel = new OmsStoredOrder(ORDER, 5, null, List.of(), null, List.of(), List.of(), false,
                false, false, OrderStatus.ACCEPTED, null, null, null);
        assertThat(userCancel.toStored().working()[0]).as("format 1 as before, readable by an older OMS")
                .isEqualTo((byte) 1);

        byte[] unknownFlag = expiring.clone();
        unknownFlag[1] |= 0x02; // a flag above the expiry's
        assertThatThrownBy(() -> OmsStoredOrder.of(new StoredOrder(ORDER, 5, false, unknownFlag)))
                .hasMessageContaining("stored order 7").hasMessageContaining("unknown flags");
    }
}
