package org.nautilus.risk.internal.engine;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.nautilus.api.domain.Instrument;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.domain.Position;
import org.nautilus.api.domain.Price;
import org.nautilus.api.marketdata.MarketDataService;
import org.nautilus.api.portfolio.PositionService;
import org.nautilus.api.risk.RiskContext;

/**
 * The {@link RiskContext} the engine hands to rules: instruments and marks from the market data gateway,
 * positions from the position keeper, time from the injected clock. Stateless, so one instance serves
 * every thread.
 */
public final class ServiceRiskContext implements RiskContext {

    private final MarketDataService marketData;
    private final PositionService positions;
    private final Clock clock;

    public ServiceRiskContext(MarketDataService marketData, PositionService positions, Clock clock) {
        this.marketData = Objects.requireNonNull(marketData, "marketData");
        this.positions = Objects.requireNonNull(positions, "positions");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Optional<Instrument> instrument(InstrumentId id) {
        return marketData.instrument(id);
    }

    @Override
    public Optional<Price> mark(InstrumentId id) {
        return marketData.mark(id);
    }

    @Override
    public Position position(PortfolioId portfolio, InstrumentId instrument) {
        return positions.position(portfolio, instrument)
                .orElseGet(() -> Position.flat(portfolio, instrument, clock.instant()));
    }

    @Override
    public Instant now() {
        return clock.instant();
    }
}
