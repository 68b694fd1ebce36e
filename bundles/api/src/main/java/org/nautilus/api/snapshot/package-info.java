/**
 * Snapshots of the durable trading state: consistent, cluster-wide copies of the grid's trading caches (orders,
 * their events and fills, idempotency keys, positions, risk state, audit journal) together with the journal
 * position they cover, taken on demand or on a schedule, copied to a {@link org.nautilus.api.snapshot.SnapshotTarget}
 * (a local folder on the embedded default, object storage in production) and restorable into an empty node.
 */
@Export
@Version("1.0.0")
package org.nautilus.api.snapshot;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
