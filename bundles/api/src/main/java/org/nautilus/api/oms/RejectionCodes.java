package org.nautilus.api.oms;

import java.util.Optional;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.OrderStatus;

/**
 * Reads the code of a refused order from the end of its reason ({@code "... [MAX_ORDER_QUANTITY]"}), the way
 * orders recorded before oms 2.2 carried it.
 *
 * @since 2.1
 * @deprecated the code is a field now: {@link Order#rejectCode()} / {@link Order#refusalCode()}
 *             ({@link org.nautilus.api.domain.RejectCode}), and no reason text ends with it any more. Kept only to
 *             read the reasons of orders recorded before; nothing in the platform calls it.
 */
@Deprecated(since = "2.2", forRemoval = true)
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
     * A refused order's code: its {@link Order#rejectCode()}, else the one its reason ends with (an order recorded
     * before codes were kept), else {@link #RISK_DENIED} for a denied order and {@link #VENUE_REJECTED} for a
     * rejected one; empty for an order that was neither.
     */
    public static Optional<String> of(Order order) {
        if (order.status() != OrderStatus.DENIED && order.status() != OrderStatus.REJECTED) {
            return Optional.empty();
        }
        if (order.rejectCode() != null) {
            return Optional.of(order.rejectCode().name());
        }
        return Optional.of(fromReason(order.reason())
                .orElse(order.status() == OrderStatus.DENIED ? RISK_DENIED : VENUE_REJECTED));
    }
}
