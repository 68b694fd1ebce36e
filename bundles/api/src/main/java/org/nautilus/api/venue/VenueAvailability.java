package org.nautilus.api.venue;

/**
 * Whether the OMS routes new orders to a venue.
 *
 * @since 1.3
 */
public enum VenueAvailability {
    /** Connected and reconciled: new orders go there. */
    AVAILABLE,
    /** Connected; the OMS is asking it for open orders, executions and positions. No new orders until done. */
    RECONCILING,
    /** Not connected, or a reconciliation query failed: no new orders until it reconnects and reconciles. */
    DISCONNECTED,
    /** Reconciled with a position mismatch beyond the tolerance: no new orders until someone acknowledges it. */
    BLOCKED
}
