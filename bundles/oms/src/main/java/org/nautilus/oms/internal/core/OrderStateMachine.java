package org.nautilus.oms.internal.core;

import static org.nautilus.api.domain.OrderStatus.ACCEPTED;
import static org.nautilus.api.domain.OrderStatus.CANCELED;
import static org.nautilus.api.domain.OrderStatus.DENIED;
import static org.nautilus.api.domain.OrderStatus.EXPIRED;
import static org.nautilus.api.domain.OrderStatus.FILLED;
import static org.nautilus.api.domain.OrderStatus.INITIALIZED;
import static org.nautilus.api.domain.OrderStatus.PARTIALLY_FILLED;
import static org.nautilus.api.domain.OrderStatus.PENDING_CANCEL;
import static org.nautilus.api.domain.OrderStatus.PENDING_UPDATE;
import static org.nautilus.api.domain.OrderStatus.REJECTED;
import static org.nautilus.api.domain.OrderStatus.SUBMITTED;
import static org.nautilus.api.domain.OrderStatus.TRIGGERED;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.nautilus.api.domain.OrderStatus;

/**
 * The one order state machine of the OMS: which status may follow which. Terminal states have no way out.
 *
 * <p>Self-transitions are listed where a venue legitimately reports more of the same: another partial
 * fill, or a partial fill that arrives while a cancel or an amend is still pending (the order keeps its
 * pending status until the venue answers the request).
 */
public final class OrderStateMachine {

    private static final Map<OrderStatus, Set<OrderStatus>> TABLE = new EnumMap<>(OrderStatus.class);

    static {
        // A contingent child waits in INITIALIZED until its parent releases it; canceling the parent cancels it.
        allow(INITIALIZED, DENIED, SUBMITTED, CANCELED);
        // Some venues fill or cancel without acknowledging first.
        allow(SUBMITTED, ACCEPTED, REJECTED, TRIGGERED, PENDING_CANCEL, PARTIALLY_FILLED, FILLED, CANCELED, EXPIRED);
        allow(ACCEPTED, TRIGGERED, PENDING_UPDATE, PENDING_CANCEL, PARTIALLY_FILLED, FILLED, CANCELED, EXPIRED);
        // A triggered stop-limit may be refused by the venue as a limit order (post-only would cross, say).
        allow(TRIGGERED, REJECTED, PENDING_UPDATE, PENDING_CANCEL, PARTIALLY_FILLED, FILLED, CANCELED, EXPIRED);
        // An amend resolves back to the working status (replaced or refused), or is overtaken by fills/cancels.
        allow(PENDING_UPDATE, PENDING_UPDATE, ACCEPTED, TRIGGERED, PARTIALLY_FILLED, REJECTED, FILLED, CANCELED,
                EXPIRED);
        // A cancel may be refused (back to the working status) or lose the race against fills.
        allow(PENDING_CANCEL, PENDING_CANCEL, ACCEPTED, TRIGGERED, PARTIALLY_FILLED, REJECTED, FILLED, CANCELED,
                EXPIRED);
        allow(PARTIALLY_FILLED, PARTIALLY_FILLED, PENDING_UPDATE, PENDING_CANCEL, FILLED, CANCELED, EXPIRED);
        for (OrderStatus status : OrderStatus.values()) {
            if (status.isTerminal()) {
                TABLE.put(status, Collections.emptySet());
            }
        }
    }

    private OrderStateMachine() {
    }

    /** {@code true} if an order in {@code from} may move to {@code to}. */
    public static boolean allows(OrderStatus from, OrderStatus to) {
        return TABLE.get(from).contains(to);
    }

    /** The states reachable from {@code from} in one step. */
    public static Set<OrderStatus> next(OrderStatus from) {
        Set<OrderStatus> next = TABLE.get(from);
        return next.isEmpty() ? EnumSet.noneOf(OrderStatus.class) : EnumSet.copyOf(next);
    }

    private static void allow(OrderStatus from, OrderStatus... to) {
        TABLE.put(from, Collections.unmodifiableSet(EnumSet.of(to[0], to)));
    }
}
