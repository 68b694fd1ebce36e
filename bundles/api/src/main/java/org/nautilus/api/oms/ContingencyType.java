package org.nautilus.api.oms;

/** How the orders of an {@link OrderList} depend on each other. */
public enum ContingencyType {
    /**
     * One cancels the other(s): all orders work at once; when one of them trades (fully or partly) or ends,
     * the others are canceled.
     */
    OCO,
    /**
     * One triggers the other(s): the first order works; the others are held (INITIALIZED) and sent only once it
     * is FILLED. If it ends partly filled, they are sent for at most the filled quantity; if it ends unfilled,
     * they are canceled.
     */
    OTO,
    /**
     * An entry with a take-profit and a stop-loss: the entry triggers both exits (as OTO), and the exits are
     * one-cancels-the-other (as OCO).
     */
    BRACKET
}
