package org.nautilus.api.strategy;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.osgi.annotation.versioning.ProviderType;

/** Runs registered strategies over historical data through the platform's own engine on a simulated clock. */
@ProviderType
public interface BacktestService {

    /**
     * Runs one backtest to the end and stores its result and tearsheet.
     *
     * @param progress told about the run's progress (one line at a time)
     * @throws IllegalArgumentException for an unknown strategy, a missing data file or a bad setting, saying which
     */
    BacktestResult run(BacktestSpec spec, Consumer<String> progress);

    /** The stored runs, oldest first. */
    List<BacktestResult> backtests();

    Optional<BacktestResult> backtest(String runId);
}
