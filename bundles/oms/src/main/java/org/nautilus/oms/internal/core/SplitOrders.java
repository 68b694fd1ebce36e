package org.nautilus.oms.internal.core;

import static org.nautilus.api.domain.OrderStatus.ACCEPTED;
import static org.nautilus.api.domain.OrderStatus.CANCELED;
import static org.nautilus.api.domain.OrderStatus.EXPIRED;
import static org.nautilus.api.domain.OrderStatus.PARTIALLY_FILLED;
import static org.nautilus.api.domain.OrderStatus.PENDING_CANCEL;
import static org.nautilus.api.domain.OrderStatus.REJECTED;
import static org.nautilus.api.domain.OrderStatus.SUBMITTED;

import java.time.Instant;
import java.util.StringJoiner;
import org.nautilus.api.domain.Fill;
import org.nautilus.api.domain.OrderStatus;
import org.nautilus.api.domain.RejectCode;
import org.nautilus.api.oms.OrderEvent;
import org.nautilus.api.oms.OrderEventType;

/**
 * The parent of an order the router split across venues follows its parts: accepted with the first, filled by
 * their fills, ended once every part has ended. The parts are never shown to clients; the parent is.
 */
final class SplitOrders {

    private final Transitions transitions;
    private final ExecutionReports reports;
    private final Anomalies anomalies;

    SplitOrders(Transitions transitions, ExecutionReports reports, Anomalies anomalies) {
        this.transitions = transitions;
        this.reports = reports;
        this.anomalies = anomalies;
    }

    /** A part of a split order changed: the parent order the client sees follows. */
    void onPartChanged(OrderRecord parent, OrderRecord part, OrderEvent event) {
        switch (event.type()) {
            case ACCEPTED -> {
                if (parent.status() == SUBMITTED) {
                    transitions.transition(parent, ACCEPTED, OrderEventType.ACCEPTED, null, event.timestamp());
                } else if (parent.resumeStatus == SUBMITTED) {
                    parent.resumeStatus = ACCEPTED;
                }
            }
            case FILL -> {
                Fill partFill = event.fill();
                Fill fill = new Fill(partFill.executionId(), parent.id, partFill.portfolioId(),
                        partFill.instrumentId(), partFill.venueId(), partFill.side(), partFill.quantity(),
                        partFill.price(), partFill.commission(), partFill.timestamp());
                if (!reports.book(parent, fill)) {
                    anomalies.refusedReports.incrementAndGet();
                }
            }
            case CANCEL_REJECTED -> {
                boolean stillPending = parent.splitParts.stream().anyMatch(p -> p.status() == PENDING_CANCEL);
                if (parent.status() == PENDING_CANCEL && !stillPending) {
                    parent.cancelRequested = false;
                    OrderStatus resume = parent.filled().isZero() ? parent.resumeStatus : PARTIALLY_FILLED;
                    transitions.transition(parent, resume, OrderEventType.CANCEL_REJECTED, event.order().reason(),
                            event.timestamp());
                }
            }
            default -> {
            }
        }
        if (part.status().isTerminal()) {
            finishSplit(parent, event.timestamp());
        }
    }

    /** Once every part has ended, the parent ends too (FILLED already happened through the fills). */
    void finishSplit(OrderRecord parent, Instant at) {
        if (parent.status().isTerminal()) {
            return;
        }
        boolean allExpired = true;
        boolean allRejected = true;
        StringJoiner reasons = new StringJoiner("; ");
        for (OrderRecord part : parent.splitParts) {
            OrderStatus status = part.status();
            if (!status.isTerminal()) {
                return;
            }
            allExpired &= status == EXPIRED;
            allRejected &= status == REJECTED;
            if (part.snapshot().reason() != null) {
                reasons.add(part.request().venueId() + ": " + part.snapshot().reason());
            }
        }
        OrderStatus end;
        String why;
        if (parent.cancelRequested) {
            end = CANCELED;
            why = "canceled on request";
        } else if (allExpired) {
            end = EXPIRED;
            why = reasons.toString();
        } else if (allRejected && parent.filled().isZero()) {
            end = REJECTED;
            parent.rejectCode = RejectCode.VENUE_REJECTED;
            why = reasons.toString();
        } else {
            end = CANCELED;
            why = reasons.toString();
        }
        if (!OrderStateMachine.allows(parent.status(), end)) {
            end = CANCELED;
        }
        transitions.transition(parent, end, end == CANCELED ? OrderEventType.CANCELED
                : end == EXPIRED ? OrderEventType.EXPIRED : OrderEventType.REJECTED, why, at);
    }
}
