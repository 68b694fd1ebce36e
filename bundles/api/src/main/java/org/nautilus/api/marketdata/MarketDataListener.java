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
}
