package org.nautilus.grid.internal.store;

import javax.cache.CacheException;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.binary.BinaryObject;
import org.apache.ignite.cache.CacheAtomicityMode;
import org.apache.ignite.cache.CacheKeyConfiguration;
import org.apache.ignite.cache.CacheMode;
import org.apache.ignite.cache.CacheWriteSynchronizationMode;
import org.apache.ignite.cache.PartitionLossPolicy;
import org.apache.ignite.cache.affinity.rendezvous.ClusterNodeAttributeAffinityBackupFilter;
import org.apache.ignite.cache.affinity.rendezvous.RendezvousAffinityFunction;
import org.apache.ignite.configuration.CacheConfiguration;
import org.nautilus.grid.internal.node.GridSettings;

/** Definitions shared by every durable cache of the platform. */
public final class GridCaches {

    private GridCaches() {
    }

    /**
     * A TRANSACTIONAL, partitioned cache in the default (persistent) data region: several caches can be updated in
     * one transaction, a commit is as durable as the WAL mode says, a write returns once all copies have it, and a
     * lost partition fails loudly instead of reading as empty.
     *
     * @param affinityField key field that decides the partition (entries with the same value are colocated), or
     *                      {@code null} for the whole key
     */
    public static CacheConfiguration<BinaryObject, BinaryObject> transactional(String name, GridSettings settings,
            String keyType, String affinityField) {
        CacheConfiguration<BinaryObject, BinaryObject> cfg = new CacheConfiguration<BinaryObject, BinaryObject>(name)
                .setAtomicityMode(CacheAtomicityMode.TRANSACTIONAL)
                .setCacheMode(CacheMode.PARTITIONED)
                .setAffinity(affinity(settings, RendezvousAffinityFunction.DFLT_PARTITION_COUNT))
                .setBackups(settings.cacheBackups())
                .setWriteSynchronizationMode(CacheWriteSynchronizationMode.FULL_SYNC)
                .setPartitionLossPolicy(PartitionLossPolicy.READ_WRITE_SAFE);
        if (affinityField != null) {
            cfg.setKeyConfiguration(new CacheKeyConfiguration(keyType, affinityField));
        }
        return cfg;
    }

    /** Partitions of the trading state's cache group: enough to spread over a few nodes, few files per node. */
    public static final int TRADING_PARTITIONS = 256;

    /**
     * Like {@link #transactional}, in the cache group {@code group}: the group's caches share partitions, page
     * files and memory structures (a checkpoint writes one file per partition, not one per cache and partition),
     * and one transaction over them touches the same partition files.
     */
    public static CacheConfiguration<BinaryObject, BinaryObject> transactional(String name, String group,
            GridSettings settings, String keyType,
            String affinityField) {
        return transactional(name, settings, keyType, affinityField).setGroupName(group)
                .setAffinity(affinity(settings, TRADING_PARTITIONS));
    }

    /**
     * Rendezvous affinity over {@code partitions}; with zones ({@link GridSettings#zoneAware()}) a backup is only
     * placed on a node whose {@link GridSettings#ZONE_ATTRIBUTE} differs from the primary's and the other backups',
     * so losing a zone never takes every copy of a partition. With fewer zones than copies (e.g. a zone down), a
     * partition keeps fewer backups instead of doubling up in one zone. A cache's affinity is fixed when it is
     * created: turning zones on for an existing persistent cluster needs its caches created again (restore).
     */
    public static RendezvousAffinityFunction affinity(GridSettings settings, int partitions) {
        RendezvousAffinityFunction affinity = new RendezvousAffinityFunction(false, partitions);
        if (settings.zoneAware()) {
            affinity.setAffinityBackupFilter(new ClusterNodeAttributeAffinityBackupFilter(GridSettings.ZONE_ATTRIBUTE));
        }
        return affinity;
    }

    /**
     * Gets or creates a cache, waiting out a cluster state change: nodes started together activate the cluster while
     * their components open caches, and Ignite refuses a cache start until the change is done (bounded: 2 minutes).
     */
    public static <K, V> IgniteCache<K, V> getOrCreate(Ignite ignite, CacheConfiguration<K, V> cfg) {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (true) {
            try {
                return ignite.getOrCreateCache(cfg);
            } catch (CacheException e) {
                if (!String.valueOf(e.getMessage()).contains("cluster state change is in progress")
                        || System.nanoTime() > deadline) {
                    throw e;
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }
}
