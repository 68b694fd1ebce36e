package org.nautilus.strategy.macross.internal;

import org.nautilus.api.strategy.Strategy;
import org.nautilus.api.strategy.StrategyContext;
import org.nautilus.api.strategy.StrategyHandler;
import org.osgi.service.component.annotations.Component;

/**
 * Moving-average crossover with an RSI filter: long {@code quantity} while the fast average of the closes is above
 * the slow one (entering only while RSI is below {@code rsi.max}), flat (or short with {@code allow.short}) when it
 * is below. Parameters: {@code fast} (10), {@code slow} (30), {@code rsi.period} (14), {@code rsi.max} (70),
 * {@code quantity} (100), {@code allow.short} (false).
 */
@Component(service = Strategy.class, configurationPid = "nautilus.strategy.ma_cross", property = Strategy.NAME_PROPERTY
        + "=" + MaCrossStrategy.NAME)
public final class MaCrossStrategy implements Strategy {

    static final String NAME = "ma-cross";

    @Override
    public String description() {
        return "moving-average crossover with an RSI filter, market orders on bar closes";
    }

    @Override
    public StrategyHandler start(StrategyContext context) {
        return new MaCrossHandler(context, MaCrossHandler.Settings.of(context.parameters()));
    }
}
