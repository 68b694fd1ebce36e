package org.nautilus.testsupport;

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

/**
 * A position keeper reduced to the positions a test (or a benchmark) puts: lookups only, no fills, no marks (its
 * valuations carry no price). A portfolio's positions are kept as a prebuilt immutable list, so a risk check that
 * reads them in a benchmark measures the check, not this double.
 */
public final class InMemoryPositions implements PositionService {

    private final Map<PortfolioId, Map<InstrumentId, Position>> byPortfolio = new ConcurrentHashMap<>();
    private final Map<PortfolioId, List<Position>> lists = new ConcurrentHashMap<>();

    /** Sets the position of its portfolio in its instrument (replacing any). */
    public void put(Position p) {
        byPortfolio.computeIfAbsent(p.portfolioId(), k -> new ConcurrentHashMap<>()).put(p.instrumentId(), p);
        rebuild(p.portfolioId());
    }

    public void remove(String portfolio, String symbol) {
        PortfolioId id = PortfolioId.of(portfolio);
        Map<InstrumentId, Position> m = byPortfolio.get(id);
        if (m != null && m.remove(InstrumentId.of(symbol)) != null) {
            rebuild(id);
        }
    }

    private void rebuild(PortfolioId portfolio) {
        lists.put(portfolio, byPortfolio.get(portfolio).values().stream()
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
