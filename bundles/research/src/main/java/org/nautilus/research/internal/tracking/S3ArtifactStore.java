package org.nautilus.research.internal.tracking;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.nautilus.api.research.artifacts.ArtifactStore;
import org.nautilus.api.research.artifacts.StoredArtifact;
import org.nautilus.api.s3.S3Bucket;
import org.nautilus.api.s3.S3Client;
import org.nautilus.api.s3.S3Credentials;
import org.nautilus.api.s3.S3Exception;
import org.nautilus.api.s3.S3Object;

/**
 * Artifacts as objects in an S3 bucket, {@code s3://BUCKET/PREFIX/RUN/NAME}: the store every node of a cluster in
 * the cloud reads registered versions from. A put is one PUT: S3 shows an object only once it is whole and a
 * replacing PUT swaps old for new at once, so a reader never sees half an artifact (what the file store gets from
 * its atomic move); the run's metadata records the digest only after the put has succeeded. Listing reads each
 * object to give the digest of what is stored, as the file store does. Registered by {@link ArtifactStoreComponent}
 * when {@code artifact.store = s3}.
 */
public final class S3ArtifactStore implements ArtifactStore {

    public static final String KIND = "s3";

    private final S3Client s3;
    private final String prefix;
    private final String credentials;

    /**
     * @param prefix      key prefix, leading and trailing slashes dropped, e.g. {@code models}
     * @param credentials where the client's credentials come from, for error messages
     */
    public S3ArtifactStore(S3Client s3, String prefix, String credentials) {
        this.s3 = s3;
        this.prefix = prefix == null || prefix.isBlank() ? "" : prefix.strip().replaceAll("^/+|/+$", "") + "/";
        this.credentials = credentials;
    }

    /**
     * The store {@code etc/nautilus.artifacts.cfg} configures: bucket, prefix, region and endpoint from the s3.*
     * keys, credentials from {@code s3.access.key}/{@code .s3.secret.key} or, both empty, from the AWS environment.
     *
     * @throws IllegalArgumentException naming the key that is missing or wrong
     */
    public static S3ArtifactStore configured(ArtifactsConfig config, Map<String, String> env, Clock clock) {
        try {
            S3Bucket bucket = S3Bucket.configured(config.s3_bucket(), config.s3_region(), config.s3_endpoint(), env);
            boolean id = !config.s3_access_key().isBlank();
            boolean secret = !config._s3_secret_key().isBlank();
            if (id != secret) {
                throw new IllegalArgumentException("s3.access.key and .s3.secret.key go together: give both, or "
                        + "neither to take the credentials from the AWS environment");
            }
            Supplier<S3Credentials> credentials;
            String source;
            if (id) {
                S3Credentials given = new S3Credentials(config.s3_access_key().strip(),
                        config._s3_secret_key().strip(), null);
                credentials = () -> given;
                source = "access key " + given.accessKeyId() + " from s3.access.key in " + ArtifactsConfig.FILE;
            } else {
                credentials = S3Credentials.fromEnvironment(env);
                source = "the AWS environment (EKS Pod Identity or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY)";
            }
            return new S3ArtifactStore(new S3Client(bucket, credentials, clock), config.s3_prefix(), source);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("artifact.store = s3 in " + ArtifactsConfig.FILE + ": " + e.getMessage(),
                    e);
        }
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String location() {
        return s3.bucket().uri(prefix);
    }

    @Override
    public StoredArtifact put(String run, String name, byte[] content) {
        String key = key(run, name);
        try {
            s3.put(key, content);
        } catch (IOException e) {
            throw failed("cannot store artifact " + name + " of run " + run, e);
        }
        return StoredArtifact.of(run, name, content);
    }

    @Override
    public Optional<byte[]> get(String run, String name) {
        try {
            return s3.get(key(run, name));
        } catch (IOException e) {
            throw failed("cannot read artifact " + name + " of run " + run, e);
        }
    }

    @Override
    public List<StoredArtifact> list(String run) {
        String runPrefix = directory(run);
        List<StoredArtifact> artifacts = new ArrayList<>();
        try {
            for (S3Object object : s3.list(runPrefix)) {
                String name = object.key().substring(runPrefix.length());
                if (isName(name)) {
                    // Removed between the listing and the read: absent, as in the file store.
                    s3.get(object.key()).ifPresent(content -> artifacts.add(StoredArtifact.of(run, name, content)));
                }
            }
        } catch (IOException e) {
            throw failed("cannot list the artifacts of run " + run, e);
        }
        artifacts.sort(Comparator.comparing(StoredArtifact::name));
        return artifacts;
    }

    @Override
    public boolean delete(String run, String name) {
        String key = key(run, name);
        try {
            // S3 answers a DELETE the same whether or not the object was there: ask first.
            boolean present = s3.list(key).stream().anyMatch(object -> object.key().equals(key));
            if (present) {
                s3.delete(key);
            }
            return present;
        } catch (IOException e) {
            throw failed("cannot delete artifact " + name + " of run " + run, e);
        }
    }

    @Override
    public void deleteRun(String run) {
        try {
            for (S3Object object : s3.list(directory(run))) {
                s3.delete(object.key());
            }
        } catch (IOException e) {
            throw failed("cannot delete the artifacts of run " + run, e);
        }
    }

    /** A key the store wrote: a plain name right under the run's prefix, not something deeper or hidden. */
    private static boolean isName(String name) {
        return !name.isEmpty() && !name.contains("/") && !name.startsWith(".");
    }

    private String directory(String run) {
        Tracker.checkName("run", run);
        return prefix + run + "/";
    }

    private String key(String run, String name) {
        Tracker.checkName("artifact", name);
        return directory(run) + name;
    }

    private UncheckedIOException failed(String what, IOException e) {
        String who = e instanceof S3Exception refused && (refused.status() == 401 || refused.status() == 403)
                ? " (credentials: " + credentials + ")"
                : "";
        return new UncheckedIOException("artifact store " + location() + ": " + what + ": " + e.getMessage() + who, e);
    }

    @Override
    public String toString() {
        return KIND + " " + location() + " (" + s3.bucket().region() + ", " + s3.bucket().endpoint() + ")";
    }
}
