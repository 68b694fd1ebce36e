package org.nautilus.api.oms;

import java.time.Instant;
import java.util.Objects;
import org.nautilus.api.domain.Fill;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.OrderId;
import org.nautilus.api.domain.PortfolioId;

/**
 * One change of one order, as the OMS applied it: the order's history is the sequence of its events, and the
 * last event's {@link #order()} is its current state. Events are what a durable store keeps to recover the
 * OMS; {@code (orderId, version)} identifies an event uniquely, so storing one twice is harmless.
 *
 * @param version   the event's number within its order: 1 for INITIALIZED, then 2, 3, ... with no gaps
 * @param type      what happened
 * @param order     the order right after the event
 * @param fill      the execution, for a {@link OrderEventType#FILL} event; otherwise {@code null}
 * @param reason    why, for a denial, rejection, refusal, cancel or expiry; otherwise {@code null}
 * @param timestamp when it happened (venue time for venue reports)
 * @param sequence  the event's number within its portfolio's stream of client-visible events, in the order the OMS
 *                  decided: 1, 2, 3, ... with no gaps; 0 for an event clients never see (a part of a split order).
 *                  An {@link OrderEventSubscriber} resumes from it.
 */
public record OrderEvent(int version, OrderEventType type, Order order, Fill fill, String reason, Instant timestamp,
        long sequence) {

    public OrderEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(order, "order");
        Objects.requireNonNull(timestamp, "timestamp");
        if (version < 1) {
            throw new IllegalArgumentException("version must be positive, got " + version);
        }
        if (sequence < 0) {
            throw new IllegalArgumentException("sequence must not be negative, got " + sequence);
        }
        if ((type == OrderEventType.FILL) != (fill != null)) {
            throw new IllegalArgumentException(type == OrderEventType.FILL ? "a FILL event needs its fill"
                    : type + " event must not carry a fill");
        }
    }

    public OrderId orderId() {
        return order.id();
    }

    public PortfolioId portfolioId() {
        return order.portfolioId();
    }
}
