package org.nautilus.api.venue;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.nautilus.api.domain.FixedPoint;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.domain.Side;
import org.nautilus.api.domain.VenueId;

/**
 * A snapshot of the top levels of one venue's order book for one instrument (market-by-price).
 *
 * @param venueId      the venue
 * @param instrumentId the instrument
 * @param bids         bid levels, best (highest) first
 * @param asks         ask levels, best (lowest) first
 * @param timestamp    venue time of the snapshot
 */
public record BookDepth(VenueId venueId, InstrumentId instrumentId, List<BookLevel> bids, List<BookLevel> asks,
        Instant timestamp) {

    public BookDepth {
        Objects.requireNonNull(venueId, "venueId");
        Objects.requireNonNull(instrumentId, "instrumentId");
        Objects.requireNonNull(timestamp, "timestamp");
        bids = List.copyOf(bids);
        asks = List.copyOf(asks);
    }

    public Optional<BookLevel> bestBid() {
        return bids.isEmpty() ? Optional.empty() : Optional.of(bids.get(0));
    }

    public Optional<BookLevel> bestAsk() {
        return asks.isEmpty() ? Optional.empty() : Optional.of(asks.get(0));
    }

    /** The levels an order of {@code side} would take from: the asks for a BUY, the bids for a SELL. */
    public List<BookLevel> opposite(Side side) {
        return side == Side.BUY ? asks : bids;
    }

    /**
     * The quantity an order of {@code side} could take from the levels shown, at {@code limit} or better
     * ({@code null}: at any price).
     */
    public Quantity availableToTake(Side side, Price limit) {
        long total = 0;
        List<BookLevel> levels = opposite(side);
        for (int i = 0; i < levels.size(); i++) { // indexed, as below
            BookLevel level = levels.get(i);
            if (limit != null && (side == Side.BUY ? level.price().compareTo(limit) > 0
                    : level.price().compareTo(limit) < 0)) {
                break;
            }
            total = Math.addExact(total, level.quantity().raw());
        }
        return new Quantity(total);
    }

    /**
     * The volume-weighted average price at which an order of {@code side} for {@code quantity} would fill
     * against the levels shown (rounded half-even to 8 decimals), or empty if they do not hold enough.
     */
    public Optional<Price> averagePriceToTake(Side side, Quantity quantity) {
        long left = quantity.raw();
        long notional = 0;
        List<BookLevel> levels = opposite(side);
        for (int i = 0; i < levels.size(); i++) { // indexed: the router asks per order, an iterator per call adds up
            BookLevel level = levels.get(i);
            long take = Math.min(left, level.quantity().raw());
            notional = Math.addExact(notional, FixedPoint.multiply(take, level.price().raw()));
            left -= take;
            if (left == 0) {
                return Optional.of(new Price(FixedPoint.divide(notional, quantity.raw())));
            }
        }
        return Optional.empty();
    }
}
