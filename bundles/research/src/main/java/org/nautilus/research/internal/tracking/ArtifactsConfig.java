package org.nautilus.research.internal.tracking;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** Configuration PID {@value #PID}: the artifact store, files or an S3 bucket. */
@ObjectClassDefinition(name = "Nautilus artifact store", description = "Where run artifacts are kept: files under a "
        + "directory (one node's, or a volume shared by every node) or an S3 bucket.")
public @interface ArtifactsConfig {

    String PID = "nautilus.artifacts";

    /** Where the errors of this configuration point. */
    String FILE = "etc/nautilus.artifacts.cfg";

    @AttributeDefinition(name = "Store", description = "'file' (root below) or 's3' (the s3.* keys). Also the "
            + "service property artifact.store of the store this registers.", options = {
                    @Option(value = FileArtifactStore.KIND, label = "files under root"),
                    @Option(value = S3ArtifactStore.KIND, label = "an S3 bucket")})
    String artifact_store() default FileArtifactStore.KIND;

    @AttributeDefinition(name = "Root", description = "file: directory of the stored artifacts (ROOT/RUN/NAME); "
            + "${karaf.data} and ${karaf.home} are replaced.")
    String root() default "${karaf.data}/artifact-store";

    @AttributeDefinition(name = "S3 bucket", description = "s3: the bucket (terraform output artifacts_bucket).")
    String s3_bucket() default "";

    @AttributeDefinition(name = "S3 key prefix", description = "s3: artifacts are s3://bucket/PREFIX/RUN/NAME.")
    String s3_prefix() default "models";

    @AttributeDefinition(name = "S3 region", description = "s3: the bucket's region; empty: AWS_REGION.")
    String s3_region() default "";

    @AttributeDefinition(name = "S3 endpoint", description = "s3: empty for https://s3.REGION.amazonaws.com "
            + "(path-style requests); another S3 implementation's URL otherwise.")
    String s3_endpoint() default "";

    @AttributeDefinition(name = "S3 access key id", description = "s3: with .s3.secret.key; both empty: the AWS "
            + "environment (EKS Pod Identity, or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY/AWS_SESSION_TOKEN).")
    String s3_access_key() default "";

    /** The leading dot keeps the secret out of the service's properties, which every bundle can read. */
    @AttributeDefinition(name = "S3 secret access key", type = AttributeType.PASSWORD, description = "s3: the "
            + "access key's secret (key .s3.secret.key: private to the component, not a service property).")
    String _s3_secret_key() default "";
}
