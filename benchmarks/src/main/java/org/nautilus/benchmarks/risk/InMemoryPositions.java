package org.nautilus.benchmarks.risk;

import java.util.ArrayList;
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

/** The position keeper reduced to lookups: positions per portfolio as prebuilt immutable lists. */
final class InMemoryPositions implements PositionService {

    private final Map<PortfolioId, Map<InstrumentId, Position>> byPortfolio = new ConcurrentHashMap<>();
    private final Map<PortfolioId, List<Position>> lists = new ConcurrentHashMap<>();

    void put(Position p) {
        byPortfolio.computeIfAbsent(p.portfolioId(), k -> new ConcurrentHashMap<>()).put(p.instrumentId(), p);
        lists.put(p.portfolioId(), byPortfolio.get(p.portfolioId()).values().stream()
                .sorted(Comparator.comparing(Position::instrumentId)).toList());
    }

    @Override
    public List<Position> positions() {
        List<Position> all = new ArrayList<>();
        lists.keySet().stream().sorted().forEach(p -> all.addAll(lists.get(p)));
        return all;
    }

    @Override
    public List<Position> positions(PortfolioId portfolio) {
        return lists.getOrDefault(portfolio, List.of());
    }

    @Override
    public Optional<Position> position(PortfolioId portfolio, InstrumentId instrument) {
        Map<InstrumentId, Position> m = byPortfolio.get(portfolio);
        return m == null ? Optional.empty() : Optional.ofNullable(m.get(instrument));
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
