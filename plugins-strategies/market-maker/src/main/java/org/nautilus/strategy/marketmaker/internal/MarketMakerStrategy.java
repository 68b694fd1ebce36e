package org.nautilus.strategy.marketmaker.internal;

import org.nautilus.api.strategy.Strategy;
import org.nautilus.api.strategy.StrategyContext;
import org.nautilus.api.strategy.StrategyHandler;
import org.osgi.service.component.annotations.Component;

/**
 * Market making: a bid and an ask of {@code size} around the mid ({@code spread.bps} from it on each side), skewed
 * against the inventory ({@code skew.bps} per {@code size} held) and never quoting the side that would take the
 * position beyond {@code max.inventory}. Requotes when the mid moves by {@code requote.bps} (default 2) or a quote
 * fills. Parameters: {@code spread.bps} (10), {@code size} (10), {@code max.inventory} (100), {@code skew.bps} (2).
 */
@Component(service = Strategy.class, configurationPid = "nautilus.strategy.market_maker", property = Strategy.NAME_PROPERTY
        + "=" + MarketMakerStrategy.NAME)
public final class MarketMakerStrategy implements Strategy {

    static final String NAME = "market-maker";

    @Override
    public String description() {
        return "quotes a bid and an ask around the mid with an inventory limit and skew";
    }

    @Override
    public StrategyHandler start(StrategyContext context) {
        return new MarketMakerHandler(context, MarketMakerHandler.Settings.of(context.parameters()));
    }
}
