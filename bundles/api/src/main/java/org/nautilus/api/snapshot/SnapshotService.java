package org.nautilus.api.snapshot;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Takes, lists and restores snapshots of the trading state ({@code nautilus:snapshot}, {@code /api/v1/snapshots}).
 * Bad input (a malformed or taken name, an unknown snapshot, a restore into a store that already holds orders) is
 * refused with an {@link IllegalArgumentException} or {@link IllegalStateException} saying why, and changes nothing.
 */
@ProviderType
public interface SnapshotService {

    /**
     * Takes a snapshot now: waits until the caches hold every command acknowledged so far, takes Ignite's
     * cluster-wide consistent snapshot, writes its manifest and copies it to the target.
     *
     * @param name the snapshot's name, or {@code null} for one made of the time ({@code snap_20240301_143000})
     * @throws IllegalArgumentException if the name is malformed or already used
     * @throws IllegalStateException    if the store is not open or another snapshot or restore is running
     */
    SnapshotInfo create(String name);

    /** The snapshots on the target, oldest first. */
    List<SnapshotInfo> list();

    Optional<SnapshotInfo> find(String name);

    /**
     * Restores a snapshot into this node's (or cluster's) store, which must hold no orders: closes the store,
     * replaces the trading caches with the snapshot's, and opens the store again (the OMS and position keeper
     * recover from it).
     *
     * @throws IllegalArgumentException if there is no such snapshot
     * @throws IllegalStateException    if the store holds orders, or it is not open, or another operation runs
     */
    RestoreResult restore(String name);

    /** Where snapshots go, e.g. {@code local folder /opt/nautilus/data/snapshots}; and the schedule, if any. */
    String describe();
}
