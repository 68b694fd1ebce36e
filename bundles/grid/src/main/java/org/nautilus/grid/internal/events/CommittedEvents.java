package org.nautilus.grid.internal.events;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.oms.OrderEvent;

/**
 * Where a node reads the cluster's committed order events: live, as the grid notifies their commits, and stored, to
 * fill a gap or to resume. The store's event rows in production ({@code CommittedEventRows}).
 */
public interface CommittedEvents {

    /**
     * Starts handing each committed unit's events of one order (in version order) to {@code committed}, on a grid
     * thread that must not block; units of different orders in any order, now and then one twice.
     *
     * @return the registration; closing it stops the notifications
     * @throws RuntimeException if the grid cannot register it now (inactive, between topologies)
     */
    AutoCloseable listen(Consumer<List<OrderEvent>> committed);

    /** A number that changes whenever nodes join or leave (a registration may not outlive such a change). */
    long topologyVersion();

    /** Every portfolio's last stored sequence: where its live events start for a node that begins to listen. */
    Map<PortfolioId, Long> lastSequences();

    /** The stored client-visible events of the portfolios after their sequences, and how far each has got. */
    Tail eventsAfter(Map<PortfolioId, Long> after);

    /**
     * Stored events read back.
     *
     * @param events the events after the asked sequences, in sequence order per portfolio
     * @param last   per asked portfolio, its last stored sequence (0 if it has none)
     */
    record Tail(List<OrderEvent> events, Map<PortfolioId, Long> last) {

        public Tail {
            events = List.copyOf(events);
            last = Map.copyOf(last);
        }
    }
}
