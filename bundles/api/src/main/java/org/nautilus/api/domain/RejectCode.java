package org.nautilus.api.domain;

/**
 * Why an order was refused, as a value clients switch on instead of parsing the reason text: set by the OMS's
 * own checks, the risk rules and the venues, kept with the order ({@link Order#rejectCode()}) and persisted with it,
 * and shown by the shell, the HTTP API (its 422 body), the metrics' rejection counters and the FIX gateway
 * (OrdRejReason and Text).
 *
 * <p>The set is closed, a rule plugin's is not: a rule that denies with a code of its own (a string not named
 * here) gives {@link #RULE_DENIED}, and the order's reason starts with the rule's name ("rule: message"), so a
 * third-party rule needs no API release while every control the platform ships has a code of its own here.
 *
 * @since domain 2.0
 */
public enum RejectCode {

    // --- the OMS's checks before risk (instrument reference data, order shape)
    UNKNOWN_INSTRUMENT,
    LOT_SIZE,
    MIN_QUANTITY,
    MAX_QUANTITY,
    TICK_SIZE,
    EXPIRE_TIME,
    /** A list was refused because one of its client order ids was taken meanwhile. */
    DUPLICATE_CLIENT_ORDER_ID,

    // --- pre-trade risk rules the platform ships
    MAX_ORDER_QUANTITY,
    MAX_NOTIONAL,
    MAX_POSITION,
    MAX_LEVERAGE,
    MAX_DAILY_LOSS,
    ORDER_RATE,
    PRICE_COLLAR,
    SELF_TRADE,
    DUPLICATE_ORDER,
    REDUCE_ONLY,
    SYMBOL_NOT_ALLOWED,
    /** A rule could not value the order: no last or mid price for the instrument. */
    NO_PRICE,
    TRADING_HALTED,
    TRADING_REDUCING,
    CREDIT_LIMIT,
    CONCENTRATION,
    RESTRICTED_SYMBOL,
    /** No market data for the instrument, so a market or marketable order cannot be priced. */
    NO_MARKET_DATA,
    STALE_MARKET_DATA,
    /** Amends (cancel-replaces) beyond the configured rate. */
    AMEND_RATE,
    CANCEL_RATE,
    /** The execution (fill) rate alarm tripped. */
    FILL_RATE,
    /** The venue is outside its trading hours. */
    VENUE_CLOSED,
    /** The venue does not accept this order type. */
    VENUE_ORDER_TYPE,
    /** The venue does not accept this time in force. */
    VENUE_TIME_IN_FORCE,
    /** A rule has no valid configuration, so it refuses everything until it has one. */
    CONFIG_ERROR,
    /** A rule threw: the engine fails closed. */
    RULE_ERROR,
    /** The risk check itself failed (the engine threw or was unreachable). */
    RISK_ERROR,
    /** A mandatory rule is not running, so new orders are denied until it is back. */
    RULE_MISSING,
    /** A rule denied with a code of its own that is not named here; the reason starts with the rule's name. */
    RULE_DENIED,
    /** Denied before it reached a venue, with no more specific code (e.g. an order persisted before codes). */
    RISK_DENIED,

    // --- routing
    NO_VENUE,
    UNKNOWN_VENUE,
    VENUE_UNAVAILABLE,
    ROUTER_ERROR,

    // --- the venue's refusals
    VENUE_INVALID_ORDER,
    VENUE_POST_ONLY_WOULD_TAKE,
    VENUE_DUPLICATE_ORDER,
    /** The venue threw when the order was sent. */
    VENUE_ERROR,
    /** Rejected by the venue, with no more specific code. */
    VENUE_REJECTED;

    /**
     * The constant named {@code code}, {@link #RULE_DENIED} for a name not in this set (a rule plugin's own code),
     * {@code null} for {@code null}.
     */
    public static RejectCode of(String code) {
        if (code == null) {
            return null;
        }
        for (RejectCode c : VALUES) {
            if (c.name().equals(code)) {
                return c;
            }
        }
        return RULE_DENIED;
    }

    /**
     * The code a refused order shows: {@code code} if it has one, else {@link #RISK_DENIED} for a DENIED order and
     * {@link #VENUE_REJECTED} for a REJECTED one; {@code null} for an order that was neither.
     */
    public static RejectCode orDefault(RejectCode code, OrderStatus status) {
        if (status != OrderStatus.DENIED && status != OrderStatus.REJECTED) {
            return null;
        }
        return code != null ? code : status == OrderStatus.DENIED ? RISK_DENIED : VENUE_REJECTED;
    }

    private static final RejectCode[] VALUES = values();
}
