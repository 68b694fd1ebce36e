package org.nautilus.portfolio.internal.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.nautilus.api.domain.Fill;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.domain.Position;
import org.nautilus.api.portfolio.PositionStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The position keeper's core: applies fills to netting positions and keeps each updated position in the
 * {@link PositionStore} before returning, so a position the OMS has reported survives a restart.
 *
 * <p>Fills of one portfolio arrive from the OMS writer of that portfolio's partition, so one position is never
 * updated by two threads at once; the map is concurrent for the readers. A position the store failed to take
 * is kept in memory, remembered, and saved again with the next fill.
 */
public final class PositionKeeper {

    private static final Logger LOG = LoggerFactory.getLogger(PositionKeeper.class);

    private final PositionStore store;
    private final Map<PositionKey, Position> positions = new ConcurrentHashMap<>();
    /** Each portfolio's positions by instrument, an immutable snapshot replaced on every change (read by risk). */
    private final Map<PortfolioId, Snapshot> byPortfolio = new ConcurrentHashMap<>();
    private final Set<PositionKey> unsaved = ConcurrentHashMap.newKeySet();
    private final AtomicLong storeFailures = new AtomicLong();

    public PositionKeeper(PositionStore store) {
        this.store = store;
    }

    /** Loads every stored position; returns how many. */
    public int load() {
        List<Position> stored = store.loadAll();
        for (Position position : stored) {
            positions.put(new PositionKey(position.portfolioId(), position.instrumentId()), position);
            index(position);
        }
        return stored.size();
    }

    /** Applies a fill and stores the new position; returns it. */
    public Position apply(Fill fill) {
        PositionKey key = new PositionKey(fill.portfolioId(), fill.instrumentId());
        Position updated = positions.compute(key, (k, current) -> NettingPosition.apply(
                current != null ? current : Position.flat(k.portfolio(), k.instrument(), fill.timestamp()), fill));
        index(updated);
        if (save(key, updated) && !unsaved.isEmpty()) {
            retryUnsaved();
        }
        return updated;
    }

    public List<Position> positions() {
        return sorted(positions.values());
    }

    public List<Position> positions(PortfolioId portfolio) {
        Snapshot snapshot = byPortfolio.get(portfolio);
        return snapshot == null ? List.of() : snapshot.view();
    }

    public Optional<Position> position(PortfolioId portfolio, InstrumentId instrument) {
        return Optional.ofNullable(positions.get(new PositionKey(portfolio, instrument)));
    }

    /** Positions the store has not taken yet (it failed); they are retried with the next fill. */
    public int unsaved() {
        return unsaved.size();
    }

    public long storeFailures() {
        return storeFailures.get();
    }

    /**
     * Replaces the position in its portfolio's snapshot (one writer per portfolio: the OMS partition's): a copy of the
     * sorted array with the one entry replaced (found by binary search) or inserted, so a fill costs one array copy
     * and no per-position comparison of instrument names (it was a tenth of a backtest's order path at 100 positions).
     */
    private void index(Position position) {
        PortfolioId portfolio = position.portfolioId();
        Snapshot current = byPortfolio.get(portfolio);
        Position[] sorted = current == null ? new Position[0] : current.sorted();
        int at = search(sorted, position.instrumentId());
        Position[] next;
        if (at >= 0) {
            next = sorted.clone();
            next[at] = position;
        } else {
            int insert = -at - 1;
            next = new Position[sorted.length + 1];
            System.arraycopy(sorted, 0, next, 0, insert);
            next[insert] = position;
            System.arraycopy(sorted, insert, next, insert + 1, sorted.length - insert);
        }
        byPortfolio.put(portfolio, new Snapshot(next, Collections.unmodifiableList(Arrays.asList(next))));
    }

    /** The index of {@code instrument} in {@code sorted}, or {@code -(insertion point) - 1}. */
    private static int search(Position[] sorted, InstrumentId instrument) {
        int lo = 0;
        int hi = sorted.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = sorted[mid].instrumentId().compareTo(instrument);
            if (c < 0) {
                lo = mid + 1;
            } else if (c > 0) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -lo - 1;
    }

    /** A portfolio's positions sorted by instrument; the array is never changed once published. */
    private record Snapshot(Position[] sorted, List<Position> view) {
    }

    private boolean save(PositionKey key, Position position) {
        try {
            store.save(position);
            unsaved.remove(key);
            return true;
        } catch (RuntimeException e) {
            storeFailures.incrementAndGet();
            if (unsaved.add(key)) {
                LOG.error("position {} could not be stored ({}); kept in memory, retried with the next fill", key,
                        store.description(), e);
            }
            return false;
        }
    }

    private void retryUnsaved() {
        for (PositionKey key : List.copyOf(unsaved)) {
            Position position = positions.get(key);
            if (position != null && !save(key, position)) {
                return;
            }
        }
    }

    private static List<Position> sorted(Collection<Position> positions) {
        List<Position> list = new ArrayList<>(positions);
        list.sort((a, b) -> new PositionKey(a.portfolioId(), a.instrumentId())
                .compareTo(new PositionKey(b.portfolioId(), b.instrumentId())));
        return list;
    }
}
