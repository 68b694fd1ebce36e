package org.nautilus.portfolio.internal.core;

import java.util.ArrayList;
import java.util.Collection;
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
    /** Each portfolio's positions by instrument, as an immutable list replaced on every change (read by risk). */
    private final Map<PortfolioId, List<Position>> byPortfolio = new ConcurrentHashMap<>();
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
        return byPortfolio.getOrDefault(portfolio, List.of());
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

    /** Replaces the position in its portfolio's list (one writer per portfolio: the OMS partition's). */
    private void index(Position position) {
        byPortfolio.compute(position.portfolioId(), (portfolio, current) -> {
            List<Position> next = new ArrayList<>(current == null ? 1 : current.size() + 1);
            boolean replaced = false;
            if (current != null) {
                for (Position p : current) {
                    if (p.instrumentId().equals(position.instrumentId())) {
                        next.add(position);
                        replaced = true;
                    } else {
                        next.add(p);
                    }
                }
            }
            if (!replaced) {
                next.add(position);
                next.sort((a, b) -> a.instrumentId().compareTo(b.instrumentId()));
            }
            return List.copyOf(next);
        });
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
