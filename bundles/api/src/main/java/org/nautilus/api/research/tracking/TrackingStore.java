package org.nautilus.api.research.tracking;

import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The durable store of tracking metadata (implemented by the grid bundle on a persistent Ignite cache): text
 * records by key. Keys are prefixed by kind ({@code run/}, {@code experiment/}, ...). A write is durable when it
 * returns.
 */
@ProviderType
public interface TrackingStore {

    void put(Map<String, String> records);

    void remove(Iterable<String> keys);

    /** Every record whose key starts with {@code prefix}. */
    Map<String, String> load(String prefix);
}
