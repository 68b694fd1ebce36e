package org.nautilus.grid.internal.store;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of snapshots of the trading state, PID {@code nautilus.snapshot} ({@code etc/nautilus.snapshot.cfg}). */
@ObjectClassDefinition(name = "Nautilus snapshots (trading state)",
        description = "Where snapshots of the trading state go and how often they are taken.")
public @interface SnapshotConfig {

    String PID = "nautilus.snapshot";

    @AttributeDefinition(name = "Target",
            description = "'local' (a folder, see directory) or the snapshot.target property of a SnapshotTarget "
                    + "service (e.g. 's3' from an S3 plugin).")
    String target() default "local";

    @AttributeDefinition(name = "Folder",
            description = "The local target's folder; empty: ${karaf.data}/snapshots.")
    String directory() default "";

    @AttributeDefinition(name = "Interval (minutes)", min = "0",
            description = "Take a snapshot named auto_<time> every this many minutes; 0 = only on demand.")
    int interval_minutes() default 0;

    @AttributeDefinition(name = "Scheduled snapshots kept", min = "1",
            description = "The newest this many auto_* snapshots are kept; older ones are deleted from the target. "
                    + "Snapshots taken on demand are never deleted automatically.")
    int keep() default 24;
}
