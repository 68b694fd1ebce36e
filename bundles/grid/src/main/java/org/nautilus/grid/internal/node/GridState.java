package org.nautilus.grid.internal.node;

/** Where this node's grid is in its life, as {@link GridNode} sees it. */
public enum GridState {
    /** A start is under way (joining, waiting for the baseline, activating). */
    STARTING,
    /** Started and published as {@link Grid}. */
    RUNNING,
    /** Not running: its start failed, or it was stopped. */
    DOWN
}
