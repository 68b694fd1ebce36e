package org.nautilus.venue.simulated.internal.matching;

import org.nautilus.api.domain.OrderType;
import org.nautilus.api.domain.TimeInForce;

/** A working order inside one {@link OrderBook}: mutable, pooled, linked into its price level's queue. */
final class BookOrder {

    long id;
    long owner;
    boolean buy;
    OrderType type;
    TimeInForce timeInForce;
    boolean postOnly;
    long price;
    long stopPrice;
    /** Total quantity (after amends). */
    long quantity;
    long filled;
    /** Quantity still working: {@code quantity - filled} until canceled. */
    long leaves;
    /** Epoch millis at which a GTD order expires, 0 for none. */
    long expireAt;
    /** {@code true} while a stop order waits for its trigger. */
    boolean waitingForTrigger;
    /** {@code true} while the order is in the book's id index (resting or waiting: only those can be found). */
    boolean indexed;

    PriceLevel level;
    BookOrder prev;
    BookOrder next;

    void clear() {
        type = null;
        timeInForce = null;
        level = null;
        prev = null;
        next = null;
        waitingForTrigger = false;
        indexed = false;
    }
}
