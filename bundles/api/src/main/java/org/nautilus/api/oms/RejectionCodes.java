package org.nautilus.api.oms;

import java.util.Optional;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.OrderStatus;

/**
 * The stable code of a refused order, the one way to read it: a risk rule or a venue ends the order's reason with it
 * ({@code "max-order-quantity: 5000 > 1000 [MAX_ORDER_QUANTITY]"}), and the shell, the HTTP API (its 422 body) and the
 * metrics' rejection counters all show that code. Until the code is a field of its own (issue 15), it is read from
 * the reason here and nowhere else.
 *
 * @since 2.1
 */
public final class RejectionCodes {

    /** A denied order whose reason carries no code (a pre-trade refusal). */
    public static final String RISK_DENIED = "RISK_DENIED";
    /** A rejected order whose reason carries no code (the venue's refusal). */
    public static final String VENUE_REJECTED = "VENUE_REJECTED";
    /** The longest code read from a reason: anything longer is text, not a code. */
    public static final int MAX_LENGTH = 40;

    private RejectionCodes() {
    }

    /** The code a reason ends with ({@code "... [CODE]"}, trailing blanks allowed): upper case, digits, '_'. */
    public static Optional<String> fromReason(String reason) {
        if (reason == null) {
            return Optional.empty();
        }
        String text = reason.stripTrailing();
        if (!text.endsWith("]")) {
            return Optional.empty();
        }
        int open = text.lastIndexOf('[');
        if (open < 0) {
            return Optional.empty();
        }
        String candidate = text.substring(open + 1, text.length() - 1);
        if (candidate.isEmpty() || candidate.length() > MAX_LENGTH || candidate.charAt(0) < 'A'
                || candidate.charAt(0) > 'Z') {
            return Optional.empty();
        }
        for (int i = 0; i < candidate.length(); i++) {
            char c = candidate.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) {
                return Optional.empty();
            }
        }
        return Optional.of(candidate);
    }

    /**
     * A refused order's code: the one its reason ends with, else {@link #RISK_DENIED} for a denied order and
     * {@link #VENUE_REJECTED} for a rejected one; empty for an order that was neither.
     */
    public static Optional<String> of(Order order) {
        if (order.status() != OrderStatus.DENIED && order.status() != OrderStatus.REJECTED) {
            return Optional.empty();
        }
        return Optional.of(fromReason(order.reason())
                .orElse(order.status() == OrderStatus.DENIED ? RISK_DENIED : VENUE_REJECTED));
    }
}
