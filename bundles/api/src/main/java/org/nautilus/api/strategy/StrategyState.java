package org.nautilus.api.strategy;

/** Where a live strategy stands. */
public enum StrategyState {
    /** Known (its plugin is registered) but not trading. */
    STOPPED,
    /** Receiving data and sending orders. */
    RUNNING,
    /** Stopped by an error: {@link StrategyInfo#lastError()} says which. */
    FAILED
}
