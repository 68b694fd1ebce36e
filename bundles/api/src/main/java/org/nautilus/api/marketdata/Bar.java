package org.nautilus.api.marketdata;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;

/**
 * An OHLCV bar covering {@code [start, end)}. A bar is published only once it has closed.
 *
 * @param instrumentId the instrument
 * @param start        inclusive start of the interval
 * @param end          exclusive end of the interval: the bar is known from this time on
 * @param open         first price
 * @param high         highest price
 * @param low          lowest price
 * @param close        last price
 * @param volume       traded quantity (zero for bars built from quotes)
 */
public record Bar(InstrumentId instrumentId, Instant start, Instant end, Price open, Price high, Price low,
        Price close, Quantity volume) {

    public Bar {
        Objects.requireNonNull(instrumentId, "instrumentId");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(open, "open");
        Objects.requireNonNull(close, "close");
        Objects.requireNonNull(volume, "volume");
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException(instrumentId + ": bar end " + end + " is not after start " + start);
        }
        if (high.compareTo(low) < 0 || high.compareTo(open) < 0 || high.compareTo(close) < 0
                || low.compareTo(open) > 0 || low.compareTo(close) > 0) {
            throw new IllegalArgumentException(instrumentId + ": inconsistent bar O=" + open + " H=" + high
                    + " L=" + low + " C=" + close);
        }
    }

    public Duration interval() {
        return Duration.between(start, end);
    }
}
