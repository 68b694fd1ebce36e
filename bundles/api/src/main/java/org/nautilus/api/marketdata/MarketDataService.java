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

    /**
     * The mark used for P&amp;L and risk: the last trade price, else the mid of the last quote, else the close of
     * the last bar published with {@link #publish(Bar)}.
     */
    Optional<Price> mark(InstrumentId id);

    /** Closed bars of the default interval, oldest first, at most {@code limit} of the most recent. */
    List<Bar> bars(InstrumentId id, int limit);

    /**
     * Subscribes to the given instruments ({@code instruments} empty: all of them): their quotes, trades and the
     * bars of the default interval.
     *
     * @return the subscription; close it to stop delivery
     */
    Subscription subscribe(Set<InstrumentId> instruments, MarketDataListener listener);

    /**
     * Publishes a closed bar from a feed (historical bars replayed from a file, a vendor's bar feed). It joins the
     * history of the time bars of its interval and goes to their subscribers as is; its close becomes the mark
     * while the instrument has no trade or quote.
     *
     * @throws IllegalArgumentException if the instrument is unknown
     * @since 1.1
     */
    default void publish(Bar bar) {
        throw new UnsupportedOperationException(getClass().getName() + " does not accept bars");
    }

    /**
     * Closes the open time bar of every interval for an instrument now, before its end, because its feed has ended
     * (the end of a replayed file): no more ticks will come for it. A tick for that interval arriving later is
     * late and dropped. Unfinished tick and volume bars stay open.
     *
     * @throws IllegalArgumentException if the instrument is unknown
     * @since 1.1
     */
    default void closeBars(InstrumentId id) {
        throw new UnsupportedOperationException(getClass().getName() + " cannot close bars early");
    }

    /**
     * The bar specs aggregated now: the default interval first, then the configured ones and those subscribers
     * asked for.
     *
     * @since 1.1
     */
    default List<BarSpec> barSpecs() {
        return List.of();
    }

    /**
     * Closed bars of one spec, oldest first, at most {@code limit} of the most recent.
     *
     * @throws IllegalArgumentException if that spec is not aggregated (see {@link #barSpecs()})
     * @since 1.1
     */
    default List<Bar> bars(InstrumentId id, BarSpec spec, int limit) {
        throw new UnsupportedOperationException(getClass().getName() + " keeps only the default bars");
    }

    /**
     * Subscribes to the bars of one spec for the given instruments (empty: all), delivered to
     * {@link MarketDataListener#onBar}; the gateway starts aggregating that spec if it did not yet (from the next
     * tick on: no bar is made up from the past). Quotes and trades are not delivered to this subscription.
     *
     * @since 1.1
     */
    default Subscription subscribeBars(Set<InstrumentId> instruments, BarSpec spec, MarketDataListener listener) {
        throw new UnsupportedOperationException(getClass().getName() + " keeps only the default bars");
    }

    /**
     * Registers a listener told of every change of a mark, synchronously (see {@link MarkListener}); close the
     * subscription to stop. A gateway that cannot tell (the default) throws {@link UnsupportedOperationException}:
     * its consumers then read {@link #mark} when they need a value.
     *
     * @since 1.3
     */
    default Subscription subscribeMarks(MarkListener listener) {
        throw new UnsupportedOperationException(getClass().getName() + " does not report mark changes");
    }

    /**
     * Subscribes to the closed bars of every spec the gateway aggregates or is given, now and later (a replay that
     * publishes daily bars adds the daily spec), for the given instruments (empty: all), delivered to
     * {@link MarketDataListener#onBar(BarSpec, Bar)}. For consumers that follow each instrument's own bars, whatever
     * their interval. Quotes and trades are not delivered to this subscription.
     *
     * @since 1.2
     */
    default Subscription subscribeAllBars(Set<InstrumentId> instruments, MarketDataListener listener) {
        throw new UnsupportedOperationException(getClass().getName() + " cannot deliver the bars of every spec");
    }
}
