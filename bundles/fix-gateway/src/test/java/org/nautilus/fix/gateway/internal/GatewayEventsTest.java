package org.nautilus.fix.gateway.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nautilus.api.domain.ClientOrderId;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.OrderId;
import org.nautilus.api.domain.OrderRequest;
import org.nautilus.api.domain.OrderStatus;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.domain.Side;
import org.nautilus.api.oms.OrderEvent;
import org.nautilus.api.oms.OrderEventType;

/**
 * The gateway's events when their source changes (the OMS's whiteboard on its node, the cluster's feed elsewhere, a
 * dropped subscription resumed): each event becomes reports once, and a new subscription resumes after the last one
 * handled of each portfolio.
 */
class GatewayEventsTest {

    private static final PortfolioId P1 = PortfolioId.of("p1");
    private static final PortfolioId P2 = PortfolioId.of("p2");

    private final List<OrderEvent> reported = new ArrayList<>();
    private final List<String> drops = new ArrayList<>();
    private final GatewayEvents events = new GatewayEvents(reported::add, drops::add);

    private static OrderEvent event(PortfolioId portfolio, long order, int version, long sequence) {
        OrderRequest request = OrderRequest.market(ClientOrderId.of("FIX:C1:" + order), portfolio,
                InstrumentId.of("MSFT"), Side.BUY, Quantity.of("10"));
        Order state = new Order(OrderId.of(order), request, OrderStatus.SUBMITTED, Quantity.ZERO, null, null, null,
                Instant.EPOCH, Instant.EPOCH);
        return new OrderEvent(version, version == 1 ? OrderEventType.INITIALIZED : OrderEventType.SUBMITTED, state,
                null, null, Instant.EPOCH, sequence);
    }

    @Test
    void a_new_source_resumes_after_the_last_event_handled_and_what_both_deliver_is_reported_once() {
        assertThat(events.resumeAfter()).as("the first subscription is live only").isEmpty();
        OrderEvent p1a = event(P1, 1, 1, 1);
        OrderEvent p1b = event(P1, 1, 2, 2);
        OrderEvent p2a = event(P2, 2, 1, 1);
        events.onEvent(p1a);
        events.onEvent(p2a);
        events.onEvent(p1b);

        // The source drops the gateway; the next subscription starts after what was handled.
        events.onDropped("it fell behind: its queue of 5 events is full");
        assertThat(drops).containsExactly("it fell behind: its queue of 5 events is full");
        assertThat(events.resumeAfter()).isEqualTo(Map.of(P1, 2L, P2, 1L));

        // The new source hands over from an earlier point (the old one delivered on meanwhile): no report twice.
        OrderEvent p1c = event(P1, 3, 1, 3);
        OrderEvent p2b = event(P2, 2, 2, 2);
        events.onEvent(p1b);
        events.onEvent(p1c);
        events.onEvent(p2a);
        events.onEvent(p2b);
        events.onEvent(p1c);

        assertThat(reported).containsExactly(p1a, p2a, p1b, p1c, p2b);
        assertThat(events.resumeAfter()).isEqualTo(Map.of(P1, 3L, P2, 2L));
    }
}
