package org.nautilus.risk.internal.support;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.domain.Position;
import org.nautilus.api.portfolio.PositionService;
import org.nautilus.api.portfolio.PositionValuation;

/** An in-memory position keeper whose positions a test sets. */
public final class FakePositions implements PositionService {

    private final Map<String, Position> positions = new ConcurrentHashMap<>();

    public void put(Position p) {
        positions.put(p.portfolioId() + "|" + p.instrumentId(), p);
    }

    public void remove(String portfolio, String symbol) {
        positions.remove(portfolio + "|" + symbol);
    }

    @Override
    public List<Position> positions() {
        return positions.values().stream()
                .sorted(Comparator.comparing(Position::portfolioId).thenComparing(Position::instrumentId)).toList();
    }

    @Override
    public List<Position> positions(PortfolioId portfolio) {
        return positions().stream().filter(p -> p.portfolioId().equals(portfolio)).toList();
    }

    @Override
    public Optional<Position> position(PortfolioId portfolio, InstrumentId instrument) {
        return Optional.ofNullable(positions.get(portfolio + "|" + instrument));
    }

    @Override
    public List<PositionValuation> valuations() {
        return positions().stream().map(p -> PositionValuation.of(p, null)).toList();
    }

    @Override
    public List<PositionValuation> valuations(PortfolioId portfolio) {
        return positions(portfolio).stream().map(p -> PositionValuation.of(p, null)).toList();
    }
}
