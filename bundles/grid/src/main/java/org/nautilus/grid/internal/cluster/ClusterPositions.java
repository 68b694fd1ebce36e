package org.nautilus.grid.internal.cluster;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.domain.Position;
import org.nautilus.api.portfolio.PositionService;
import org.nautilus.api.portfolio.PositionValuation;

/**
 * The PositionService every node offers its clients (risk among them), for as long as the node runs: the position
 * keeper where it runs (the leader: live, in memory), the store elsewhere (what the keeper committed with the fills).
 * Plain Java.
 */
final class ClusterPositions implements PositionService {

    private final Supplier<PositionService> keeper;
    private final PositionService store;

    ClusterPositions(Supplier<PositionService> keeper, PositionService store) {
        this.keeper = keeper;
        this.store = store;
    }

    private PositionService source() {
        PositionService local = keeper.get();
        return local != null ? local : store;
    }

    @Override
    public List<Position> positions() {
        return source().positions();
    }

    @Override
    public List<Position> positions(PortfolioId portfolio) {
        return source().positions(portfolio);
    }

    @Override
    public Optional<Position> position(PortfolioId portfolio, InstrumentId instrument) {
        return source().position(portfolio, instrument);
    }

    @Override
    public List<PositionValuation> valuations() {
        return source().valuations();
    }

    @Override
    public List<PositionValuation> valuations(PortfolioId portfolio) {
        return source().valuations(portfolio);
    }
}
