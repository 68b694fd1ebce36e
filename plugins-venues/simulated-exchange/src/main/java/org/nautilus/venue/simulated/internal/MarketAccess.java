package org.nautilus.venue.simulated.internal;

import java.util.Optional;
import org.nautilus.api.domain.Instrument;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.marketdata.Quote;

/** What the simulated exchange reads from the market data gateway (a seam for tests). */
public interface MarketAccess {

    /** No instruments, no quotes. */
    MarketAccess NONE = new MarketAccess() {
        @Override
        public Optional<Instrument> instrument(InstrumentId id) {
            return Optional.empty();
        }

        @Override
        public Optional<Quote> lastQuote(InstrumentId id) {
            return Optional.empty();
        }
    };

    Optional<Instrument> instrument(InstrumentId id);

    Optional<Quote> lastQuote(InstrumentId id);
}
