package org.nautilus.api.strategy;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** The live strategies: every registered {@link Strategy} with its configuration and state. */
@ProviderType
public interface StrategyService {

    /** Every registered strategy, by name. */
    List<StrategyInfo> strategies();

    Optional<StrategyInfo> strategy(String name);

    /**
     * Starts a stopped or failed strategy.
     *
     * @throws IllegalArgumentException for an unknown name or a configuration the strategy refuses
     */
    StrategyInfo start(String name);

    /**
     * Stops a running strategy: its open orders are canceled and, with {@code flatten}, its positions closed with
     * market orders (through the OMS and its risk rules like any order).
     *
     * @throws IllegalArgumentException for an unknown name
     */
    StrategyInfo stop(String name, boolean flatten);
}
