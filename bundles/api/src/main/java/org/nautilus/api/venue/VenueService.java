package org.nautilus.api.venue;

import java.util.List;
import java.util.Optional;
import org.nautilus.api.domain.OrderId;
import org.osgi.annotation.versioning.ProviderType;

/** The execution engine's view of the registered venues and of its smart order router's decisions. */
@ProviderType
public interface VenueService {

    List<VenueInfo> venues();

    /** The router's most recent decisions, newest first, at most {@code limit}. */
    List<RoutingDecision> decisions(int limit);

    /** The router's decision for one order, while it is kept (the most recent decisions are). */
    Optional<RoutingDecision> decision(OrderId orderId);
}
