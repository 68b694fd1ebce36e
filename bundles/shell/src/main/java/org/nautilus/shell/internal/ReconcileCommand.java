package org.nautilus.shell.internal;

import java.util.HashMap;
import java.util.Map;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.table.ShellTable;
import org.nautilus.api.audit.AuditService;
import org.nautilus.api.domain.VenueId;
import org.nautilus.api.oms.CommandResult;
import org.nautilus.api.venue.PositionDifference;
import org.nautilus.api.venue.ReconciliationReport;
import org.nautilus.api.venue.VenueInfo;
import org.nautilus.api.venue.VenueOrder;
import org.nautilus.api.venue.VenueService;

@Command(scope = "nautilus", name = "reconcile", description = "Shows the last reconciliation of each venue with the OMS; reconciles again or acknowledges a mismatch.", detailedDescription = "The OMS reconciles with a venue when it registers and on every reconnect: missed fills\n"
        + "are booked, orders the venue closed get their end, orders we did not send are listed as external,\n"
        + "positions are compared. A position difference beyond reconcile.position.tolerance (etc/nautilus.oms.cfg)\n"
        + "blocks the venue for new orders until acknowledged; a failed query keeps it DISCONNECTED.\n"
        + "  nautilus:reconcile                  last report of every venue\n"
        + "  nautilus:reconcile SIM              the details of one venue's last report\n"
        + "  nautilus:reconcile --run SIM        reconcile now (e.g. after a failed query was fixed)\n"
        + "  nautilus:reconcile --ack IBKR       accept IBKR's positions as they are and trade there again")
@Service
public class ReconcileCommand implements Action {

    @Option(name = "--ack", description = "acknowledge the venue's position mismatch: its positions become the expected ones")
    boolean acknowledge;

    @Option(name = "--run", description = "reconcile with the venue now")
    boolean run;

    @Argument(index = 0, name = "venue", description = "the venue id")
    @Completion(VenueCompleter.class)
    String venue;

    @Reference
    VenueService venues;

    @Reference
    Session session;

    @Reference(optional = true)
    AuditService audit;

    @Override
    public Object execute() {
        if (acknowledge || run) {
            if (venue == null) {
                throw new IllegalArgumentException("name the venue, e.g. nautilus:reconcile "
                        + (acknowledge ? "--ack" : "--run") + " SIM");
            }
            VenueId id = VenueId.of(venue);
            CommandResult result = acknowledge ? venues.acknowledge(id, ShellAudit.actor().user())
                    : venues.reconcile(id);
            if (run) {
                ShellAudit.record(audit, "VENUE_RECONCILE", venue, null, result.message(),
                        Map.of("code", result.code()));
            }
            if (!result.accepted()) {
                // Thrown, so that a script sees a non-zero exit status.
                throw new IllegalStateException((acknowledge ? "acknowledge" : "reconcile") + " of venue " + venue
                        + " refused: " + result.message() + " [" + result.code() + "]");
            }
            System.out.println(result.message());
            return null;
        }
        if (venue != null) {
            details(VenueId.of(venue));
            return null;
        }
        ShellTable table = new ShellTable();
        table.column("VENUE");
        table.column("STATE");
        table.column("LAST (UTC)");
        table.column("OUTCOME");
        table.column("SUMMARY");
        Map<VenueId, ReconciliationReport> reports = new HashMap<>();
        venues.reconciliations().forEach(r -> reports.put(r.venueId(), r));
        for (VenueInfo info : venues.venues()) {
            ReconciliationReport report = reports.remove(info.id());
            table.addRow().addContent(info.id(), state(info), report == null ? "-" : Text.time(report.time()),
                    report == null ? "(none yet)" : report.outcome(), report == null ? "" : report.summary());
        }
        for (ReconciliationReport report : reports.values()) {
            table.addRow().addContent(report.venueId(), "REMOVED", Text.time(report.time()), report.outcome(),
                    report.summary());
        }
        Text.print(table, session);
        return null;
    }

    private void details(VenueId id) {
        for (VenueInfo info : venues.venues()) {
            if (info.id().equals(id)) {
                System.out.println("Venue " + id + ": " + state(info));
            }
        }
        ReconciliationReport report = venues.reconciliations().stream().filter(r -> r.venueId().equals(id)).findFirst()
                .orElse(null);
        if (report == null) {
            System.out.println("No reconciliation with " + id + " yet.");
            return;
        }
        System.out.println("Last reconciliation " + Text.dateTime(report.time()) + ": " + report.summary());
        if (!report.ordersClosed().isEmpty()) {
            System.out.println("Orders closed (the venue no longer had them): " + report.ordersClosed());
        }
        for (VenueOrder order : report.externalOrders()) {
            System.out.println("External order " + order.venueOrderId() + ": " + order.side() + " " + order.quantity()
                    + " " + order.instrumentId() + (order.limitPrice() == null ? "" : " @ " + order.limitPrice())
                    + ", filled " + order.filledQuantity());
        }
        for (PositionDifference position : report.positions()) {
            System.out.println("Position " + position.instrumentId() + ": venue " + position.venue() + ", OMS "
                    + position.expected() + " (difference " + position.difference() + ")");
        }
        report.notes().forEach(note -> System.out.println("Note: " + note));
    }

    private static String state(VenueInfo info) {
        return info.reason() == null ? info.availability().name() : info.availability() + " (" + info.reason() + ")";
    }
}
