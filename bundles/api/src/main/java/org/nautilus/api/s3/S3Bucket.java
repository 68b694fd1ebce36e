package org.nautilus.api.s3;

import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A bucket and where to reach it.
 *
 * @param endpoint the S3 endpoint, {@code http(s)://host[:port]} (requests are path-style: endpoint/bucket/key)
 * @param name     the bucket's name (S3's rules: 3 to 63 lower-case letters, digits, dots and hyphens)
 * @param region   the bucket's region, part of every signature, e.g. {@code us-east-1}
 */
public record S3Bucket(URI endpoint, String name, String region) {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    public S3Bucket {
        Objects.requireNonNull(endpoint, "endpoint");
        if (!("http".equals(endpoint.getScheme()) || "https".equals(endpoint.getScheme()))
                || endpoint.getHost() == null) {
            throw new IllegalArgumentException("an S3 endpoint is http(s)://host[:port], not '" + endpoint + "'");
        }
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid S3 bucket name '" + name
                    + "': 3 to 63 lower-case letters, digits, '.' and '-', starting and ending with a letter or digit");
        }
        if (region == null || region.isBlank()) {
            throw new IllegalArgumentException("the region of S3 bucket " + name + " is not empty");
        }
    }

    /**
     * The bucket as configured by the keys {@code s3.bucket}, {@code s3.region} and {@code s3.endpoint}: an empty
     * region is {@code AWS_REGION} (then {@code AWS_DEFAULT_REGION}) from {@code env}, an empty endpoint is AWS's,
     * {@code https://s3.REGION.amazonaws.com}.
     *
     * @throws IllegalArgumentException naming the key that is missing or wrong
     */
    public static S3Bucket configured(String name, String region, String endpoint, Map<String, String> env) {
        String bucket = name == null ? "" : name.strip();
        if (bucket.isEmpty()) {
            throw new IllegalArgumentException("s3.bucket is empty: name the bucket");
        }
        String r = region == null || region.isBlank() ? env.getOrDefault("AWS_REGION", env.get("AWS_DEFAULT_REGION"))
                : region.strip();
        if (r == null || r.isBlank()) {
            throw new IllegalArgumentException("s3.region is empty and neither AWS_REGION nor AWS_DEFAULT_REGION is "
                    + "set: name the bucket's region");
        }
        String uri = endpoint == null || endpoint.isBlank() ? "https://s3." + r.strip() + ".amazonaws.com"
                : endpoint.strip().replaceAll("/+$", "");
        URI parsed;
        try {
            parsed = URI.create(uri);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("s3.endpoint '" + uri + "' is not a URI: " + e.getMessage(), e);
        }
        return new S3Bucket(parsed, bucket, r.strip());
    }

    /** {@code s3://name/key}. */
    public String uri(String key) {
        return "s3://" + name + "/" + key;
    }
}
