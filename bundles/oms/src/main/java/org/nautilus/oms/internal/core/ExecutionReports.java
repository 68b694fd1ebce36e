package org.nautilus.oms.internal.core;

import static org.nautilus.api.domain.OrderStatus.ACCEPTED;
import static org.nautilus.api.domain.OrderStatus.CANCELED;
import static org.nautilus.api.domain.OrderStatus.EXPIRED;
import static org.nautilus.api.domain.OrderStatus.FILLED;
import static org.nautilus.api.domain.OrderStatus.PARTIALLY_FILLED;
import static org.nautilus.api.domain.OrderStatus.PENDING_CANCEL;
import static org.nautilus.api.domain.OrderStatus.PENDING_UPDATE;
import static org.nautilus.api.domain.OrderStatus.REJECTED;
import static org.nautilus.api.domain.OrderStatus.SUBMITTED;
import static org.nautilus.api.domain.OrderStatus.TRIGGERED;

import org.nautilus.api.domain.Fill;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.OrderRequest;
import org.nautilus.api.domain.OrderStatus;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.domain.RejectCode;
import org.nautilus.api.oms.OrderEventType;
import org.nautilus.api.venue.ExecutionReport;
import org.nautilus.oms.internal.routing.VenueStatistics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the venues' execution reports to their orders, on the order's partition writer: acceptance, triggers,
 * rejections, fills (deduplicated by execution id, overfills refused, late fills after a cancel booked), cancels,
 * expiries and the answers to amends.
 */
final class ExecutionReports {

    private static final Logger LOG = LoggerFactory.getLogger(ExecutionReports.class);

    private final Transitions transitions;
    private final VenueStatistics statistics;
    /** Net filled quantity per venue and instrument, over every stored order: what the venue should hold. */
    private final VenuePositions venuePositions;
    private final Anomalies anomalies;

    ExecutionReports(Transitions transitions, VenueStatistics statistics, VenuePositions venuePositions,
            Anomalies anomalies) {
        this.transitions = transitions;
        this.statistics = statistics;
        this.venuePositions = venuePositions;
        this.anomalies = anomalies;
    }

    void onReport(OrderRecord record, ExecutionReport report) {
        if (!report.venueId().equals(record.request().venueId())) {
            anomalies.refusedReports.incrementAndGet();
            LOG.warn("order {}: report from {} ignored, the order is at {}", record.id, report.venueId(),
                    record.request().venueId());
            return;
        }
        switch (report.type()) {
            case ACCEPTED -> onWorking(record, ACCEPTED, report);
            case TRIGGERED -> onWorking(record, TRIGGERED, report);
            case REJECTED -> onRejected(record, report);
            case FILL -> onFill(record, report);
            case CANCELED -> transitions.transition(record, CANCELED, OrderEventType.CANCELED,
                    cancelReason(record, report), report.timestamp());
            case EXPIRED -> transitions.transition(record, EXPIRED, OrderEventType.EXPIRED,
                    report.reason() != null ? report.reason() : "expired", report.timestamp());
            case REPLACED -> onReplaced(record, report);
            case REPLACE_REJECTED -> onReplaceRejected(record, report);
            default -> anomalies.refuse(record, report, "unknown report type");
        }
    }

    private static String cancelReason(OrderRecord record, ExecutionReport report) {
        if (record.status() == PENDING_CANCEL) {
            return record.cancelReason != null ? record.cancelReason : "canceled on request";
        }
        return report.reason() != null ? report.reason() : "canceled by the venue";
    }

    /** ACCEPTED or TRIGGERED: the order works (further). */
    private void onWorking(OrderRecord record, OrderStatus working, ExecutionReport report) {
        OrderStatus status = record.status();
        OrderEventType type = working == ACCEPTED ? OrderEventType.ACCEPTED : OrderEventType.TRIGGERED;
        if ((status == PENDING_CANCEL || status == PENDING_UPDATE)
                && (record.resumeStatus == SUBMITTED || record.resumeStatus == ACCEPTED)) {
            // The venue's news crossed our request: noted; the request is still pending.
            if (record.resumeStatus == working) {
                anomalies.duplicateReports.incrementAndGet();
                return;
            }
            record.resumeStatus = working;
            transitions.emit(record, type, null, null, report.timestamp());
            return;
        }
        if (status == working) {
            anomalies.duplicateReports.incrementAndGet();
            return;
        }
        transitions.transition(record, working, type, null, report.timestamp());
    }

    private void onRejected(OrderRecord record, ExecutionReport report) {
        OrderStatus status = record.status();
        String why = report.reason() != null ? report.reason() : "no reason given";
        if ((status == PENDING_CANCEL || status == PENDING_UPDATE) && record.resumeStatus != SUBMITTED) {
            // The venue refused our cancel or amend: the order keeps working as before.
            boolean cancel = status == PENDING_CANCEL;
            record.pendingAmend = null;
            record.cancelRequested = false;
            transitions.transition(record, record.resumeStatus, cancel ? OrderEventType.CANCEL_REJECTED
                    : OrderEventType.UPDATE_REJECTED,
                    (cancel ? "cancel" : "amend") + " refused by "
                            + report.venueId() + ": " + why,
                    report.timestamp());
            return;
        }
        record.rejectCode = report.rejectCode() != null ? report.rejectCode() : RejectCode.VENUE_REJECTED;
        if (transitions.transition(record, REJECTED, OrderEventType.REJECTED, why, report.timestamp())) {
            statistics.reject(report.venueId());
        }
    }

    private void onReplaced(OrderRecord record, ExecutionReport report) {
        OrderRequest amended = record.pendingAmend;
        if (record.status() != PENDING_UPDATE || amended == null) {
            anomalies.refuse(record, report, "REPLACED without a pending amend");
            return;
        }
        if (record.filled().compareTo(amended.quantity()) > 0) {
            anomalies.refuse(record, report, "REPLACED to " + amended.quantity() + " below the filled "
                    + record.filled());
            return;
        }
        record.pendingAmend = null;
        OrderStatus next = record.filled().equals(amended.quantity()) ? FILLED : record.resumeStatus;
        transitions.transition(record, next, OrderEventType.UPDATED, null, report.timestamp(), amended);
    }

    private void onReplaceRejected(OrderRecord record, ExecutionReport report) {
        if (record.status().isTerminal()) {
            // The amend reached the venue after the order had ended there (filled, canceled, expired): too late,
            // as a real venue answers, not an anomaly.
            LOG.info("order {}: amend too late, the order is already {}: {}", record.id, record.status(),
                    report.reason());
            return;
        }
        if (record.status() != PENDING_UPDATE) {
            anomalies.refuse(record, report, "REPLACE_REJECTED without a pending amend");
            return;
        }
        record.pendingAmend = null;
        transitions.transition(record, record.resumeStatus, OrderEventType.UPDATE_REJECTED, "amend refused by "
                + report.venueId() + ": " + (report.reason() != null ? report.reason() : "no reason given"),
                report.timestamp());
    }

    private void onFill(OrderRecord record, ExecutionReport report) {
        if (!record.markExecution(report.executionId())) {
            anomalies.duplicateReports.incrementAndGet();
            return;
        }
        Order order = record.snapshot();
        Fill fill = new Fill(report.executionId(), record.id, order.portfolioId(), order.instrumentId(),
                report.venueId(), order.side(), report.lastQuantity(), report.lastPrice(), report.commission(),
                report.timestamp());
        if (book(record, fill)) {
            venuePositions.add(report.venueId(), order.instrumentId(), order.side(), report.lastQuantity());
            statistics.filled(report.venueId(), report.lastQuantity());
        } else {
            anomalies.refusedReports.incrementAndGet();
        }
    }

    /**
     * Books a fill on an order: the order's new status follows from its filled quantity; a pending cancel or
     * amend stays pending. A fill after CANCELED or EXPIRED (it crossed the cancel, or the venue was removed)
     * traded, so it is booked and the status stays. Returns {@code false} if refused (overfill, illegal).
     */
    boolean book(OrderRecord record, Fill fill) {
        OrderStatus status = record.status();
        Quantity filled = record.filled().plus(fill.quantity());
        Quantity quantity = record.request().quantity();
        if (filled.compareTo(quantity) > 0) {
            LOG.error("order {}: fill {} refused: overfill {} > order quantity {}", record.id, fill.executionId(),
                    filled, quantity);
            return false;
        }
        OrderStatus next;
        String reason = record.snapshot().reason();
        if (status == CANCELED || status == EXPIRED) {
            anomalies.lateFills.incrementAndGet();
            LOG.warn("order {}: late fill {} @ {} after {}", record.id, fill.quantity(), fill.price(), status);
            next = status;
            reason = reason + "; late fill " + fill.quantity() + " @ " + fill.price();
        } else if (status.isTerminal()) {
            anomalies.illegal(record, filled.equals(quantity) ? FILLED : PARTIALLY_FILLED);
            return false;
        } else if (filled.equals(quantity)) {
            next = FILLED;
        } else if (status == PENDING_CANCEL || status == PENDING_UPDATE) {
            next = status;
            record.resumeStatus = PARTIALLY_FILLED;
        } else {
            next = PARTIALLY_FILLED;
        }
        if (next != status && !OrderStateMachine.allows(status, next)) {
            anomalies.illegal(record, next);
            return false;
        }
        record.addFill(fill, next, reason);
        transitions.emit(record, OrderEventType.FILL, fill, null, fill.timestamp());
        return true;
    }
}
