package org.nautilus.api.research.cache;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.marketdata.BarSpec;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The cluster's feature cache (see the package description). Writes are asynchronous and coalesced: a newer
 * offer for the same instrument, series and library replaces one not yet written. Reads see this node's own
 * offers at once, other nodes' once written (milliseconds).
 */
@ProviderType
public interface FeatureCache {

    /** Queues the latest vector of a series for writing; returns at once (the feature engine's thread). */
    void offer(FeatureVector vector);

    /** Queues a stream state for writing; returns at once. */
    void offer(StreamState state);

    Optional<FeatureVector> vector(InstrumentId instrument, BarSpec bars, String library);

    /** The vectors of several instruments in one read (one round trip per node that owns some of them). */
    Map<InstrumentId, FeatureVector> vectors(Collection<InstrumentId> instruments, BarSpec bars, String library);

    Optional<StreamState> state(InstrumentId instrument, BarSpec bars, String library);

    /** Queues a library's cross-sectional state on a bar series for writing (replacing the older one); returns at once. */
    void offer(PanelState state);

    /** The library's latest cross-sectional state on the bar series, if one was written. */
    Optional<PanelState> panel(BarSpec bars, String library);

    /**
     * Tells {@code written} every vector written to the cache from now on, by any node (this one included), once
     * it is in the grid: how a node that did not compute a close learns of it (model serving on any node). Called
     * on the grid's callback threads, in no particular order across instruments; keep it short. Closing the
     * returned handle stops it.
     */
    AutoCloseable subscribe(Consumer<FeatureVector> written);

    /** Writes everything queued so far; true if it was written within {@code timeout}. */
    boolean flush(Duration timeout);

    /** What the cache has done so far, for {@code nautilus:feature-cache} and benchmarks. */
    Stats stats();

    /**
     * @param offered  vectors and states offered
     * @param written  entries written to the grid (fewer than offered when offers were coalesced)
     * @param batches  grid writes (each a batch of entries)
     * @param pending  entries queued now
     * @param failures batches that failed (they are retried with the next batch)
     */
    record Stats(long offered, long written, long batches, int pending, long failures) {
    }
}
