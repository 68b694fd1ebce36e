package org.nautilus.oms.internal.core;

import java.util.concurrent.atomic.AtomicLong;
import org.nautilus.api.domain.OrderStatus;
import org.nautilus.api.venue.ExecutionReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What the writers refused or noted as unusual, counted for the OMS's status and logged once each. */
final class Anomalies {

    private static final Logger LOG = LoggerFactory.getLogger(Anomalies.class);

    /** Reports or commands that would have made an illegal transition and were refused. */
    final AtomicLong illegalTransitions = new AtomicLong();
    /** Venue reports seen twice (same execution id) and ignored. */
    final AtomicLong duplicateReports = new AtomicLong();
    /** Fills that arrived after the order was canceled or expired, booked without changing the status. */
    final AtomicLong lateFills = new AtomicLong();
    /** Reports refused as inconsistent (wrong venue, overfill, a REPLACED nobody asked for). */
    final AtomicLong refusedReports = new AtomicLong();

    void illegal(OrderRecord record, OrderStatus to) {
        illegalTransitions.incrementAndGet();
        LOG.warn("order {}: illegal transition {} -> {} refused", record.id, record.status(), to);
    }

    void refuse(OrderRecord record, ExecutionReport report, String why) {
        refusedReports.incrementAndGet();
        LOG.error("order {}: report {} {} refused: {}", record.id, report.type(), report.executionId(), why);
    }
}
