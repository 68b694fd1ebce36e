package org.nautilus.grid.internal.cluster;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.domain.Position;
import org.nautilus.api.domain.Price;
import org.nautilus.api.portfolio.PositionService;
import org.nautilus.api.portfolio.PositionStore;
import org.nautilus.api.portfolio.PositionValuation;

/**
 * Positions on a node that does not run the OMS (and so no position keeper): read from the store, where the keeper
 * on the OMS's node commits them with the fills that moved them.
 */
final class StorePositions implements PositionService {

    private final PositionStore store;
    private final Function<InstrumentId, Optional<Price>> marks;

    StorePositions(PositionStore store, Function<InstrumentId, Optional<Price>> marks) {
        this.store = store;
        this.marks = marks;
    }

    @Override
    public List<Position> positions() {
        return store.loadAll();
    }

    @Override
    public List<Position> positions(PortfolioId portfolio) {
        return store.loadAll().stream().filter(p -> p.portfolioId().equals(portfolio)).toList();
    }

    @Override
    public Optional<Position> position(PortfolioId portfolio, InstrumentId instrument) {
        return store.load(portfolio, instrument);
    }

    @Override
    public List<PositionValuation> valuations() {
        return PositionValuation.atMarks(positions(), marks);
    }

    @Override
    public List<PositionValuation> valuations(PortfolioId portfolio) {
        return PositionValuation.atMarks(positions(portfolio), marks);
    }
}
