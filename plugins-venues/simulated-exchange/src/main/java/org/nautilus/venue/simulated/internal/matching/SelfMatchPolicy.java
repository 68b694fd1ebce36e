package org.nautilus.venue.simulated.internal.matching;

/**
 * What happens when an incoming order would trade with a resting order of the same owner (self-trade
 * prevention, as exchanges offer it: CME, Binance "expire taker/maker/both").
 */
public enum SelfMatchPolicy {
    /** Trade anyway (exchange-core's behaviour). */
    ALLOW,
    /** Cancel the rest of the incoming order; the resting order stays. */
    CANCEL_TAKER,
    /** Cancel the resting order and keep matching the incoming one. */
    CANCEL_MAKER,
    /** Cancel both. */
    CANCEL_BOTH
}
