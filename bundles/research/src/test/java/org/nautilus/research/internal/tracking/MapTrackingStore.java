package org.nautilus.research.internal.tracking;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.nautilus.api.research.tracking.TrackingStore;

/** The store's contract over a map, for the tracker's logic (the grid bundle's Ignite store is tested there). */
final class MapTrackingStore implements TrackingStore {

    final Map<String, String> records = new ConcurrentSkipListMap<>();
    volatile int writes;

    @Override
    public void put(Map<String, String> batch) {
        records.putAll(batch);
        writes++;
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
