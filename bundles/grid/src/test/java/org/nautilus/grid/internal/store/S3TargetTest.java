package org.nautilus.grid.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nautilus.api.s3.S3Bucket;
import org.nautilus.api.s3.S3Client;
import org.nautilus.api.s3.S3Credentials;
import org.nautilus.testsupport.S3ProxyServer;

/**
 * The S3 target (over the shared {@link S3Client}, whose signer is checked against AWS's published example in the
 * API's tests): its protocol (PUT, ListObjectsV2 pages, GET, DELETE; path-style) against a small fake of S3 on loopback that checks
 * every request carries a signature over the body it sends; and the whole round trip against S3Proxy, an
 * implementation of the S3 API that verifies every request's SigV4 signature with the credentials it was given
 * ({@link S3ProxyServer}).
 */
class S3TargetTest {

    @TempDir
    Path tmp;

    private HttpServer server;
    private final Map<String, byte[]> objects = new ConcurrentSkipListMap<>();

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void a_snapshot_goes_up_is_listed_read_fetched_and_deleted() throws Exception {
        fakeS3();
        S3Target target = new S3Target(new S3Client(
                new S3Bucket(URI.create("http://127.0.0.1:" + server.getAddress().getPort()), "bucket", "us-east-1"),
                () -> new S3Credentials("AKID", "secret", "session"),
                Clock.fixed(Instant.parse("2024-03-01T14:30:00Z"), ZoneOffset.UTC)), "/snapshots/prod/");
        Path snapshot = tmp.resolve("staging/snap_1");
        Files.createDirectories(snapshot.resolve("db/node a/cacheGroup-nautilus-trading"));
        Files.writeString(snapshot.resolve("node_a.smf"), "meta");
        Files.write(snapshot.resolve("db/node a/cacheGroup-nautilus-trading/part-1.bin"), new byte[3000]);

        assertThat(target.upload("snap_1", snapshot)).isEqualTo("s3://bucket/snapshots/prod/snap_1");
        target.write("snap_1", Snapshots.MANIFEST, "name=snap_1\n".getBytes(StandardCharsets.UTF_8));
        target.write("snap_2", Snapshots.MANIFEST, "name=snap_2\n".getBytes(StandardCharsets.UTF_8));
        assertThat(objects)
                .containsKey("bucket/snapshots/prod/snap_1/db/node a/cacheGroup-nautilus-trading/part-1.bin");

        assertThat(target.names()).containsExactly("snap_1", "snap_2");
        assertThat(new String(target.read("snap_1", Snapshots.MANIFEST), StandardCharsets.UTF_8))
                .isEqualTo("name=snap_1\n");
        assertThat(target.read("snap_1", "nope")).isNull();
        assertThat(target.size("snap_1")).isEqualTo(3000 + 4 + 12);

        Path fetched = target.fetch("snap_1", tmp.resolve("scratch"));
        assertThat(Files.size(fetched.resolve("snap_1/db/node a/cacheGroup-nautilus-trading/part-1.bin")))
                .isEqualTo(3000);
        assertThat(Files.readString(fetched.resolve("snap_1/node_a.smf"))).isEqualTo("meta");

        target.delete("snap_1");
        assertThat(target.names()).containsExactly("snap_2");
    }

    @Test
    void a_snapshot_round_trips_through_an_s3_implementation_that_checks_signatures() throws Exception {
        try (S3ProxyServer proxy = S3ProxyServer.start(tmp, "AKID", "secret", "nautilus-snapshots")) {
            S3Bucket bucket = new S3Bucket(proxy.endpoint(), "nautilus-snapshots", "us-east-1");
            // S3 refuses requests signed more than 15 minutes off its clock: the real clock here.
            S3Target target = new S3Target(
                    new S3Client(bucket, () -> new S3Credentials("AKID", "secret", null), Clock.systemUTC()),
                    "/prod/");
            Path snapshot = tmp.resolve("staging/snap_1");
            Files.createDirectories(snapshot.resolve("db/node a/cacheGroup-nautilus-trading"));
            Files.writeString(snapshot.resolve("node_a.smf"), "meta");
            byte[] part = new byte[70_000];
            new Random(7).nextBytes(part);
            Files.write(snapshot.resolve("db/node a/cacheGroup-nautilus-trading/part-1.bin"), part);

            assertThat(target.upload("snap_1", snapshot)).isEqualTo("s3://nautilus-snapshots/prod/snap_1");
            target.write("snap_1", Snapshots.MANIFEST, "name=snap_1\n".getBytes(StandardCharsets.UTF_8));
            assertThat(target.names()).containsExactly("snap_1");
            assertThat(target.size("snap_1")).isEqualTo(70_000 + 4 + 12);
            Path fetched = target.fetch("snap_1", tmp.resolve("scratch"));
            assertThat(Files.readAllBytes(fetched.resolve("snap_1/db/node a/cacheGroup-nautilus-trading/part-1.bin")))
                    .isEqualTo(part);

            S3Target wrongSecret = new S3Target(
                    new S3Client(bucket, () -> new S3Credentials("AKID", "not-the-secret", null), Clock.systemUTC()),
                    "/prod/");
            assertThatThrownBy(wrongSecret::names).isInstanceOf(IOException.class).hasMessageContaining("403")
                    .hasMessageContaining("SignatureDoesNotMatch");

            target.delete("snap_1");
            assertThat(target.names()).isEmpty();
        }
    }

    /** Path-style S3 in memory: checks the signature's shape and that the signed payload hash is the body's. */
    private void fakeS3() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            String hash = exchange.getRequestHeaders().getFirst("x-amz-content-sha256");
            int status;
            byte[] answer = new byte[0];
            if (auth == null || !auth.startsWith("AWS4-HMAC-SHA256 Credential=AKID/20240301/us-east-1/s3/aws4_request, "
                    + "SignedHeaders=host;x-amz-content-sha256;x-amz-date;x-amz-security-token, Signature=")
                    || !sha256(body).equals(hash)
                    || !"session".equals(exchange.getRequestHeaders().getFirst("x-amz-security-token"))) {
                status = 403;
            } else {
                String key = URLDecoder.decode(exchange.getRequestURI().getRawPath().substring(1),
                        StandardCharsets.UTF_8);
                String method = exchange.getRequestMethod();
                if (method.equals("PUT")) {
                    objects.put(key, body);
                    status = 200;
                } else if (method.equals("DELETE")) {
                    objects.remove(key);
                    status = 204;
                } else if (key.equals("bucket/")) {
                    answer = list(exchange.getRequestURI().getRawQuery()).getBytes(StandardCharsets.UTF_8);
                    status = 200;
                } else if (objects.containsKey(key)) {
                    answer = objects.get(key);
                    status = 200;
                } else {
                    status = 404;
                }
            }
            exchange.sendResponseHeaders(status, status == 204 ? -1 : answer.length);
            if (status != 204) {
                exchange.getResponseBody().write(answer);
            }
            exchange.close();
        });
        server.start();
    }

    /** ListObjectsV2, two keys per page so the target must follow continuation tokens. */
    private String list(String rawQuery) {
        Map<String, String> query = new TreeMap<>();
        for (String pair : rawQuery.split("&")) {
            String[] kv = pair.split("=", 2);
            query.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        String prefix = "bucket/" + query.get("prefix");
        List<String> keys = objects.keySet().stream().filter(k -> k.startsWith(prefix)).map(k -> k.substring(7))
                .toList();
        int from = Integer.parseInt(query.getOrDefault("continuation-token", "0"));
        StringBuilder xml = new StringBuilder("<ListBucketResult>");
        for (String key : keys.subList(from, Math.min(keys.size(), from + 2))) {
            xml.append("<Contents><Key>").append(key.replace("&", "&amp;")).append("</Key><Size>")
                    .append(objects.get("bucket/" + key).length).append("</Size></Contents>");
        }
        boolean more = from + 2 < keys.size();
        xml.append("<IsTruncated>").append(more).append("</IsTruncated>");
        if (more) {
            xml.append("<NextContinuationToken>").append(from + 2).append("</NextContinuationToken>");
        }
        return xml.append("</ListBucketResult>").toString();
    }

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
