package org.nautilus.api.venue;

import java.util.List;
import java.util.Optional;
import org.nautilus.api.domain.OrderId;
import org.nautilus.api.domain.VenueId;
import org.nautilus.api.oms.CommandResult;
import org.osgi.annotation.versioning.ProviderType;

/** The execution engine's view of the registered venues and of its smart order router's decisions. */
@ProviderType
public interface VenueService {

    List<VenueInfo> venues();

    /** The router's most recent decisions, newest first, at most {@code limit}. */
    List<RoutingDecision> decisions(int limit);

    /** The router's decision for one order, while it is kept (the most recent decisions are). */
    Optional<RoutingDecision> decision(OrderId orderId);

    /**
     * The last reconciliation report of each venue, sorted by venue (empty where this node runs no OMS).
     *
     * @since 1.3
     */
    default List<ReconciliationReport> reconciliations() {
        return List.of();
    }

    /**
     * Acknowledges a venue's BLOCKED reconciliation: the position differences it found are accepted as they are (the
     * venue's positions become the expected ones) and the venue takes new orders again. Refused if the venue is not
     * blocked.
     *
     * @param by who acknowledges (for the audit journal)
     * @since 1.3
     */
    default CommandResult acknowledge(VenueId venue, String by) {
        return CommandResult.refused("NOT_SUPPORTED", "this node runs no OMS: acknowledge on the OMS node", null);
    }

    /** Reconciles with a venue now (as on a reconnect), e.g. after a failed query was fixed. @since 1.3 */
    default CommandResult reconcile(VenueId venue) {
        return CommandResult.refused("NOT_SUPPORTED", "this node runs no OMS: reconcile on the OMS node", null);
    }
}
