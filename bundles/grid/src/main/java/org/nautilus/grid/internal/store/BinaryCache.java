package org.nautilus.grid.internal.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import javax.cache.Cache;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.EventType;
import org.apache.ignite.IgniteBinary;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.binary.BinaryObject;
import org.apache.ignite.binary.BinaryObjectBuilder;
import org.apache.ignite.cache.CachePeekMode;
import org.apache.ignite.cache.query.ContinuousQuery;
import org.apache.ignite.cache.query.QueryCursor;
import org.apache.ignite.cache.query.ScanQuery;
import org.apache.ignite.configuration.CacheConfiguration;
import org.nautilus.api.store.StoreException;
import org.nautilus.grid.internal.node.Grid;
import org.nautilus.grid.internal.node.GridStartupException;

/**
 * A typed view of a cache that holds binary keys and values only (it never asks Ignite to deserialize). Operations
 * join the caller's Ignite transaction if one is open on the thread, so several {@code BinaryCache}s can be
 * updated atomically; outside a transaction each write is its own implicit transaction.
 */
public final class BinaryCache<K, V> {

    /**
     * A total order of binary keys consistent with their equality (equal keys compare 0, so a sorted map never holds
     * one key twice: Ignite would lock it twice in one transaction and wait for itself): by hash, then, for the rare
     * different keys with equal hashes, by their text form (type and fields) without the identity hash it contains.
     */
    static final Comparator<BinaryObject> KEY_ORDER = (a, b) -> {
        int byHash = Integer.compare(a.hashCode(), b.hashCode());
        if (byHash != 0 || a.equals(b)) {
            return byHash;
        }
        return content(a).compareTo(content(b));
    };

    private static final Pattern IDENTITY = Pattern.compile("idHash=-?\\d+,? ?");

    private static String content(BinaryObject key) {
        return IDENTITY.matcher(key.toString()).replaceAll("");
    }

    private final IgniteCache<BinaryObject, BinaryObject> cache;
    private final IgniteBinary binary;
    private final BinaryCodec<K> keys;
    private final BinaryCodec<V> values;
    private final int partitions;

    private BinaryCache(IgniteCache<BinaryObject, BinaryObject> cache, IgniteBinary binary, BinaryCodec<K> keys,
            BinaryCodec<V> values, int partitions) {
        this.cache = cache;
        this.binary = binary;
        this.keys = keys;
        this.values = values;
        this.partitions = partitions;
    }

    /**
     * Gets or creates the cache {@code cfg} describes (an existing cache keeps its stored configuration) and checks
     * that stored entries can be read.
     *
     * @throws GridStartupException if the cache holds entries whose binary type metadata is gone (a damaged or
     *                              deleted {@code db/binary_meta}): every read would otherwise block and fail
     */
    public static <K, V> BinaryCache<K, V> open(Grid grid, CacheConfiguration<BinaryObject, BinaryObject> cfg,
            BinaryCodec<K> keys, BinaryCodec<V> values) {
        IgniteCache<BinaryObject, BinaryObject> cache = GridCaches.getOrCreate(grid.ignite(), cfg).withKeepBinary();
        IgniteBinary binary = grid.ignite().binary();
        long entries = cache.sizeLong(CachePeekMode.PRIMARY);
        if (entries > 0) {
            for (String type : List.of(keys.typeName(), values.typeName())) {
                if (binary.type(type) == null) {
                    throw new GridStartupException("Ignite cache '" + cfg.getName() + "' holds " + entries
                            + " entries but the metadata of their binary type '" + type + "' is missing: "
                            + grid.settings().workDirectory().resolve("db").resolve("binary_meta")
                            + " is damaged or was deleted. Restore " + grid.settings().workDirectory()
                            + " from a backup.");
                }
            }
        }
        return new BinaryCache<>(cache, binary, keys, values, grid.ignite().affinity(cfg.getName()).partitions());
    }

    public String name() {
        return cache.getName();
    }

    public void put(K key, V value) {
        cache.put(encode(keys, key), encode(values, value));
    }

    /** Puts the entry unless the key has one; {@code true} if it was put. */
    public boolean putIfAbsent(K key, V value) {
        return cache.putIfAbsent(encode(keys, key), encode(values, value));
    }

    /** Puts every entry, in one call (inside the caller's transaction if one is open). */
    public void putAll(Map<K, V> entries) {
        if (entries.isEmpty()) {
            return;
        }
        // Sorted: a pessimistic transaction locks the keys in this order, the same on every node (Ignite warns
        // about unordered maps for that reason).
        Map<BinaryObject, BinaryObject> encoded = new TreeMap<>(KEY_ORDER);
        for (Map.Entry<K, V> entry : entries.entrySet()) {
            encoded.put(encode(keys, entry.getKey()), encode(values, entry.getValue()));
        }
        cache.putAll(encoded);
    }

    /** The stored form of a key (encoded on the caller's thread, e.g. before handing a unit to the committer). */
    public BinaryObject encodeKey(K key) {
        return encode(keys, key);
    }

    public BinaryObject encodeValue(V value) {
        return encode(values, value);
    }

    /** Puts entries already encoded with {@link #encodeKey}/{@link #encodeValue}, in key order. */
    public void putAllEncoded(Map<BinaryObject, BinaryObject> entries) {
        if (entries.isEmpty()) {
            return;
        }
        if (entries instanceof SortedMap) {
            cache.putAll(entries);
        } else {
            Map<BinaryObject, BinaryObject> sorted = new TreeMap<>(KEY_ORDER);
            sorted.putAll(entries);
            cache.putAll(sorted);
        }
    }

    /**
     * Registers a continuous query from this node that hands every value created or updated from now on, decoded, to
     * {@code action}, on Ignite's notification thread (it must not block). Ignite notifies after a transaction has
     * committed, never for one rolled back; notifications of one partition come in update order, of different
     * partitions in any order, and a primary's failover can repeat some. No remote filter: nothing of ours has to be
     * loaded on other nodes.
     *
     * @return the query; closing it unregisters it
     */
    public AutoCloseable listen(Consumer<V> action) {
        ContinuousQuery<BinaryObject, BinaryObject> query = new ContinuousQuery<>();
        query.setLocalListener(updates -> {
            for (CacheEntryEvent<? extends BinaryObject, ? extends BinaryObject> update : updates) {
                if (update.getEventType() == EventType.CREATED || update.getEventType() == EventType.UPDATED) {
                    action.accept(values.read(update.getValue()));
                }
            }
        });
        return cache.query(query);
    }

    /** An empty map sorted the way {@link #putAllEncoded} wants it. */
    public static Map<BinaryObject, BinaryObject> sortedMap() {
        return new TreeMap<>(KEY_ORDER);
    }

    /** The values of the keys that are present, in the order of {@code keys}. */
    public List<V> getAll(Collection<K> wanted) {
        if (wanted.isEmpty()) {
            return List.of();
        }
        List<BinaryObject> encoded = new ArrayList<>(wanted.size());
        for (K key : wanted) {
            encoded.add(encode(keys, key));
        }
        Set<BinaryObject> unique = new LinkedHashSet<>(encoded);
        Map<BinaryObject, BinaryObject> found = cache.getAll(unique);
        List<V> result = new ArrayList<>(found.size());
        for (BinaryObject key : encoded) {
            BinaryObject value = found.get(key);
            if (value != null) {
                result.add(values.read(value));
            }
        }
        return result;
    }

    /** Removes the entries of {@code wanted} that are present, in one call, keys sorted as in {@link #putAll}. */
    public void removeAll(Collection<K> wanted) {
        if (wanted.isEmpty()) {
            return;
        }
        SortedSet<BinaryObject> encoded = new TreeSet<>(KEY_ORDER);
        for (K key : wanted) {
            encoded.add(encode(keys, key));
        }
        cache.removeAll(encoded);
    }

    /** Reads every value through {@code action}, scanning all partitions (unordered). */
    public void forEach(Consumer<V> action) {
        scan(value -> action.accept(values.read(value)));
    }

    /**
     * Reads the values whose stored binary form passes {@code filter} (evaluated before decoding, so a selective
     * filter on a field is cheap); unordered.
     */
    public void forEach(Predicate<BinaryObject> filter, Consumer<V> action) {
        scan(value -> {
            if (filter.test(value)) {
                action.accept(values.read(value));
            }
        });
    }

    public long sizeLong() {
        return cache.sizeLong();
    }

    public Optional<V> get(K key) {
        BinaryObject stored = cache.get(encode(keys, key));
        return stored == null ? Optional.empty() : Optional.of(values.read(stored));
    }

    public boolean remove(K key) {
        return cache.remove(encode(keys, key));
    }

    /** Every value, read with a scan of all partitions (unordered). */
    public List<V> values() {
        List<V> result = new ArrayList<>();
        forEach(result::add);
        return result;
    }

    /**
     * Every stored value, one partition at a time. A scan of the whole cache has each node read what it takes for its
     * primary partitions without reserving them, so while partitions move (a node joining or leaving, a restarted
     * node's stale copies rebalanced, then evicted elsewhere) it can miss entries or fail: a restarted cluster showed
     * a portfolio's positions missing for a while, and an OMS recovering on a new leader reads its orders this way. A
     * scan of one partition reserves an owning copy, locally if this node has one, and moves on to another owner if
     * it cannot.
     */
    private void scan(Consumer<BinaryObject> action) {
        // Ignite's partition scan meets a partition without an owner with a NullPointerException: say it first.
        Collection<Integer> lost = cache.lostPartitions();
        if (!lost.isEmpty()) {
            throw new StoreException("cache " + cache.getName() + " cannot be read whole: " + lost.size()
                    + " of its partitions are lost (every copy's node is gone), e.g. " + lost.iterator().next()
                    + "; they come back when those nodes do (nautilus:cluster)");
        }
        for (int partition = 0; partition < partitions; partition++) {
            try (QueryCursor<Cache.Entry<BinaryObject, BinaryObject>> cursor = cache
                    .query(new ScanQuery<BinaryObject, BinaryObject>().setPartition(partition))) {
                for (Cache.Entry<BinaryObject, BinaryObject> entry : cursor) {
                    action.accept(entry.getValue());
                }
            }
        }
    }

    public int size() {
        return cache.size();
    }

    /** The binary form of a key, e.g. to ask Ignite for its affinity. */
    public BinaryObject binaryKey(K key) {
        return encode(keys, key);
    }

    private <T> BinaryObject encode(BinaryCodec<T> codec, T value) {
        BinaryObjectBuilder builder = binary.builder(codec.typeName());
        codec.write(value, builder);
        return builder.build();
    }
}
