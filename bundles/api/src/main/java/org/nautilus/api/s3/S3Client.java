package org.nautilus.api.s3;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One bucket over S3's REST API, every request signed with AWS Signature Version 4 (the payload too: S3 refuses a
 * body that is not the one signed). Objects are sent and read whole: a single PUT takes up to 5 GB, and S3 makes an
 * object visible only once it is complete, a replacing PUT swapping old for new at once, so a reader never sees
 * half an object. Credentials are asked of the supplier on every request (temporary ones rotate); its
 * {@link IllegalStateException} (none to be had) becomes an {@link IOException} naming the bucket. Thread-safe.
 *
 * <p>Tested against the AWS Signature V4 test suite's published example, a local fake of the protocol and S3Proxy
 * (an S3 implementation that checks every signature); not against AWS itself (no account from the build machines).
 */
public final class S3Client {

    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final Pattern CONTENTS = Pattern.compile("<Contents>(.*?)</Contents>", Pattern.DOTALL);
    private static final Pattern KEY = Pattern.compile("<Key>([^<]*)</Key>");
    private static final Pattern SIZE = Pattern.compile("<Size>(\\d+)</Size>");
    private static final Pattern TOKEN = Pattern.compile("<NextContinuationToken>([^<]*)</NextContinuationToken>");
    private static final Pattern CODE = Pattern.compile("<Code>([^<]*)</Code>");
    private static final Pattern MESSAGE = Pattern.compile("<Message>([^<]*)</Message>");

    private final S3Bucket bucket;
    private final Supplier<S3Credentials> credentials;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** @param clock signs the requests: S3 refuses one dated more than 15 minutes off its own clock */
    public S3Client(S3Bucket bucket, Supplier<S3Credentials> credentials, Clock clock) {
        this.bucket = bucket;
        this.credentials = credentials;
        this.clock = clock;
    }

    public S3Bucket bucket() {
        return bucket;
    }

    /** Stores the object whole, replacing any previous one. */
    public void put(String key, byte[] content) throws IOException {
        send("PUT", key, Map.of(), content, 200);
    }

    /** The object's content; empty if there is no such object. */
    public Optional<byte[]> get(String key) throws IOException {
        HttpResponse<byte[]> response = send("GET", key, Map.of(), new byte[0], 200, 404);
        if (response.statusCode() == 404) {
            // A missing bucket answers 404 too: that is an error, not an absent object.
            Optional<String> code = match(CODE, response.body());
            if (code.isPresent() && !code.get().equals("NoSuchKey")) {
                throw refused("GET", key, Map.of(), response);
            }
            return Optional.empty();
        }
        return Optional.of(response.body());
    }

    /** Every object whose key starts with {@code prefix}, in key order (all pages of ListObjectsV2). */
    public List<S3Object> list(String prefix) throws IOException {
        List<S3Object> objects = new ArrayList<>();
        String token = null;
        do {
            Map<String, String> query = new TreeMap<>();
            query.put("list-type", "2");
            query.put("prefix", prefix);
            if (token != null) {
                query.put("continuation-token", token);
            }
            String page = new String(send("GET", "", query, new byte[0], 200).body(), StandardCharsets.UTF_8);
            Matcher contents = CONTENTS.matcher(page);
            while (contents.find()) {
                Matcher key = KEY.matcher(contents.group(1));
                Matcher size = SIZE.matcher(contents.group(1));
                if (key.find() && size.find()) {
                    objects.add(new S3Object(unescapeXml(key.group(1)), Long.parseLong(size.group(1))));
                }
            }
            Matcher next = TOKEN.matcher(page);
            token = page.contains("<IsTruncated>true</IsTruncated>") && next.find() ? unescapeXml(next.group(1)) : null;
        } while (token != null);
        return objects;
    }

    /** Deletes the object; S3 answers the same whether or not it was there. */
    public void delete(String key) throws IOException {
        send("DELETE", key, Map.of(), new byte[0], 204, 200);
    }

    private HttpResponse<byte[]> send(String method, String key, Map<String, String> query, byte[] body,
            int... expected) throws IOException {
        String path = "/" + bucket.name() + (key.isEmpty() ? "/" : "/" + SigV4.encodePath(key));
        String canonicalQuery = query.isEmpty() ? "" : SigV4.canonicalQuery(query);
        URI uri = URI.create(bucket.endpoint().toString().replaceAll("/+$", "") + path
                + (canonicalQuery.isEmpty() ? "" : "?" + canonicalQuery));
        S3Credentials signer;
        try {
            signer = credentials.get();
        } catch (IllegalStateException none) {
            throw new IOException("S3 bucket " + bucket.name() + ": cannot sign " + describe(method, key, query) + ": "
                    + none.getMessage(), none);
        }
        Map<String, String> headers = SigV4.sign(method, uri.getRawPath(), canonicalQuery, hostOf(uri),
                SigV4.hex(SigV4.sha256(body)), signer, AMZ_DATE.format(clock.instant()), bucket.region(), "s3", true);
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
        } catch (IOException e) {
            throw new IOException("S3 bucket " + bucket.name() + " at " + bucket.endpoint() + " did not answer "
                    + describe(method, key, query) + ": " + e, e);
        }
        for (int ok : expected) {
            if (response.statusCode() == ok) {
                return response;
            }
        }
        throw refused(method, key, query, response);
    }

    private S3Exception refused(String method, String key, Map<String, String> query, HttpResponse<byte[]> response) {
        String code = match(CODE, response.body()).orElse("");
        String message = code.isEmpty() ? new String(response.body(), StandardCharsets.UTF_8).strip()
                : match(MESSAGE, response.body()).orElse("");
        return new S3Exception(bucket.name(), describe(method, key, query) + " at " + bucket.endpoint(),
                response.statusCode(), code, message);
    }

    private static String describe(String method, String key, Map<String, String> query) {
        return query.containsKey("list-type") ? "the listing of '" + query.get("prefix") + "'" : method + " " + key;
    }

    private static Optional<String> match(Pattern pattern, byte[] body) {
        Matcher m = pattern.matcher(new String(body, StandardCharsets.UTF_8));
        return m.find() ? Optional.of(unescapeXml(m.group(1))) : Optional.empty();
    }

    private static String hostOf(URI uri) {
        return uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
    }

    private static String unescapeXml(String text) {
        return text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'")
                .replace("&amp;", "&");
    }

    @Override
    public String toString() {
        return bucket.uri("") + " (" + bucket.region() + ", " + bucket.endpoint() + ")";
    }
}
