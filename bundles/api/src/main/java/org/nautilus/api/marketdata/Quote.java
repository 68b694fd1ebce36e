package org.nautilus.api.marketdata;

import java.time.Instant;
import java.util.Objects;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;

/**
 * Top of book: best bid and ask with their sizes.
 *
 * @param instrumentId the instrument
 * @param bid          best bid price
 * @param bidSize      quantity at the best bid
 * @param ask          best ask price, not below the bid
 * @param askSize      quantity at the best ask
 * @param timestamp    exchange or feed time
 */
public record Quote(InstrumentId instrumentId, Price bid, Quantity bidSize, Price ask, Quantity askSize,
        Instant timestamp) {

    public Quote {
        Objects.requireNonNull(instrumentId, "instrumentId");
        Objects.requireNonNull(bid, "bid");
        Objects.requireNonNull(ask, "ask");
        Objects.requireNonNull(bidSize, "bidSize");
        Objects.requireNonNull(askSize, "askSize");
        Objects.requireNonNull(timestamp, "timestamp");
        if (ask.compareTo(bid) < 0) {
            throw new IllegalArgumentException(instrumentId + ": crossed quote, ask " + ask + " < bid " + bid);
        }
    }

    /** The mid price (bid + ask) / 2, rounded down to the 8th decimal. */
    public Price mid() {
        return new Price(bid.raw() + (ask.raw() - bid.raw()) / 2);
    }

    public Price spread() {
        return ask.minus(bid);
    }

}
