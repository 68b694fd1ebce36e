package org.nautilus.api.marketdata;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.nautilus.api.domain.Instrument;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Price;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The market data gateway: it receives quotes and trades from the feeds (Camel routes), keeps the latest
 * values and marks, aggregates bars and fans everything out to subscribers.
 */
@ProviderType
public interface MarketDataService {

    /** Publishes a quote from a feed. */
    void publish(Quote quote);

    /** Publishes a trade from a feed. */
    void publish(Trade trade);

    /** The instruments the platform knows. */
    Collection<Instrument> instruments();

    Optional<Instrument> instrument(InstrumentId id);

    /** Adds or replaces an instrument definition. */
    void define(Instrument instrument);

    Optional<Quote> lastQuote(InstrumentId id);

    /** The mark used for P&amp;L and risk: the last trade price, else the mid of the last quote. */
    Optional<Price> mark(InstrumentId id);

    /** Closed bars of the default interval, oldest first, at most {@code limit} of the most recent. */
    List<Bar> bars(InstrumentId id, int limit);

    /**
     * Subscribes to the given instruments ({@code instruments} empty: all of them).
     *
     * @return the subscription; close it to stop delivery
     */
    Subscription subscribe(Set<InstrumentId> instruments, MarketDataListener listener);
}
