package org.nautilus.venue.simulated.internal.matching;

/** Why the book rejected, canceled or refused something: a stable code with a human text. */
public enum Reason {
    DUPLICATE_ORDER_ID("an order with this id is already working"),
    INVALID_QUANTITY("quantity must be positive"),
    INVALID_PRICE("price must be positive"),
    POST_ONLY_WOULD_TAKE("post-only order would take liquidity"),
    FOK_NOT_FILLABLE("fill-or-kill order cannot be filled entirely at once"),
    IOC_REMAINDER("immediate-or-cancel remainder canceled"),
    NO_LIQUIDITY("market order remainder canceled: no more liquidity in the book"),
    SELF_MATCH("canceled to prevent a self-match"),
    CANCELED("canceled on request"),
    EXPIRED("good-till-date order expired"),
    AMENDED_TO_FILLED("amended quantity is not above the filled quantity"),
    UNKNOWN_ORDER("no such working order"),
    NOT_AMENDABLE("only a working limit or stop order can be amended");

    private final String text;

    Reason(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }
}
