package org.nautilus.venue.simulated.internal;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.nautilus.api.domain.Instrument;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.marketdata.Quote;

/** The venue tests' market: every instrument an equity (tick 0.01, lot 1), its last quote the one a test set. */
final class EquityMarket implements MarketAccess {

    private final Map<InstrumentId, Quote> quotes = new ConcurrentHashMap<>();

    /** The instrument's last quote from now on. */
    void quote(Quote quote) {
        quotes.put(quote.instrumentId(), quote);
    }

    @Override
    public Optional<Instrument> instrument(InstrumentId id) {
        return Optional.of(Instrument.equity(id.value(), "USD"));
    }

    @Override
    public Optional<Quote> lastQuote(InstrumentId id) {
        return Optional.ofNullable(quotes.get(id));
    }
}
