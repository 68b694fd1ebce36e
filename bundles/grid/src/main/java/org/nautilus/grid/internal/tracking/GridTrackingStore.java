package org.nautilus.grid.internal.tracking;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.cache.Cache;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.cache.CacheAtomicityMode;
import org.apache.ignite.cache.CacheMode;
import org.apache.ignite.cache.CacheWriteSynchronizationMode;
import org.apache.ignite.cache.PartitionLossPolicy;
import org.apache.ignite.cache.query.QueryCursor;
import org.apache.ignite.cache.query.ScanQuery;
import org.apache.ignite.configuration.CacheConfiguration;
import org.nautilus.api.research.tracking.TrackingStore;
import org.nautilus.grid.internal.node.Grid;
import org.nautilus.grid.internal.store.GridCaches;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Tracking metadata (experiments, runs, metric histories, registered models) in the persistent cache
 * {@value #CACHE}: text values by text key, so no value class has to be visible to Ignite. ATOMIC (one record per
 * write, no cross-record transaction is needed: the tracker rewrites whole records), FULL_SYNC with the grid's
 * backups, in the default persistent region: a write is as durable as the WAL mode says when it returns.
 */
@Component(service = TrackingStore.class)
public final class GridTrackingStore implements TrackingStore {

    static final String CACHE = "nautilus-tracking";

    private final IgniteCache<String, String> cache;

    @Activate
    public GridTrackingStore(@Reference Grid grid) {
        CacheConfiguration<String, String> cfg = new CacheConfiguration<String, String>(CACHE)
                .setAtomicityMode(CacheAtomicityMode.ATOMIC)
                .setCacheMode(CacheMode.PARTITIONED)
                .setBackups(grid.settings().cacheBackups())
                .setWriteSynchronizationMode(CacheWriteSynchronizationMode.FULL_SYNC)
                .setPartitionLossPolicy(PartitionLossPolicy.READ_WRITE_SAFE);
        this.cache = GridCaches.getOrCreate(grid.ignite(), cfg);
    }

    @Override
    public void put(Map<String, String> records) {
        cache.putAll(new TreeMap<>(records)); // sorted: concurrent putAlls lock keys in the same order
    }

    @Override
    public void remove(Iterable<String> keys) {
        Set<String> set = new HashSet<>();
        keys.forEach(set::add);
        cache.removeAll(new TreeSet<>(set));
    }

    /** A scan of the whole cache filtered here (no filter class has to travel to other nodes). */
    @Override
    public Map<String, String> load(String prefix) {
        Map<String, String> result = new TreeMap<>();
        try (QueryCursor<Cache.Entry<String, String>> cursor = cache.query(new ScanQuery<String, String>())) {
            for (Cache.Entry<String, String> entry : cursor) {
                if (entry.getKey().startsWith(prefix)) {
                    result.put(entry.getKey(), entry.getValue());
                }
            }
        }
        return result;
    }
}
