package org.nautilus.benchmarks.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.domain.Position;
import org.nautilus.api.portfolio.PositionStore;

/** A position store in a concurrent map: the position keeper's save without the grid's durability. */
final class MemoryPositionStore implements PositionStore {

    private record Key(PortfolioId portfolio, InstrumentId instrument) {
    }

    private final Map<Key, Position> positions = new ConcurrentHashMap<>();

    @Override
    public void save(Position position) {
        positions.put(new Key(position.portfolioId(), position.instrumentId()), position);
    }

    @Override
    public Optional<Position> load(PortfolioId portfolio, InstrumentId instrument) {
        return Optional.ofNullable(positions.get(new Key(portfolio, instrument)));
    }

    @Override
    public List<Position> loadAll() {
        return new ArrayList<>(positions.values());
    }

    @Override
    public String description() {
        return "in-memory map (benchmark)";
    }
}
