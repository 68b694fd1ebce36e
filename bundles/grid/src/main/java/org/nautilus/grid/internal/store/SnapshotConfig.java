package org.nautilus.grid.internal.store;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of snapshots of the trading state, PID {@code nautilus.snapshot} ({@code etc/nautilus.snapshot.cfg}). */
@ObjectClassDefinition(name = "Nautilus snapshots (trading state)", description = "Where snapshots of the trading state go and how often they are taken.")
public @interface SnapshotConfig {

    String PID = "nautilus.snapshot";

    @AttributeDefinition(name = "Target", description = "'local' (a folder, see directory), 's3' (s3.bucket under s3.prefix, credentials from EKS "
            + "Pod Identity or the AWS_* environment) or the snapshot.target property of a SnapshotTarget "
            + "service.")
    String target() default "local";

    @AttributeDefinition(name = "Folder", description = "The local target's folder; empty: ${karaf.data}/snapshots.")
    String directory() default "";

    @AttributeDefinition(name = "S3 bucket", description = "target = s3: the bucket (terraform output artifacts_bucket).")
    String s3_bucket() default "";

    @AttributeDefinition(name = "S3 key prefix", description = "target = s3: snapshots go under s3://bucket/prefix/NAME/.")
    String s3_prefix() default "snapshots";

    @AttributeDefinition(name = "S3 region", description = "target = s3: the bucket's region; empty: AWS_REGION.")
    String s3_region() default "";

    @AttributeDefinition(name = "S3 endpoint", description = "target = s3: empty for https://s3.REGION.amazonaws.com "
            + "(path-style requests).")
    String s3_endpoint() default "";

    @AttributeDefinition(name = "Interval (minutes)", min = "0", description = "Take a snapshot named auto_<time> every this many minutes; 0 = only on demand.")
    int interval_minutes() default 0;

    @AttributeDefinition(name = "Scheduled snapshots kept", min = "1", description = "The newest this many auto_* snapshots are kept; older ones are deleted from the target. "
            + "Snapshots taken on demand are never deleted automatically.")
    int keep() default 24;
}
