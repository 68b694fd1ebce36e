package org.nautilus.api.domain;

/** How long an order stays working. */
public enum TimeInForce {
    /** Until the end of the trading day. */
    DAY,
    /** Until canceled. */
    GTC,
    /** Immediate or cancel: what does not fill at once is canceled. */
    IOC,
    /** Fill or kill: fills entirely at once or not at all. */
    FOK,
    /** Good till date: until the order's expire time. */
    GTD
}
