package org.nautilus.api.oms;

import java.util.Objects;
import org.nautilus.api.domain.Order;

/**
 * The outcome of a command on an existing order (cancel, amend): accepted, or refused with a stable code
 * and a human message. A refused command changed nothing.
 *
 * @param accepted {@code true} if the command was applied
 * @param code     stable reason code when refused (e.g. {@code UNKNOWN_ORDER}, {@code ORDER_TERMINAL}),
 *                 {@code OK} when accepted
 * @param message  human-readable explanation
 * @param order    the order after the command, {@code null} if the order is unknown
 */
public record CommandResult(boolean accepted, String code, String message, Order order) {

    public CommandResult {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    public static CommandResult accepted(Order order, String message) {
        return new CommandResult(true, "OK", message, order);
    }

    public static CommandResult refused(String code, String message, Order order) {
        return new CommandResult(false, code, message, order);
    }
}
