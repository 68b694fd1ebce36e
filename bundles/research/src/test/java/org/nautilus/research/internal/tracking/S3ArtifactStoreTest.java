package org.nautilus.research.internal.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nautilus.api.research.artifacts.ArtifactIntegrityException;
import org.nautilus.api.research.artifacts.ArtifactStore;
import org.nautilus.api.research.artifacts.StoredArtifact;
import org.nautilus.api.research.tracking.RunStatus;
import org.nautilus.api.s3.S3Bucket;
import org.nautilus.api.s3.S3Client;
import org.nautilus.api.s3.S3Credentials;
import org.nautilus.testsupport.DsConfigs;
import org.nautilus.testsupport.S3ProxyServer;

/**
 * The S3 store against S3Proxy, an S3 implementation that checks every request's signature ({@link S3ProxyServer}):
 * the artifact store contract, then what only S3 can do wrong (credentials, bucket) and what the tracker does with
 * a stored copy that is not what was logged.
 */
class S3ArtifactStoreTest extends ArtifactStoreContractTest {

    private static final String BUCKET = "nautilus-artifacts";

    @TempDir
    static Path dir;
    private static S3ProxyServer proxy;
    /** Each store gets a prefix of its own: the tests share one bucket. */
    private static int stores;

    @BeforeAll
    static void start() throws IOException {
        proxy = S3ProxyServer.start(dir, "AKID", "secret", BUCKET);
    }

    @AfterAll
    static void stop() {
        if (proxy != null) {
            proxy.close();
        }
    }

    private static S3Client client(String bucket, String accessKeyId, String secret) {
        // Real time: S3 refuses a request signed more than 15 minutes off its clock.
        return new S3Client(new S3Bucket(proxy.endpoint(), bucket, "us-east-1"),
                () -> new S3Credentials(accessKeyId, secret, null), Clock.systemUTC());
    }

    private static String freshPrefix() {
        return "models/t" + ++stores;
    }

    @Override
    protected ArtifactStore store() {
        return new S3ArtifactStore(client(BUCKET, "AKID", "secret"), freshPrefix(), "the test's");
    }

    @Test
    void artifactsAreObjectsUnderThePrefixAndOnlyTheStoresNamesAreListed() throws IOException {
        String prefix = freshPrefix();
        S3Client s3 = client(BUCKET, "AKID", "secret");
        S3ArtifactStore store = new S3ArtifactStore(s3, "/" + prefix + "/", "the test's");
        store.put("run1", "model.bin", new byte[] {1, 2});
        assertThat(store.location()).isEqualTo("s3://" + BUCKET + "/" + prefix + "/");
        assertThat(s3.get(prefix + "/run1/model.bin")).hasValueSatisfying(b -> assertThat(b).containsExactly(1, 2));
        // Not written by a store: a deeper key and a hidden one stay out of the listing.
        s3.put(prefix + "/run1/old/model.bin", new byte[] {3});
        s3.put(prefix + "/run1/.model.bin.tmp", new byte[] {4});
        assertThat(store.list("run1")).extracting(StoredArtifact::name).containsExactly("model.bin");
    }

    /** etc/nautilus.artifacts.cfg's keys, or with no keys there the AWS environment's, sign the requests. */
    @Test
    void theConfiguredStoreSignsWithTheFilesKeysOrTheEnvironments() {
        String prefix = freshPrefix();
        Map<String, Object> cfg = new HashMap<>(Map.of("artifact.store", "s3", "s3.bucket", BUCKET, "s3.prefix",
                prefix, "s3.region", "us-east-1", "s3.endpoint", proxy.endpoint().toString()));
        Map<String, Object> withKeys = new HashMap<>(cfg);
        withKeys.putAll(Map.of("s3.access.key", "AKID", ".s3.secret.key", "secret"));
        ArtifactStore fromFile = ArtifactStoreComponent.configured(
                DsConfigs.config(ArtifactsConfig.class, withKeys), Map.of(), Clock.systemUTC());
        fromFile.put("run1", "model.bin", new byte[] {1});

        ArtifactStore fromEnv = ArtifactStoreComponent.configured(DsConfigs.config(ArtifactsConfig.class, cfg),
                Map.of("AWS_ACCESS_KEY_ID", "AKID", "AWS_SECRET_ACCESS_KEY", "secret"), Clock.systemUTC());
        assertThat(fromEnv.get("run1", "model.bin")).hasValueSatisfying(b -> assertThat(b).containsExactly(1));

        ArtifactStore noCredentials = ArtifactStoreComponent.configured(
                DsConfigs.config(ArtifactsConfig.class, cfg), Map.of(), Clock.systemUTC());
        assertThatThrownBy(() -> noCredentials.list("run1")).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("S3 bucket " + BUCKET + ": cannot sign the listing of '" + prefix + "/run1/'")
                .hasMessageContaining("no AWS credentials: neither AWS_CONTAINER_CREDENTIALS_FULL_URI");

        withKeys.put(".s3.secret.key", "not-the-secret");
        ArtifactStore wrongInFile = ArtifactStoreComponent.configured(
                DsConfigs.config(ArtifactsConfig.class, withKeys), Map.of(), Clock.systemUTC());
        assertThatThrownBy(() -> wrongInFile.get("run1", "model.bin")).hasMessageContaining("SignatureDoesNotMatch")
                .hasMessageEndingWith("(credentials: access key AKID from s3.access.key in "
                        + "etc/nautilus.artifacts.cfg)");
    }

    @Test
    void aWrongSecretIsRefusedNamingTheBucketAndS3sErrorAndNothingIsStored() {
        String prefix = freshPrefix();
        S3ArtifactStore wrong = new S3ArtifactStore(client(BUCKET, "AKID", "not-the-secret"), prefix,
                "access key AKID from s3.access.key in etc/nautilus.artifacts.cfg");
        assertThatThrownBy(() -> wrong.put("run1", "model.bin", new byte[] {1}))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageStartingWith("artifact store s3://" + BUCKET + "/" + prefix + "/: cannot store artifact "
                        + "model.bin of run run1: S3 bucket " + BUCKET + " refused PUT " + prefix + "/run1/model.bin")
                .hasMessageContaining("HTTP 403 SignatureDoesNotMatch")
                .hasMessageContaining("the secret access key is not the one of this access key id")
                .hasMessageEndingWith(
                        "(credentials: access key AKID from s3.access.key in etc/nautilus.artifacts.cfg)");
        assertThatThrownBy(() -> wrong.list("run1")).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("cannot list the artifacts of run run1")
                .hasMessageContaining("SignatureDoesNotMatch");
        S3ArtifactStore right = new S3ArtifactStore(client(BUCKET, "AKID", "secret"), prefix, "the test's");
        assertThat(right.list("run1")).isEmpty();

        S3ArtifactStore unknownKey = new S3ArtifactStore(client(BUCKET, "AKIDUNKNOWN", "secret"), prefix, "env");
        assertThatThrownBy(() -> unknownKey.get("run1", "model.bin")).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("HTTP 403 InvalidAccessKeyId");
    }

    @Test
    void aMissingBucketIsAnErrorNotAnEmptyStore() {
        S3ArtifactStore store = new S3ArtifactStore(client("no-such-bucket", "AKID", "secret"), "models", "env");
        assertThatThrownBy(() -> store.get("run1", "model.bin")).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("S3 bucket no-such-bucket refused GET models/run1/model.bin")
                .hasMessageContaining("NoSuchBucket");
        assertThatThrownBy(() -> store.list("run1")).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("NoSuchBucket");
    }

    /**
     * Another writer replaces a logged model in the bucket: a node without a local copy refuses it, naming the
     * store and both digests; the listing shows the digest of what is stored now.
     */
    @Test
    void aStoredCopyThatIsNotWhatWasLoggedIsRefused() throws IOException {
        String prefix = freshPrefix();
        S3Client s3 = client(BUCKET, "AKID", "secret");
        S3ArtifactStore shared = new S3ArtifactStore(s3, prefix, "the test's");
        MemoryTrackingStore metadata = new MemoryTrackingStore();
        Clock clock = Clock.systemUTC();
        String id;
        byte[] model = "trees".getBytes(StandardCharsets.UTF_8);
        try (Tracker trainer = new Tracker(metadata, shared, dir.resolve(prefix).resolve("trainer"), clock)) {
            id = trainer.startRun("alpha", null, "lgbm", 42, Map.of()).id();
            trainer.logArtifact(id, Tracker.MODEL_ARTIFACT, model);
            trainer.endRun(id, RunStatus.FINISHED);
        }
        try (Tracker server = new Tracker(metadata, shared, dir.resolve(prefix).resolve("server"), clock)) {
            assertThat(server.readArtifact(id, Tracker.MODEL_ARTIFACT)).hasValueSatisfying(
                    b -> assertThat(b).isEqualTo(model));
        }
        byte[] other = "weeds".getBytes(StandardCharsets.UTF_8);
        s3.put(prefix + "/" + id + "/" + Tracker.MODEL_ARTIFACT, other);
        try (Tracker server = new Tracker(metadata, shared, dir.resolve(prefix).resolve("other"), clock)) {
            assertThatThrownBy(() -> server.readArtifact(id, Tracker.MODEL_ARTIFACT))
                    .isInstanceOf(ArtifactIntegrityException.class)
                    .hasMessageContaining("artifact model.bin of run " + id + " in the artifact store (s3 s3://"
                            + BUCKET + "/" + prefix + "/)")
                    .hasMessageContaining("has digest " + StoredArtifact.digestOf(other))
                    .hasMessageContaining("not the recorded " + StoredArtifact.digestOf(model));
            assertThat(dir.resolve(prefix).resolve("other").resolve(id)).doesNotExist();
            assertThat(server.storedArtifacts(id)).extracting(StoredArtifact::name, StoredArtifact::digest)
                    .containsExactly(tuple(Tracker.MODEL_ARTIFACT, StoredArtifact.digestOf(other)));
            assertThat(server.run(id).orElseThrow().artifactDigests())
                    .containsEntry(Tracker.MODEL_ARTIFACT, StoredArtifact.digestOf(model));
        }
    }
}
