package org.nautilus.api.venue;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.nautilus.api.domain.OrderId;
import org.nautilus.api.domain.VenueId;

/**
 * What one reconciliation of the OMS with a venue found and did (on start and on every reconnect).
 *
 * @param venueId        the venue
 * @param time           when it finished
 * @param outcome        the verdict
 * @param fillsBooked    executions the OMS had missed and booked now (deduplicated by execution id)
 * @param ordersClosed   OMS orders the venue no longer has open; they got their final state (CANCELED)
 * @param externalOrders orders open at the venue that the OMS did not send (recorded, not adopted)
 * @param positions      positions on which the venue and the OMS disagree
 * @param notes          what could not be checked and why (e.g. a venue that keeps no positions)
 * @param failure        why a query failed ({@link Outcome#FAILED}), otherwise {@code null}
 * @param acknowledgedBy who acknowledged a {@link Outcome#BLOCKED} report, {@code null} until then
 * @since 1.3
 */
public record ReconciliationReport(VenueId venueId, Instant time, Outcome outcome, int fillsBooked,
        List<OrderId> ordersClosed, List<VenueOrder> externalOrders,
        List<PositionDifference> positions, List<String> notes, String failure,
        String acknowledgedBy) {

    /** The verdict of a reconciliation. */
    public enum Outcome {
        /** Everything agrees (after booking missed fills and closing orders the venue closed). */
        CLEAN,
        /** Differences were found and reported, all within tolerance: the venue takes orders. */
        REPORTED,
        /** A position difference beyond the tolerance: the venue takes no new orders until acknowledged. */
        BLOCKED,
        /** A query failed: nothing was concluded, the venue takes no new orders until a reconciliation succeeds. */
        FAILED
    }

    public ReconciliationReport {
        Objects.requireNonNull(venueId, "venueId");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(outcome, "outcome");
        ordersClosed = List.copyOf(ordersClosed);
        externalOrders = List.copyOf(externalOrders);
        positions = List.copyOf(positions);
        notes = List.copyOf(notes);
        if (outcome == Outcome.FAILED && failure == null) {
            throw new IllegalArgumentException("a FAILED reconciliation needs its failure");
        }
    }

    public ReconciliationReport acknowledged(String by) {
        return new ReconciliationReport(venueId, time, outcome, fillsBooked, ordersClosed, externalOrders, positions,
                notes, failure, Objects.requireNonNull(by, "by"));
    }

    /** One line: the verdict and the counts. */
    public String summary() {
        StringBuilder s = new StringBuilder(outcome.name()).append(": ").append(fillsBooked)
                .append(" missed fill(s) booked, ")
                .append(ordersClosed.size()).append(" order(s) closed, ").append(externalOrders.size())
                .append(" external order(s), ").append(positions.size()).append(" position difference(s)");
        if (failure != null) {
            s.append("; failed: ").append(failure);
        }
        if (acknowledgedBy != null) {
            s.append("; acknowledged by ").append(acknowledgedBy);
        }
        return s.toString();
    }
}
