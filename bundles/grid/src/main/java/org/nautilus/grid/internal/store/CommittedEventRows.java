package org.nautilus.grid.internal.store;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.oms.OrderEvent;
import org.nautilus.grid.internal.events.CommittedEvents;

/**
 * The committed order events as rows of the {@value IgniteTradingStore#EVENTS} cache, where a store without the
 * journal (a cluster) writes them in the same transaction as the orders: one row per unit of work and order, keyed
 * by the order and the version of the unit's first event, never written again (a later unit of the order has a later
 * version). A continuous query on it sees each unit once it committed, and never one that failed.
 */
public final class CommittedEventRows implements CommittedEvents {

    private static final Comparator<OrderEvent> BY_PORTFOLIO_AND_SEQUENCE = Comparator
            .comparing(OrderEvent::portfolioId).thenComparingLong(OrderEvent::sequence);

    private final StoreCaches caches;

    CommittedEventRows(StoreCaches caches) {
        this.caches = caches;
    }

    @Override
    public AutoCloseable listen(Consumer<List<OrderEvent>> committed) {
        return caches.events.listen(stored -> committed.accept(stored.events()));
    }

    @Override
    public long topologyVersion() {
        return caches.grid.ignite().cluster().topologyVersion();
    }

    /** One scan of the event rows. */
    @Override
    public Map<PortfolioId, Long> lastSequences() {
        Map<PortfolioId, Long> last = new HashMap<>();
        caches.events.forEach(stored -> {
            for (OrderEvent event : stored.events()) {
                last.merge(event.portfolioId(), event.sequence(), Math::max);
            }
        });
        return last;
    }

    /** One scan of the event rows (the rows are keyed by order, not by portfolio). */
    @Override
    public Tail eventsAfter(Map<PortfolioId, Long> after) {
        List<OrderEvent> found = new ArrayList<>();
        Map<PortfolioId, Long> last = new HashMap<>();
        after.keySet().forEach(p -> last.put(p, 0L));
        caches.events.forEach(stored -> {
            for (OrderEvent event : stored.events()) {
                Long from = after.get(event.portfolioId());
                if (from != null && event.sequence() > 0) {
                    last.merge(event.portfolioId(), event.sequence(), Math::max);
                    if (event.sequence() > from) {
                        found.add(event);
                    }
                }
            }
        });
        found.sort(BY_PORTFOLIO_AND_SEQUENCE);
        return new Tail(found, last);
    }
}
