package org.nautilus.grid.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
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
import org.nautilus.testsupport.Await;

/**
 * The S3 target's signer against the AWS Signature Version 4 test suite's published {@code get-vanilla} example, and
 * its protocol (PUT, ListObjectsV2 pages, GET, DELETE; path-style) against a small fake of S3 on loopback that checks
 * every request carries a signature over the body it sends; and the whole round trip against S3Proxy, an
 * implementation of the S3 API that verifies every request's SigV4 signature with the credentials it was given,
 * run as a server process (over jclouds' file-system blob store: the closest to S3 this machine has).
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
    void signs_the_aws_test_suite_get_vanilla_request_as_published() {
        Map<String, String> headers = S3Target.sign("GET", "/", "", "example.amazonaws.com",
                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                new S3Target.Credentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", null),
                "20150830T123600Z", "us-east-1", "service", false);
        assertThat(headers.get("Authorization")).isEqualTo("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/"
                + "us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, "
                + "Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
    }

    @Test
    void a_snapshot_goes_up_is_listed_read_fetched_and_deleted() throws Exception {
        fakeS3();
        S3Target target = new S3Target(URI.create("http://127.0.0.1:" + server.getAddress().getPort()), "bucket",
                "/snapshots/prod/", "us-east-1", () -> new S3Target.Credentials("AKID", "secret", "session"),
                Clock.fixed(Instant.parse("2024-03-01T14:30:00Z"), ZoneOffset.UTC));
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
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        // A file-system blob store: its bucket is a directory.
        Files.createDirectories(tmp.resolve("blobs/nautilus-snapshots"));
        Path conf = tmp.resolve("s3proxy.conf");
        Files.writeString(conf, String.join("\n", "s3proxy.endpoint=http://127.0.0.1:" + port,
                "s3proxy.authorization=aws-v4", "s3proxy.identity=AKID", "s3proxy.credential=secret",
                "jclouds.provider=filesystem", "jclouds.filesystem.basedir=" + tmp.resolve("blobs"),
                "jclouds.identity=local", "jclouds.credential=local"));
        Process proxy = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                Path.of("target/s3proxy/s3proxy.jar").toAbsolutePath().toString(), "--properties", conf.toString())
                        .redirectErrorStream(true).redirectOutput(tmp.resolve("s3proxy.log").toFile()).start();
        try {
            Await.until("S3Proxy listening on " + port, Duration.ofSeconds(60), () -> listening(port));
            URI endpoint = URI.create("http://127.0.0.1:" + port);
            // S3 refuses requests signed more than 15 minutes off its clock: the real clock here.
            S3Target target = new S3Target(endpoint, "nautilus-snapshots", "/prod/", "us-east-1",
                    () -> new S3Target.Credentials("AKID", "secret", null), Clock.systemUTC());
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

            S3Target wrongSecret = new S3Target(endpoint, "nautilus-snapshots", "/prod/", "us-east-1",
                    () -> new S3Target.Credentials("AKID", "not-the-secret", null), Clock.systemUTC());
            assertThatThrownBy(wrongSecret::names).isInstanceOf(IOException.class).hasMessageContaining("403")
                    .hasMessageContaining("SignatureDoesNotMatch");

            target.delete("snap_1");
            assertThat(target.names()).isEmpty();
        } finally {
            proxy.destroyForcibly().waitFor();
        }
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException e) {
            return false;
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
