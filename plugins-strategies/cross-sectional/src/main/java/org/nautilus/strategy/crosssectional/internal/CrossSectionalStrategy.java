package org.nautilus.strategy.crosssectional.internal;

import org.nautilus.api.strategy.Strategy;
import org.nautilus.api.strategy.StrategyContext;
import org.nautilus.api.strategy.StrategyHandler;
import org.osgi.service.component.annotations.Component;

/**
 * Cross-sectional: every {@code rebalance.bars} bars of the universe, each instrument gets a score (the factor
 * named by {@code score.factor}, as known now; without one, or where it has no value yet, the return over
 * {@code lookback} bars), the {@code long.count} best are held long and the {@code short.count} worst
 * short, equally weighted over {@code capital} × {@code gross.exposure}; the trades to reach the targets are
 * scaled down together so one rebalance trades at most {@code max.turnover} × capital.
 *
 * <p>With {@code signals.model = NAME} the score is that registered model's prediction instead (its champion's
 * signal batches, live only: a backtest refuses it), and the book is ranked every {@code rebalance.bars} closes on
 * that close's signals, once every instrument has one (or the next close begins); an instrument with no signal of
 * the close is not ranked.
 */
@Component(service = Strategy.class, configurationPid = "nautilus.strategy.cross_sectional", property = Strategy.NAME_PROPERTY
        + "=" + CrossSectionalStrategy.NAME)
public final class CrossSectionalStrategy implements Strategy {

    static final String NAME = "cross-sectional";

    @Override
    public String description() {
        return "ranks a factor or model score across its universe into equal-weight target positions, turnover-limited";
    }

    @Override
    public StrategyHandler start(StrategyContext context) {
        return new CrossSectionalHandler(context, CrossSectionalHandler.Settings.of(context.parameters(),
                context.instruments().size(), context.signalsDelivered()));
    }
}
