package org.nautilus.api.cluster;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Brings back a node whose persistent grid data Ignite cannot use (a start failure such as an incomplete baseline
 * history), by letting it rejoin the cluster empty and take its data from the other nodes' backups
 * ({@code nautilus:cluster-rejoin}). Available while the grid is down, which is when it is needed.
 */
@ProviderType
public interface NodeRecovery {

    /** What {@link #rejoin()} would do on this node now, step by step, or why it must not. */
    RejoinPlan planRejoin();

    /**
     * Carries out {@link #planRejoin()} (planned again, so it acts on the current state): moves this node's grid
     * data aside, keeping it, and starts the grid again.
     *
     * @return the plan that was carried out
     * @throws IllegalStateException with {@link RejoinPlan#refusal()} if the plan refuses
     */
    RejoinPlan rejoin();
}
