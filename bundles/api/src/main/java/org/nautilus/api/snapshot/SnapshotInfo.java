package org.nautilus.api.snapshot;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One snapshot as its manifest describes it.
 *
 * @param name           unique name ({@code [A-Za-z0-9_]}, at most 64 characters: Ignite's rule)
 * @param createdAt      when the snapshot was requested
 * @param storeId        the trading store it was taken from
 * @param nodes          the consistent ids of the nodes whose data it holds
 * @param journalSequence every command acknowledged through the journal up to this sequence is in it (0 when the
 *                        store does not journal, i.e. acknowledges after the Ignite transaction)
 * @param auditSequence  every audit entry numbered up to this sequence is in it
 * @param sizeBytes      bytes on the target
 * @param takeMillis     how long taking it took (Ignite's snapshot, not the copy)
 * @param copyMillis     how long copying it to the target took
 * @param location       where the target keeps it, e.g. a folder or {@code s3://bucket/prefix/name}
 */
public record SnapshotInfo(String name, Instant createdAt, String storeId, List<String> nodes, long journalSequence,
        long auditSequence, long sizeBytes, long takeMillis, long copyMillis, String location) {

    public SnapshotInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(storeId, "storeId");
        nodes = List.copyOf(nodes);
        Objects.requireNonNull(location, "location");
    }
}
