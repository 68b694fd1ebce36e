package org.nautilus.api.s3;

import java.util.Objects;

/**
 * An object as a bucket listing shows it.
 *
 * @param key  its full key
 * @param size its size in bytes
 */
public record S3Object(String key, long size) {

    public S3Object {
        Objects.requireNonNull(key, "key");
    }
}
