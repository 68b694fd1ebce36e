package org.nautilus.grid.internal.features;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.event.CacheEntryEvent;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.cache.CacheAtomicityMode;
import org.apache.ignite.cache.CacheEntryEventSerializableFilter;
import org.apache.ignite.cache.CacheMode;
import org.apache.ignite.cache.CacheWriteSynchronizationMode;
import org.apache.ignite.cache.PartitionLossPolicy;
import org.apache.ignite.cache.affinity.AffinityKey;
import org.apache.ignite.cache.query.ContinuousQuery;
import org.apache.ignite.cache.query.QueryCursor;
import org.apache.ignite.configuration.CacheConfiguration;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.marketdata.BarSpec;
import org.nautilus.api.research.cache.FeatureCache;
import org.nautilus.api.research.cache.FeatureVector;
import org.nautilus.api.research.cache.PanelState;
import org.nautilus.api.research.cache.StreamState;
import org.nautilus.grid.internal.node.Grid;
import org.nautilus.grid.internal.store.GridCaches;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The feature cache in the partitioned Ignite cache {@value #CACHE}: one entry per instrument, bar series, library
 * and kind (vector or state), colocated by instrument ({@link AffinityKey}: an instrument's entries live on one
 * primary node and its backups), FULL_SYNC with the grid's backups, in the default region (persistent where the
 * grid is).
 *
 * <p>Writes are behind: {@link #offer} puts the object in a map of pending entries (a newer offer for the same key
 * replaces the older one) and wakes the writer thread, which encodes what is pending and writes it in one sorted
 * {@code putAll}. The feature engine's thread thus pays a map put per library and bar, never a grid round trip;
 * a bar close of 800 instruments becomes one batch. Reads look at the pending entries first (this node's own
 * offers are read at once), then the grid.
 */
@Component(service = FeatureCache.class)
public final class GridFeatureCache implements FeatureCache, AutoCloseable {

    public static final String CACHE = "nautilus-features";
    private static final Logger LOG = LoggerFactory.getLogger(GridFeatureCache.class);
    /** Upper bound of the wait between batches when nothing wakes the writer. */
    private static final long IDLE_WAIT_MS = 50;
    /**
     * How long the writer lets offers gather after the first one wakes it: a bar close of many instruments then goes
     * out in a few large batches instead of one small batch per offer (at most ~500 batches a second).
     */
    private static final long LINGER_NANOS = 2_000_000;

    private final IgniteCache<AffinityKey<String>, byte[]> cache;
    private final ConcurrentHashMap<AffinityKey<String>, Object> pending = new ConcurrentHashMap<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private final Condition written = lock.newCondition();
    private final AtomicLong offered = new AtomicLong();
    private final AtomicLong writtenEntries = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    /** Offers taken by the writer so far; flush waits until it passes the count at its call. */
    private final AtomicLong taken = new AtomicLong();
    private final Thread writer;
    private volatile boolean running = true;
    private volatile boolean signalled;
    /** A flush is waiting: write without lingering. */
    private volatile boolean flushing;

    @Activate
    public GridFeatureCache(@Reference Grid grid) {
        CacheConfiguration<AffinityKey<String>, byte[]> cfg = new CacheConfiguration<AffinityKey<String>, byte[]>(CACHE)
                .setAtomicityMode(CacheAtomicityMode.ATOMIC)
                .setCacheMode(CacheMode.PARTITIONED)
                .setBackups(grid.settings().cacheBackups())
                .setWriteSynchronizationMode(CacheWriteSynchronizationMode.FULL_SYNC)
                .setPartitionLossPolicy(PartitionLossPolicy.READ_WRITE_SAFE);
        this.cache = GridCaches.getOrCreate(grid.ignite(), cfg);
        this.writer = new Thread(this::writeLoop, "nautilus-feature-cache-" + grid.settings().instanceName());
        writer.setDaemon(true);
        writer.start();
        LOG.info("Feature cache {}: partitioned by instrument, {} backup(s), written behind", CACHE,
                grid.settings().cacheBackups());
    }

    /** The key of an entry; its affinity is the instrument, so an instrument's entries live together. */
    static AffinityKey<String> key(char kind, InstrumentId instrument, BarSpec bars, String library) {
        return new AffinityKey<>(kind + "|" + instrument.value() + "|" + bars + "|" + library, instrument.value());
    }

    /**
     * The key of a library's cross-sectional state on a bar series: it spans instruments, so its affinity is the
     * key itself (one primary node and its backups, like any entry).
     */
    static AffinityKey<String> panelKey(BarSpec bars, String library) {
        String key = "P|" + bars + "|" + library;
        return new AffinityKey<>(key, key);
    }

    @Override
    public void offer(FeatureVector vector) {
        enqueue(key('V', vector.instrument(), vector.bars(), vector.library()), vector);
    }

    @Override
    public void offer(StreamState state) {
        enqueue(key('S', state.instrument(), state.bars(), state.library()), state);
    }

    @Override
    public void offer(PanelState state) {
        enqueue(panelKey(state.bars(), state.library()), state);
    }

    @Override
    public Optional<PanelState> panel(BarSpec bars, String library) {
        return read(panelKey(bars, library), PanelState.class, FeatureCodec::panel);
    }

    private void enqueue(AffinityKey<String> key, Object value) {
        pending.put(key, value);
        offered.incrementAndGet();
        if (!signalled) {
            signalled = true;
            lock.lock();
            try {
                work.signal();
            } finally {
                lock.unlock();
            }
        }
    }

    private void writeLoop() {
        while (running) {
            try {
                lock.lock();
                try {
                    if (pending.isEmpty() && running) {
                        work.await(IDLE_WAIT_MS, TimeUnit.MILLISECONDS);
                    }
                    signalled = false;
                } finally {
                    lock.unlock();
                }
                if (!flushing && !pending.isEmpty()) {
                    LockSupport.parkNanos(LINGER_NANOS);
                }
                writePending();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("Feature cache write failed; retrying in {} ms: {}", IDLE_WAIT_MS, e.toString());
                try {
                    Thread.sleep(IDLE_WAIT_MS);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    /** Takes every pending entry and writes them in one batch (key order: concurrent batches lock alike). */
    private void writePending() {
        if (pending.isEmpty()) {
            return;
        }
        Map<AffinityKey<String>, Object> batch = new HashMap<>();
        for (AffinityKey<String> key : List.copyOf(pending.keySet())) {
            Object value = pending.get(key);
            if (value != null) {
                batch.put(key, value);
            }
        }
        TreeMap<AffinityKey<String>, byte[]> encoded = new TreeMap<>(
                (a, b) -> a.key().compareTo(b.key()));
        batch.forEach((key, value) -> encoded.put(key, value instanceof FeatureVector v ? FeatureCodec.encode(v)
                : value instanceof PanelState p ? FeatureCodec.encode(p) : FeatureCodec.encode((StreamState) value)));
        try {
            cache.putAll(encoded);
            writtenEntries.addAndGet(encoded.size());
            batches.incrementAndGet();
            // Only what was written leaves: an offer that replaced a value after it was taken stays pending.
            batch.forEach(pending::remove); // remove(key, value): a newer offer stays
        } catch (RuntimeException e) {
            failures.incrementAndGet();
            throw e;
        } finally {
            lock.lock();
            try {
                taken.incrementAndGet();
                written.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    @Override
    public Optional<FeatureVector> vector(InstrumentId instrument, BarSpec bars, String library) {
        return read(key('V', instrument, bars, library), FeatureVector.class, FeatureCodec::vector);
    }

    /** This node's pending offer for the key if there is one, else the grid's entry. */
    private <T> Optional<T> read(AffinityKey<String> key, Class<T> type, Function<byte[], T> decode) {
        Object local = pending.get(key);
        if (local != null) {
            return Optional.of(type.cast(local));
        }
        byte[] bytes = cache.get(key);
        return bytes == null ? Optional.empty() : Optional.of(decode.apply(bytes));
    }

    @Override
    public Map<InstrumentId, FeatureVector> vectors(Collection<InstrumentId> instruments, BarSpec bars,
            String library) {
        Map<InstrumentId, FeatureVector> result = new HashMap<>();
        Map<AffinityKey<String>, InstrumentId> remote = new TreeMap<>((a, b) -> a.key().compareTo(b.key()));
        for (InstrumentId instrument : instruments) {
            AffinityKey<String> key = key('V', instrument, bars, library);
            Object local = pending.get(key);
            if (local != null) {
                result.put(instrument, (FeatureVector) local);
            } else {
                remote.put(key, instrument);
            }
        }
        if (!remote.isEmpty()) {
            cache.getAll(remote.keySet()).forEach((key, bytes) -> result.put(remote.get(key),
                    FeatureCodec.vector(bytes)));
        }
        return result;
    }

    @Override
    public Optional<StreamState> state(InstrumentId instrument, BarSpec bars, String library) {
        return read(key('S', instrument, bars, library), StreamState.class, FeatureCodec::state);
    }

    /**
     * A continuous query with a remote filter: the node that writes an entry sends it to this node only if it is a
     * vector (a few KB); stream states (tens of KB each, written now and then for every stream) stay where they are
     * written. The filter's class is this bundle's, which every node of the cluster runs (peer class loading is
     * off): a node running a grid bundle without it refuses the query.
     */
    @Override
    public AutoCloseable subscribe(Consumer<FeatureVector> written) {
        ContinuousQuery<AffinityKey<String>, byte[]> query = new ContinuousQuery<>();
        query.setRemoteFilterFactory(FactoryBuilder.factoryOf(new VectorsOnly()));
        query.setLocalListener(events -> {
            for (CacheEntryEvent<? extends AffinityKey<String>, ? extends byte[]> event : events) {
                byte[] bytes = event.getValue();
                if (bytes != null && isVector(event.getKey())) {
                    try {
                        written.accept(FeatureCodec.vector(bytes));
                    } catch (RuntimeException e) {
                        LOG.warn("Feature cache listener failed on {}: {}", event.getKey().key(), e.toString());
                    }
                }
            }
        });
        QueryCursor<?> cursor = cache.query(query);
        return cursor::close;
    }

    private static boolean isVector(AffinityKey<String> key) {
        return key.key().charAt(0) == 'V';
    }

    /** Evaluated on the node where an entry is written: vectors pass, stream states do not. */
    static final class VectorsOnly implements CacheEntryEventSerializableFilter<AffinityKey<String>, byte[]> {
        private static final long serialVersionUID = 1L;

        @Override
        public boolean evaluate(CacheEntryEvent<? extends AffinityKey<String>, ? extends byte[]> event) {
            return isVector(event.getKey());
        }
    }

    @Override
    public boolean flush(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        flushing = true;
        lock.lock();
        try {
            while (!pending.isEmpty()) {
                long before = taken.get();
                work.signal();
                while (taken.get() == before) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return pending.isEmpty();
                    }
                    written.awaitNanos(left);
                }
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            flushing = false;
            lock.unlock();
        }
    }

    @Override
    public Stats stats() {
        return new Stats(offered.get(), writtenEntries.get(), batches.get(), pending.size(), failures.get());
    }

    @Deactivate
    @Override
    public void close() {
        if (!flush(Duration.ofSeconds(5))) {
            LOG.warn("Feature cache: {} entries not written at shutdown (their streams recompute or resume from an"
                    + " older state)", pending.size());
        }
        running = false;
        writer.interrupt();
        try {
            writer.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
