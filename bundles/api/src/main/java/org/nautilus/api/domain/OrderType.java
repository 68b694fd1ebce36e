package org.nautilus.api.domain;

/** How an order is priced. */
public enum OrderType {
    /** Executes at the best available prices. */
    MARKET,
    /** Executes at the limit price or better. */
    LIMIT,
    /** Becomes a MARKET order when the stop price trades. */
    STOP,
    /** Becomes a LIMIT order when the stop price trades. */
    STOP_LIMIT;

    public boolean needsLimitPrice() {
        return this == LIMIT || this == STOP_LIMIT;
    }

    public boolean needsStopPrice() {
        return this == STOP || this == STOP_LIMIT;
    }
}
