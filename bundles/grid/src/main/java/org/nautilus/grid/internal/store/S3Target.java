package org.nautilus.grid.internal.store;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.nautilus.api.snapshot.SnapshotTarget;

/**
 * Snapshots in an S3 bucket under a prefix ({@code s3://bucket/prefix/NAME/...}, one object per file of the
 * snapshot), over S3's REST API with AWS Signature Version 4 and no SDK: PUT, GET, ListObjectsV2, DELETE. Credentials
 * come from a {@link Credentials} supplier (in EKS: Pod Identity's container credentials endpoint, see
 * {@link #podIdentity}). Files are sent whole (a single PUT takes up to 5 GB; Ignite's partition files are far
 * smaller); the payload is hashed and signed.
 *
 * <p>Tested here against the AWS Signature V4 test suite's published example and a local fake of the protocol;
 * not against S3 itself (no AWS account from this machine).
 */
public final class S3Target implements SnapshotTarget {

    /** AWS credentials; {@code sessionToken} may be {@code null} (long-term keys). */
    public record Credentials(String accessKeyId, String secretAccessKey, String sessionToken) {
    }

    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final Pattern KEY = Pattern.compile("<Key>([^<]*)</Key>");
    private static final Pattern TOKEN = Pattern.compile("<NextContinuationToken>([^<]*)</NextContinuationToken>");

    private final URI endpoint;
    private final String bucket;
    private final String prefix;
    private final String region;
    private final Supplier<Credentials> credentials;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /**
     * @param endpoint    e.g. {@code https://s3.us-east-1.amazonaws.com} (path-style requests: endpoint/bucket/key)
     * @param prefix      key prefix without a leading or trailing slash, e.g. {@code snapshots/nautilus}
     */
    public S3Target(URI endpoint, String bucket, String prefix, String region, Supplier<Credentials> credentials,
            Clock clock) {
        this.endpoint = endpoint;
        this.bucket = bucket;
        this.prefix = prefix == null || prefix.isBlank() ? "" : prefix.replaceAll("^/+|/+$", "") + "/";
        this.region = region;
        this.credentials = credentials;
        this.clock = clock;
    }

    @Override
    public String upload(String name, Path snapshot) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(snapshot)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path file : files) {
            String relative = snapshot.relativize(file).toString().replace('\\', '/');
            send("PUT", key(name, relative), null, Files.readAllBytes(file), 200);
        }
        return "s3://" + bucket + "/" + prefix + name;
    }

    @Override
    public void write(String name, String file, byte[] content) throws IOException {
        send("PUT", key(name, file), null, content, 200);
    }

    @Override
    public List<String> names() throws IOException {
        TreeSet<String> names = new TreeSet<>();
        for (String key : keys(prefix)) {
            String rest = key.substring(prefix.length());
            int slash = rest.indexOf('/');
            if (slash > 0) {
                names.add(rest.substring(0, slash));
            }
        }
        return List.copyOf(names);
    }

    @Override
    public byte[] read(String name, String file) throws IOException {
        HttpResponse<byte[]> response = send("GET", key(name, file), null, new byte[0], 200, 404);
        return response.statusCode() == 404 ? null : response.body();
    }

    @Override
    public Path fetch(String name, Path scratch) throws IOException {
        String base = prefix + name + "/";
        Path root = scratch.resolve("s3-" + name);
        Trees.delete(root);
        for (String key : keys(base)) {
            Path target = root.resolve(name).resolve(key.substring(base.length())).normalize();
            if (!target.startsWith(root.resolve(name))) {
                throw new IOException("object key " + key + " leaves the snapshot's folder");
            }
            Files.createDirectories(target.getParent());
            Files.write(target, send("GET", key, null, new byte[0], 200).body());
        }
        return root;
    }

    @Override
    public long size(String name) throws IOException {
        long total = 0;
        Matcher sizes = Pattern.compile("<Size>(\\d+)</Size>").matcher(listPages(prefix + name + "/"));
        while (sizes.find()) {
            total += Long.parseLong(sizes.group(1));
        }
        return total;
    }

    @Override
    public void delete(String name) throws IOException {
        for (String key : keys(prefix + name + "/")) {
            send("DELETE", key, null, new byte[0], 204, 200);
        }
    }

    @Override
    public String describe() {
        return "S3 s3://" + bucket + "/" + prefix + " (" + region + ")";
    }

    private String key(String name, String file) {
        return prefix + name + "/" + file;
    }

    private List<String> keys(String keyPrefix) throws IOException {
        List<String> keys = new ArrayList<>();
        Matcher m = KEY.matcher(listPages(keyPrefix));
        while (m.find()) {
            keys.add(unescapeXml(m.group(1)));
        }
        return keys;
    }

    /** Every page of ListObjectsV2 under {@code keyPrefix}, concatenated. */
    private String listPages(String keyPrefix) throws IOException {
        StringBuilder all = new StringBuilder();
        String token = null;
        do {
            Map<String, String> query = new TreeMap<>();
            query.put("list-type", "2");
            query.put("prefix", keyPrefix);
            if (token != null) {
                query.put("continuation-token", token);
            }
            String page = new String(send("GET", "", query, new byte[0], 200).body(), StandardCharsets.UTF_8);
            all.append(page);
            Matcher next = TOKEN.matcher(page);
            token = page.contains("<IsTruncated>true</IsTruncated>") && next.find() ? unescapeXml(next.group(1)) : null;
        } while (token != null);
        return all.toString();
    }

    private HttpResponse<byte[]> send(String method, String key, Map<String, String> query, byte[] body,
            int... expected) throws IOException {
        String path = "/" + bucket + (key.isEmpty() ? "/" : "/" + encodePath(key));
        String canonicalQuery = query == null ? "" : canonicalQuery(query);
        URI uri = URI.create(endpoint.toString().replaceAll("/+$", "") + path
                + (canonicalQuery.isEmpty() ? "" : "?" + canonicalQuery));
        Map<String, String> headers = sign(method, uri.getRawPath(), canonicalQuery, hostOf(uri), body,
                credentials.get(), AMZ_DATE.format(clock.instant()));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(2))
                .method(method, body.length == 0 && !method.equals("PUT") ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach((k, v) -> {
            if (!k.equals("host")) {
                request.header(k, v);
            }
        });
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + method + " " + uri);
        }
        for (int ok : expected) {
            if (response.statusCode() == ok) {
                return response;
            }
        }
        throw new IOException(method + " " + uri + " answered " + response.statusCode() + ": "
                + new String(response.body(), StandardCharsets.UTF_8).strip());
    }

    private static String hostOf(URI uri) {
        return uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
    }

    /**
     * The headers of a Signature Version 4 request to S3 (host, x-amz-date, x-amz-content-sha256, the session token
     * if any, Authorization). Package-private for the published test vector.
     */
    Map<String, String> sign(String method, String rawPath, String canonicalQuery, String host, byte[] body,
            Credentials c, String amzDate) {
        return sign(method, rawPath, canonicalQuery, host, hex(sha256(body)), c, amzDate, region, "s3", true);
    }

    static Map<String, String> sign(String method, String rawPath, String canonicalQuery, String host,
            String payloadHash, Credentials c, String amzDate, String region,
            String service, boolean contentHashHeader) {
        TreeMap<String, String> headers = new TreeMap<>();
        headers.put("host", host);
        headers.put("x-amz-date", amzDate);
        if (contentHashHeader) {
            headers.put("x-amz-content-sha256", payloadHash);
        }
        if (c.sessionToken() != null) {
            headers.put("x-amz-security-token", c.sessionToken());
        }
        StringBuilder canonicalHeaders = new StringBuilder();
        headers.forEach((k, v) -> canonicalHeaders.append(k).append(':').append(v.strip()).append('\n'));
        String signedHeaders = String.join(";", headers.keySet());
        String canonicalRequest = method + "\n" + rawPath + "\n" + canonicalQuery + "\n" + canonicalHeaders + "\n"
                + signedHeaders + "\n" + payloadHash;
        String day = amzDate.substring(0, 8);
        String scope = day + "/" + region + "/" + service + "/aws4_request";
        String toSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n"
                + hex(sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
        byte[] key = hmac(("AWS4" + c.secretAccessKey()).getBytes(StandardCharsets.UTF_8), day);
        key = hmac(key, region);
        key = hmac(key, service);
        key = hmac(key, "aws4_request");
        String signature = hex(hmac(key, toSign));
        Map<String, String> result = new TreeMap<>(headers);
        result.put("Authorization", "AWS4-HMAC-SHA256 Credential=" + c.accessKeyId() + "/" + scope
                + ", SignedHeaders=" + signedHeaders + ", Signature=" + signature);
        return result;
    }

    static String canonicalQuery(Map<String, String> query) {
        StringBuilder out = new StringBuilder();
        new TreeMap<>(query).forEach((k, v) -> out.append(out.length() == 0 ? "" : "&").append(encode(k)).append('=')
                .append(encode(v)));
        return out.toString();
    }

    /** RFC 3986 unreserved characters stay, everything else is %XX (what SigV4 requires). */
    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A")
                .replace("%7E", "~");
    }

    private static String encodePath(String key) {
        StringBuilder out = new StringBuilder();
        for (String segment : key.split("/", -1)) {
            out.append(out.length() == 0 ? "" : "/").append(encode(segment));
        }
        return out.toString();
    }

    private static String unescapeXml(String text) {
        return text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'")
                .replace("&amp;", "&");
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    /**
     * Credentials of EKS Pod Identity (and ECS task roles): GET {@code AWS_CONTAINER_CREDENTIALS_FULL_URI} with the
     * token of {@code AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE}, fetched on every call (S3 requests of a snapshot are
     * few; the agent caches); falls back to {@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY}.
     */
    public static Supplier<Credentials> podIdentity(Map<String, String> env) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        return () -> {
            String uri = env.get("AWS_CONTAINER_CREDENTIALS_FULL_URI");
            if (uri == null || uri.isBlank()) {
                String id = env.get("AWS_ACCESS_KEY_ID");
                String secret = env.get("AWS_SECRET_ACCESS_KEY");
                if (id == null || secret == null) {
                    throw new IllegalStateException("no AWS credentials: neither AWS_CONTAINER_CREDENTIALS_FULL_URI "
                            + "(EKS Pod Identity) nor AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY is set");
                }
                return new Credentials(id, secret, env.get("AWS_SESSION_TOKEN"));
            }
            try {
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(5));
                String tokenFile = env.get("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE");
                if (tokenFile != null) {
                    request.header("Authorization", Files.readString(Path.of(tokenFile)).strip());
                }
                String json = client.send(request.build(), HttpResponse.BodyHandlers.ofString()).body();
                return new Credentials(field(json, "AccessKeyId"), field(json, "SecretAccessKey"),
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
