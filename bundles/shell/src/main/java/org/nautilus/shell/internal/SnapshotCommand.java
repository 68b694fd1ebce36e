package org.nautilus.shell.internal;

import java.util.Map;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.apache.karaf.shell.support.table.ShellTable;
import org.nautilus.api.audit.AuditService;
import org.nautilus.api.snapshot.RestoreResult;
import org.nautilus.api.snapshot.SnapshotInfo;
import org.nautilus.api.snapshot.SnapshotService;

@Command(scope = "nautilus", name = "snapshot", description = "Takes, lists and restores snapshots of the trading "
        + "state (orders, fills, positions, risk state, audit journal) with the journal position they cover.", detailedDescription = "  nautilus:snapshot list                 the snapshots on the target, oldest first\n"
                + "  nautilus:snapshot create [NAME]        take one now (default name snap_<UTC time>)\n"
                + "  nautilus:snapshot restore NAME         restore into this node, whose store must hold no orders\n"
                + "A snapshot is Ignite's consistent, cluster-wide snapshot taken once the caches hold every\n"
                + "acknowledged command; it is copied to the target of etc/nautilus.snapshot.cfg (a local folder,\n"
                + "data/snapshots by default) with a manifest. Scheduled snapshots (interval.minutes) are named\n"
                + "auto_<UTC time>. Restore closes the store (the OMS stops meanwhile) and opens it again.")
@Service
public class SnapshotCommand implements Action {

    @Argument(index = 0, name = "action", description = "list, create or restore", required = true)
    @Completion(value = StringsCompleter.class, values = {"list", "create", "restore"})
    String action;

    @Argument(index = 1, name = "name", description = "the snapshot's name (letters, digits, '_')")
    @Completion(SnapshotNameCompleter.class)
    String name;

    @Reference
    SnapshotService snapshots;

    @Reference
    Session session;

    @Reference(optional = true)
    AuditService audit;

    @Override
    public Object execute() {
        switch (action) {
            case "list" -> list();
            case "create" -> {
                System.out.println("Taking snapshot " + (name == null ? "(named by the time)" : name)
                        + ": waiting for the caches to hold every acknowledged command, then Ignite's snapshot...");
                SnapshotInfo info = snapshots.create(name);
                ShellAudit.record(audit, "SNAPSHOT", info.name(), null, "snapshot " + info.name() + " taken",
                        Map.of("location", info.location(), "journalSequence", Long.toString(info.journalSequence())));
                System.out.printf("Snapshot %s taken in %d ms, copied in %d ms: %s, journal up to %d, audit up to %d%n"
                        + "  at %s%n", info.name(), info.takeMillis(), info.copyMillis(), bytes(info.sizeBytes()),
                        info.journalSequence(), info.auditSequence(), info.location());
            }
            case "restore" -> {
                if (name == null) {
                    throw new IllegalArgumentException("name the snapshot to restore (nautilus:snapshot list)");
                }
                System.out.println("Restoring snapshot " + name + ": closing the store, replacing the trading caches, "
                        + "opening it again...");
                RestoreResult result = snapshots.restore(name);
                ShellAudit.record(audit, "SNAPSHOT_RESTORE", name, null, "snapshot " + name + " restored",
                        Map.of("orders", Long.toString(result.orders())));
                System.out.printf("Restored %s in %d ms: %d order(s), %d position(s), %d audit entries (store %s)%n",
                        name, result.millis(), result.orders(), result.positions(), result.auditEntries(),
                        result.snapshot().storeId());
            }
            default -> throw new IllegalArgumentException("unknown action '" + action
                    + "': use list, create or restore");
        }
        return null;
    }

    private void list() {
        System.out.println("Snapshots on " + snapshots.describe());
        ShellTable table = new ShellTable();
        table.column("NAME");
        table.column("CREATED (UTC)");
        table.column("SIZE").alignRight();
        table.column("JOURNAL").alignRight();
        table.column("AUDIT").alignRight();
        table.column("TAKE ms").alignRight();
        table.column("NODES");
        for (SnapshotInfo info : snapshots.list()) {
            table.addRow().addContent(info.name(), Text.time(info.createdAt()), bytes(info.sizeBytes()),
                    info.journalSequence(), info.auditSequence(), info.takeMillis(), String.join(",", info.nodes()));
        }
        Text.print(table, session);
    }

    static String bytes(long size) {
        if (size < 1024 * 1024) {
            return (size + 1023) / 1024 + " KB";
        }
        return String.format("%.1f MB", size / (1024.0 * 1024.0));
    }
}
