package org.nautilus.api.s3;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** AWS Signature Version 4: the headers that sign one request. */
final class SigV4 {

    private SigV4() {
    }

    /**
     * The signed headers of a request (host, x-amz-date, x-amz-content-sha256 if asked, the session token if any)
     * plus {@code Authorization}.
     *
     * @param rawPath           the URI-encoded path
     * @param canonicalQuery    the query as {@link #canonicalQuery} gives it, or empty
     * @param payloadHash       hex SHA-256 of the body
     * @param amzDate           {@code yyyyMMdd'T'HHmmss'Z'} in UTC
     * @param contentHashHeader whether to send and sign {@code x-amz-content-sha256} (S3 requires it)
     */
    static Map<String, String> sign(String method, String rawPath, String canonicalQuery, String host,
            String payloadHash, S3Credentials c, String amzDate, String region, String service,
            boolean contentHashHeader) {
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

    /** The query in SigV4's canonical form: sorted by name, names and values {@link #encode}d. */
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

    /** A key as a path: each segment {@link #encode}d, the slashes kept. */
    static String encodePath(String key) {
        StringBuilder out = new StringBuilder();
        for (String segment : key.split("/", -1)) {
            out.append(out.length() == 0 ? "" : "/").append(encode(segment));
        }
        return out.toString();
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK always has HmacSHA256", e);
        }
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
