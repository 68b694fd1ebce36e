package org.nautilus.api.marketdata;

import java.time.Instant;
import java.util.Objects;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;

/**
 * A trade printed on the market (not necessarily ours).
 *
 * @param instrumentId the instrument
 * @param price        trade price
 * @param size         positive traded quantity
 * @param timestamp    exchange or feed time
 */
public record Trade(InstrumentId instrumentId, Price price, Quantity size, Instant timestamp) {

    public Trade {
        Objects.requireNonNull(instrumentId, "instrumentId");
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(timestamp, "timestamp");
        if (!size.isPositive()) {
            throw new IllegalArgumentException(instrumentId + ": trade size must be positive, got " + size);
        }
    }
}
