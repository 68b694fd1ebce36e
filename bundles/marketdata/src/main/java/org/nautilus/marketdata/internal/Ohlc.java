package org.nautilus.marketdata.internal;

import java.time.Instant;

/** Open/high/low/close of raw prices, open and close chosen by tick timestamp (not arrival order). */
final class Ohlc {
    long open;
    long high;
    long low;
    long close;
    long openTime;
    long closeTime;
    int count;

    void add(long t, long price) {
        if (count == 0) {
            open = high = low = close = price;
            openTime = closeTime = t;
        } else {
            high = Math.max(high, price);
            low = Math.min(low, price);
            if (t < openTime) {
                open = price;
                openTime = t;
            }
            if (t >= closeTime) {
                close = price;
                closeTime = t;
            }
        }
        count++;
    }

    void reset() {
        count = 0;
    }

    static long nanos(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
    }

    static Instant instant(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L),
                Math.floorMod(nanos, 1_000_000_000L));
    }
}
