package org.nautilus.grid.internal.store;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.domain.Position;
import org.nautilus.api.portfolio.PositionStore;
import org.nautilus.grid.internal.Grid;
import org.nautilus.grid.internal.store.PositionCodecs.PositionKey;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Positions in the TRANSACTIONAL cache {@value #CACHE} of the grid node. A {@link #save} is an implicit
 * transaction: with native persistence and WAL mode FSYNC it is on disk when it returns.
 */
@Component(service = PositionStore.class, property = {"store.type=ignite", "store.cache=" + IgnitePositionStore.CACHE})
public final class IgnitePositionStore implements PositionStore {

    public static final String CACHE = "positions";

    private static final Comparator<Position> ORDER = Comparator.comparing(Position::portfolioId)
            .thenComparing(Position::instrumentId);

    private final Grid grid;
    private final BinaryCache<PositionKey, Position> cache;

    @Activate
    public IgnitePositionStore(@Reference Grid grid) {
        this.grid = grid;
        this.cache = BinaryCache.open(grid,
                GridCaches.transactional(CACHE, grid.settings(), PositionCodecs.KEY_TYPE, PositionCodecs.AFFINITY_FIELD),
                PositionCodecs.KEY, PositionCodecs.VALUE);
    }

    @Override
    public void save(Position position) {
        cache.put(PositionKey.of(position), position);
    }

    @Override
    public Optional<Position> load(PortfolioId portfolio, InstrumentId instrument) {
        return cache.get(new PositionKey(portfolio, instrument));
    }

    /** Sorted by portfolio, then instrument. */
    @Override
    public List<Position> loadAll() {
        List<Position> all = cache.values();
        all.sort(ORDER);
        return all;
    }

    @Override
    public String description() {
        return "ignite cache '" + CACHE + "' (TRANSACTIONAL, " + grid.describe() + ")";
    }

    /** The underlying cache view (tests, and later the transactional order store). */
    BinaryCache<PositionKey, Position> cache() {
        return cache;
    }
}
