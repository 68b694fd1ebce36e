package org.nautilus.venue.simulated.internal.matching;

/**
 * Receives everything an {@link OrderBook} does, synchronously on the book's writer thread, in order. Only
 * primitives and enums cross this interface, so matching allocates nothing. Implementations must not call
 * back into the book.
 */
public interface MatchListener {

    /** The order passed validation and entered the book (it may still trade or be canceled at once). */
    void onAccepted(long orderId);

    /** The order was refused and never entered the book. */
    void onRejected(long orderId, Reason reason);

    /**
     * One execution between an incoming (taker) and a resting (maker) order, at the maker's price.
     *
     * @param takerBuy {@code true} if the taker buys
     */
    void onTrade(long takerOrderId, long makerOrderId, boolean takerBuy, long price, long quantity);

    /** The order left the book with {@code canceledQuantity} unfilled. */
    void onCanceled(long orderId, long canceledQuantity, Reason reason);

    /** A stop order's trigger price traded or was reached; it now works as a market or limit order. */
    void onTriggered(long orderId);

    /** An amend took effect: the order now works at {@code price} for a total of {@code quantity}. */
    void onReplaced(long orderId, long price, long quantity);

    /** An amend was refused; the order works unchanged. */
    void onAmendRejected(long orderId, Reason reason);
}
