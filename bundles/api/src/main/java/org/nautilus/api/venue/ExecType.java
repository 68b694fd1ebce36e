package org.nautilus.api.venue;

/** What an execution report says happened. */
public enum ExecType {
    ACCEPTED,
    REJECTED,
    TRIGGERED,
    FILL,
    REPLACED,
    CANCELED,
    EXPIRED,
    /** An amend (cancel-replace) was refused; the order keeps working unchanged. The reason says why. */
    REPLACE_REJECTED
}
