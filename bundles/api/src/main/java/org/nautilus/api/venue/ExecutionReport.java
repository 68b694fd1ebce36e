package org.nautilus.api.venue;

import java.time.Instant;
import java.util.Objects;
import org.nautilus.api.domain.Money;
import org.nautilus.api.domain.OrderId;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.domain.RejectCode;
import org.nautilus.api.domain.VenueId;

/**
 * One report from a venue about one order.
 *
 * @param orderId      the OMS order id
 * @param venueId      the reporting venue
 * @param type         what happened
 * @param executionId  the venue's unique id of the report (for a FILL: of the execution)
 * @param lastQuantity executed quantity of a FILL, otherwise zero
 * @param lastPrice    execution price of a FILL, otherwise {@code null}
 * @param commission   fee of a FILL, otherwise zero
 * @param reason       why, for REJECTED, CANCELED or EXPIRED; otherwise {@code null}
 * @param rejectCode   for a REJECTED report, why as a value ({@code null}: the OMS records
 *                     {@link RejectCode#VENUE_REJECTED}); {@code null} for any other type
 * @param timestamp    venue time
 */
public record ExecutionReport(OrderId orderId, VenueId venueId, ExecType type, String executionId,
        Quantity lastQuantity, Price lastPrice, Money commission, String reason,
        RejectCode rejectCode, Instant timestamp) {

    public ExecutionReport {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(venueId, "venueId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(executionId, "executionId");
        Objects.requireNonNull(lastQuantity, "lastQuantity");
        Objects.requireNonNull(commission, "commission");
        Objects.requireNonNull(timestamp, "timestamp");
        if (type == ExecType.FILL && (!lastQuantity.isPositive() || lastPrice == null)) {
            throw new IllegalArgumentException("a FILL needs a positive quantity and a price");
        }
        if (rejectCode != null && type != ExecType.REJECTED) {
            throw new IllegalArgumentException("a reject code (" + rejectCode + ") belongs to a REJECTED report, not "
                    + type);
        }
    }

    /** A report with no reject code. */
    public ExecutionReport(OrderId orderId, VenueId venueId, ExecType type, String executionId, Quantity lastQuantity,
            Price lastPrice, Money commission, String reason, Instant timestamp) {
        this(orderId, venueId, type, executionId, lastQuantity, lastPrice, commission, reason, null, timestamp);
    }

    /** The venue refused the order: why, as text and as a value. @since venue 2.0 */
    public static ExecutionReport rejected(OrderId orderId, VenueId venueId, String executionId, RejectCode code,
            String reason, Instant timestamp) {
        return new ExecutionReport(orderId, venueId, ExecType.REJECTED, executionId, Quantity.ZERO, null, Money.ZERO,
                reason, code, timestamp);
    }

    public static ExecutionReport of(OrderId orderId, VenueId venueId, ExecType type, String executionId,
            String reason, Instant timestamp) {
        return new ExecutionReport(orderId, venueId, type, executionId, Quantity.ZERO, null, Money.ZERO, reason, null,
                timestamp);
    }

    public static ExecutionReport fill(OrderId orderId, VenueId venueId, String executionId, Quantity quantity,
            Price price, Money commission, Instant timestamp) {
        return new ExecutionReport(orderId, venueId, ExecType.FILL, executionId, quantity, price, commission, null,
                null,
                timestamp);
    }
}
