package org.nautilus.api.risk;

/**
 * The kill switch's trading states, globally and per portfolio. The effective state of a portfolio is the
 * more restrictive of the global state and its own. The kill switch never blocks a cancel (and the cancel throttle
 * lets a HALTED portfolio's cancels through).
 */
public enum TradingState {
    /** Normal trading: every rule decides. */
    ACTIVE,
    /** Only orders that reduce a position (without flipping it) are accepted. */
    REDUCING,
    /** No new order is accepted; cancels still go through. */
    HALTED;

    /** The more restrictive of the two states. */
    public TradingState restrict(TradingState other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
