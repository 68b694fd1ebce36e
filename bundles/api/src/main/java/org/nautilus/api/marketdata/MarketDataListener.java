package org.nautilus.api.marketdata;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Receives market data from the gateway. Each subscriber is called from its own delivery thread, in the
 * order the gateway received the data, so a slow subscriber does not stall the others. The default
 * methods ignore what the subscriber does not want.
 */
@ConsumerType
public interface MarketDataListener {

    default void onQuote(Quote quote) {
    }

    default void onTrade(Trade trade) {
    }

    default void onBar(Bar bar) {
    }

    /**
     * A closed bar of a subscription to every spec ({@link MarketDataService#subscribeAllBars}), with the spec it
     * belongs to (a bar alone does not say: a daily bar across a DST change is not 24 h long). By default it goes
     * to {@link #onBar(Bar)}.
     *
     * @since 1.2
     */
    default void onBar(BarSpec spec, Bar bar) {
        onBar(bar);
    }
}
