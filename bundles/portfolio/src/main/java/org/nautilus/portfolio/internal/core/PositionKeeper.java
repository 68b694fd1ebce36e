package org.nautilus.portfolio.internal.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.nautilus.api.domain.Fill;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.domain.Position;
import org.nautilus.api.domain.Price;
import org.nautilus.api.portfolio.PositionValuation;
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
        }
        return stored.size();
    }

    /** Applies a fill and stores the new position; returns it. */
    public Position apply(Fill fill) {
        PositionKey key = new PositionKey(fill.portfolioId(), fill.instrumentId());
        Position updated = positions.compute(key, (k, current) -> NettingPosition.apply(
                current != null ? current : Position.flat(k.portfolio(), k.instrument(), fill.timestamp()), fill));
        if (save(key, updated) && !unsaved.isEmpty()) {
            retryUnsaved();
        }
        return updated;
    }

    public List<Position> positions() {
        return sorted(positions.values());
    }

    public List<Position> positions(PortfolioId portfolio) {
        List<Position> mine = new ArrayList<>();
        for (Position position : positions.values()) {
            if (position.portfolioId().equals(portfolio)) {
                mine.add(position);
            }
        }
        return sorted(mine);
    }

    public Optional<Position> position(PortfolioId portfolio, InstrumentId instrument) {
        return Optional.ofNullable(positions.get(new PositionKey(portfolio, instrument)));
    }

    /** Values positions at the marks {@code marks} gives (an instrument without a mark: no unrealized P&amp;L). */
    public static List<PositionValuation> value(List<Position> positions,
                                                Function<InstrumentId, Optional<Price>> marks) {
        List<PositionValuation> valuations = new ArrayList<>(positions.size());
        for (Position position : positions) {
            valuations.add(PositionValuation.of(position, marks.apply(position.instrumentId()).orElse(null)));
        }
        return valuations;
    }

    /** Positions the store has not taken yet (it failed); they are retried with the next fill. */
    public int unsaved() {
        return unsaved.size();
    }

    public long storeFailures() {
        return storeFailures.get();
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
