package org.nautilus.api.strategy;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A strategy plugin: register it as an OSGi service with {@value #NAME_PROPERTY}. Its configuration
 * ({@code etc/nautilus.strategy.<name>.cfg}, with '-' in the name written '_': Karaf reads a '-' in a file name as a
 * factory configuration) is its component's configuration PID; it reaches the runtime as service properties and the
 * strategy through {@link StrategyContext#parameters()}.
 */
@ConsumerType
public interface Strategy {

    /** Service property: the strategy's unique name (letters, digits, '-', '_'). */
    String NAME_PROPERTY = "strategy.name";

    /**
     * Parameter: the registered models (comma separated) whose signals the run receives in
     * {@link StrategyHandler#onSignals}, champion-like aliases only unless {@value #SIGNALS_SHADOW_PARAMETER} is true.
     *
     * @since 1.1
     */
    String SIGNALS_MODEL_PARAMETER = "signals.model";

    /**
     * Parameter: {@code true} to also receive the batches of challengers scoring in shadow (default false).
     *
     * @since 1.1
     */
    String SIGNALS_SHADOW_PARAMETER = "signals.shadow";

    /** One line saying what it does. */
    String description();

    /**
     * Starts one run: live, or one backtest. Returns the handler that receives the run's events, with state of its
     * own (two runs never share state).
     *
     * @throws IllegalArgumentException for parameters it cannot use, saying which and why
     */
    StrategyHandler start(StrategyContext context);
}
