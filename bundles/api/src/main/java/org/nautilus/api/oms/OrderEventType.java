package org.nautilus.api.oms;

/** What an {@link OrderEvent} records. */
public enum OrderEventType {
    /** The OMS received the order (status INITIALIZED). */
    INITIALIZED,
    /** Refused before reaching a venue: validation, pre-trade risk or routing. */
    DENIED,
    /** Sent to a venue. */
    SUBMITTED,
    /** The venue acknowledged the order; it is working. */
    ACCEPTED,
    /** The venue refused the order. */
    REJECTED,
    /** A stop order's stop price traded. */
    TRIGGERED,
    /** An amend (cancel-replace) was sent. */
    PENDING_UPDATE,
    /** A cancel was sent. */
    PENDING_CANCEL,
    /** The amend took effect: the order works at the new price/quantity. */
    UPDATED,
    /** The amend was refused; the order works unchanged. */
    UPDATE_REJECTED,
    /** The cancel was refused; the order works unchanged. */
    CANCEL_REJECTED,
    /** An execution: the event carries the {@link org.nautilus.api.domain.Fill}. */
    FILL,
    CANCELED,
    EXPIRED
}
