package org.nautilus.api.domain;

/** The side of an order or a fill. */
public enum Side {
    BUY,
    SELL;

    public Side opposite() {
        return this == BUY ? SELL : BUY;
    }

    /** +1 for BUY, -1 for SELL: the sign a fill of this side adds to a position. */
    public int sign() {
        return this == BUY ? 1 : -1;
    }
}
