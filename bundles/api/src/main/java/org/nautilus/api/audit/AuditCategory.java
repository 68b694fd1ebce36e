package org.nautilus.api.audit;

/** What an {@link AuditEntry} is about. */
public enum AuditCategory {
    /** An order event (the OMS's event stream). */
    ORDER,
    /** A change of risk state: trading state (kill switch), daily P&amp;L baseline, a limit set at runtime. */
    RISK,
    /** A change of a platform configuration ({@code nautilus.*} PIDs, i.e. {@code etc/nautilus.*.cfg}). */
    CONFIG,
    /**
     * A change of the model registry: an alias moved (promotion, roll-back) or was removed.
     *
     * @since 1.2
     */
    MODEL,
    /**
     * A command someone gave (submit, cancel, the kill switch, a route started...): who, through which
     * {@link Channel}, what, and the outcome. The order events it caused are ORDER entries with the same order id.
     *
     * @since 1.2
     */
    ACTION
}
