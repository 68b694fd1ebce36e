package org.nautilus.api.snapshot;

import java.util.Objects;

/**
 * What a restore brought back, counted in the store once it reopened.
 *
 * @param snapshot   the snapshot restored
 * @param orders     orders in the store after the restore
 * @param positions  positions in the store after the restore
 * @param auditEntries audit entries in the store after the restore
 * @param millis     how long the restore took, fetching from the target and reopening the store included
 */
public record RestoreResult(SnapshotInfo snapshot, long orders, long positions, long auditEntries, long millis) {

    public RestoreResult {
        Objects.requireNonNull(snapshot, "snapshot");
    }
}
