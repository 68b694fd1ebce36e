package org.nautilus.fix.gateway.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.oms.OrderEvent;
import org.nautilus.api.oms.OrderEventSubscriber;

/**
 * The gateway's committed order events, whatever their source: the cluster's feed where the grid offers one (so a
 * session on a node that does not run the OMS gets its reports), else the OMS's whiteboard on its node. Each event
 * is turned into reports once: when the source changes or drops the gateway, the next subscription resumes after
 * the last event handled per portfolio ({@link #resumeAfter()}), and what two sources both deliver while one takes
 * over from the other is skipped by its sequence.
 */
final class GatewayEvents implements OrderEventSubscriber {

    private final Consumer<OrderEvent> reports;
    private final Consumer<String> dropped;
    /** Guarded by this: the last sequence handled per portfolio. */
    private final Map<PortfolioId, Long> handled = new HashMap<>();

    /**
     * @param reports turns an event into the sessions' reports
     * @param dropped told when the source dropped the gateway, with why (to subscribe again)
     */
    GatewayEvents(Consumer<OrderEvent> reports, Consumer<String> dropped) {
        this.reports = reports;
        this.dropped = dropped;
    }

    @Override
    public synchronized void onEvent(OrderEvent event) {
        Long last = handled.get(event.portfolioId());
        if (last != null && event.sequence() <= last) {
            return;
        }
        handled.put(event.portfolioId(), event.sequence());
        reports.accept(event);
    }

    /** Where a new subscription takes over: after the last event handled of each portfolio seen. */
    @Override
    public synchronized Map<PortfolioId, Long> resumeAfter() {
        return Map.copyOf(handled);
    }

    @Override
    public void onDropped(String why) {
        dropped.accept(why);
    }
}
