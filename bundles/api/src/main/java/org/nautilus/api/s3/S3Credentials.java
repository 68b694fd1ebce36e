package org.nautilus.api.s3;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * AWS credentials.
 *
 * @param accessKeyId     the access key id, e.g. {@code AKIA...}
 * @param secretAccessKey its secret (never printed by {@link #toString()})
 * @param sessionToken    the session token of temporary credentials; {@code null} for long-term keys
 */
public record S3Credentials(String accessKeyId, String secretAccessKey, String sessionToken) {

    public S3Credentials {
        if (accessKeyId == null || accessKeyId.isBlank()) {
            throw new IllegalArgumentException("an AWS access key id is not empty");
        }
        Objects.requireNonNull(secretAccessKey, "secretAccessKey");
    }

    @Override
    public String toString() {
        return "S3Credentials[" + accessKeyId + (sessionToken == null ? "" : ", with a session token") + "]";
    }

    /**
     * The usual AWS environment: EKS Pod Identity (and ECS task roles), i.e. GET
     * {@code AWS_CONTAINER_CREDENTIALS_FULL_URI} with the token of {@code AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE},
     * fetched on every call (the agent caches; temporary credentials rotate); otherwise {@code AWS_ACCESS_KEY_ID},
     * {@code AWS_SECRET_ACCESS_KEY} and {@code AWS_SESSION_TOKEN}. Each call throws {@link IllegalStateException}
     * saying what is missing when there are none.
     */
    public static Supplier<S3Credentials> fromEnvironment(Map<String, String> env) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        return () -> {
            String uri = env.get("AWS_CONTAINER_CREDENTIALS_FULL_URI");
            if (uri == null || uri.isBlank()) {
                String id = env.get("AWS_ACCESS_KEY_ID");
                String secret = env.get("AWS_SECRET_ACCESS_KEY");
                if (id == null || id.isBlank() || secret == null) {
                    throw new IllegalStateException("no AWS credentials: neither AWS_CONTAINER_CREDENTIALS_FULL_URI "
                            + "(EKS Pod Identity) nor AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY is set");
                }
                return new S3Credentials(id, secret, env.get("AWS_SESSION_TOKEN"));
            }
            try {
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(5));
                String tokenFile = env.get("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE");
                if (tokenFile != null) {
                    request.header("Authorization", Files.readString(Path.of(tokenFile)).strip());
                }
                String json = client.send(request.build(), HttpResponse.BodyHandlers.ofString()).body();
                return new S3Credentials(field(json, "AccessKeyId"), field(json, "SecretAccessKey"),
                        field(json, "Token"));
            } catch (IOException e) {
                throw new IllegalStateException("AWS credentials from " + uri + " failed: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while fetching AWS credentials");
            }
        };
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("AWS credentials answer has no " + name);
        }
        return m.group(1);
    }
}
