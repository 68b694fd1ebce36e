package org.nautilus.venue.simulated.internal;

import org.nautilus.api.domain.InstrumentId;

/**
 * How far a taking order's own size moves its fill price against it, beyond the book's price (market impact). The
 * venue asks on each taker fill, with the whole order's size, and rounds the answer up to the tick; a limit order never
 * pays beyond its limit. Makers (resting orders) fill at their price. Called on the venue's matching thread.
 */
@FunctionalInterface
public interface PriceImpact {

    /**
     * @param instrument    the instrument traded
     * @param price         the book's price of the fill (fixed point)
     * @param orderQuantity the taking order's whole quantity at the venue (fixed point)
     * @return the price move against the taker, fixed point, at least 0
     */
    long of(InstrumentId instrument, long price, long orderQuantity);
}
