package org.nautilus.risk.internal.support;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.nautilus.api.domain.Instrument;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.domain.Position;
import org.nautilus.api.domain.Price;
import org.nautilus.api.risk.RiskContext;

/** A {@link RiskContext} whose market, positions and clock a test sets by hand. */
public class TestContext implements RiskContext {

    private final Map<InstrumentId, Instrument> instruments = new HashMap<>();
    private final Map<InstrumentId, Price> marks = new HashMap<>();
    private final Map<PortfolioId, Map<InstrumentId, Position>> positions = new HashMap<>();
    private Instant now = Instant.parse("2025-03-03T14:30:00Z");

    public TestContext withEquity(String symbol, String mark) {
        Instrument instrument = Instrument.equity(symbol, "USD");
        instruments.put(instrument.id(), instrument);
        if (mark != null) {
            marks.put(instrument.id(), Price.of(mark));
        }
        return this;
    }

    public TestContext withMark(String symbol, String mark) {
        marks.put(InstrumentId.of(symbol), Price.of(mark));
        return this;
    }

    public TestContext withPosition(String portfolio, String symbol, long quantity, String averagePrice) {
        Position p = Orders.position(portfolio, symbol, quantity, averagePrice, now);
        positions.computeIfAbsent(p.portfolioId(), k -> new HashMap<>()).put(p.instrumentId(), p);
        return this;
    }

    public TestContext at(Instant instant) {
        this.now = instant;
        return this;
    }

    @Override
    public Optional<Instrument> instrument(InstrumentId id) {
        return Optional.ofNullable(instruments.get(id));
    }

    @Override
    public Optional<Price> mark(InstrumentId id) {
        return Optional.ofNullable(marks.get(id));
    }

    @Override
    public Position position(PortfolioId portfolio, InstrumentId instrument) {
        Position p = positions.getOrDefault(portfolio, Map.of()).get(instrument);
        return p != null ? p : Position.flat(portfolio, instrument, now);
    }

    @Override
    public Instant now() {
        return now;
    }
}
