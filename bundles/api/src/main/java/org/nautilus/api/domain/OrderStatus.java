package org.nautilus.api.domain;

/**
 * The states of an order's life. The OMS's state machine says which transitions are legal; an order in a
 * {@link #isTerminal() terminal} state never changes again.
 */
public enum OrderStatus {
    INITIALIZED(false),
    /** Refused by pre-trade risk before reaching a venue. */
    DENIED(true),
    SUBMITTED(false),
    ACCEPTED(false),
    /** Refused by the venue. */
    REJECTED(true),
    /** A stop order whose stop price traded. */
    TRIGGERED(false),
    PENDING_UPDATE(false),
    PENDING_CANCEL(false),
    PARTIALLY_FILLED(false),
    FILLED(true),
    CANCELED(true),
    EXPIRED(true);

    private final boolean terminal;

    OrderStatus(boolean terminal) {
        this.terminal = terminal;
    }

    public boolean isTerminal() {
        return terminal;
    }

    /** {@code true} while the order can still trade at a venue. */
    public boolean isOpen() {
        return !terminal && this != INITIALIZED;
    }
}
