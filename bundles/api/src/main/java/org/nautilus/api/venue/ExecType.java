package org.nautilus.api.venue;

/** What an execution report says happened. */
public enum ExecType {
    ACCEPTED,
    REJECTED,
    TRIGGERED,
    FILL,
    REPLACED,
    CANCELED,
    EXPIRED
}
