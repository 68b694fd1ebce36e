/**
 * Strategies: plugins that turn market data and factor values into orders, and backtests that run them through the
 * same engine as live.
 *
 * <p>A {@link Strategy} is a whiteboard service ({@value Strategy#NAME_PROPERTY}); each run (live, or one backtest)
 * gets a fresh {@link StrategyHandler} from {@link Strategy#start}, with a {@link StrategyContext} that is its only
 * door to the platform: it reads released data, positions and the clock there and sends orders through the OMS
 * (so every risk rule applies). A handler is called on one thread at a time, in time order: market data, factor
 * values, model signals (live), timers, and its own order events and fills. It keeps no global state, so the same class trades a backtest
 * and the live market.
 *
 * <p>{@link StrategyService} runs the live strategies (configured from {@code etc/nautilus.strategy.<name>.cfg});
 * {@link BacktestService} runs one over historical data on a simulated clock and measures it
 * ({@link PerformanceMetrics}).
 */
@Export
@Version("1.5.0")
package org.nautilus.api.strategy;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
