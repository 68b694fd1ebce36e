package org.nautilus.research.internal.tracking;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.nautilus.api.research.tracking.TrackingStore;

/**
 * A {@link TrackingStore} in memory: nothing survives the JVM. For the tracker's tests and the models benchmark (which
 * measure the tracker, not a store); the platform uses the grid's persistent store.
 */
public final class MemoryTrackingStore implements TrackingStore {

    public final Map<String, String> records = new ConcurrentSkipListMap<>();

    @Override
    public void put(Map<String, String> batch) {
        records.putAll(batch);
    }

    @Override
    public void remove(Iterable<String> keys) {
        keys.forEach(records::remove);
    }

    @Override
    public Map<String, String> load(String prefix) {
        Map<String, String> result = new TreeMap<>();
        records.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                result.put(k, v);
            }
        });
        return result;
    }
}
