package org.nautilus.factor.technical.internal;

import static org.nautilus.api.research.expression.Expression.close;

import java.util.List;
import org.nautilus.api.research.expression.Expression;
import org.nautilus.api.research.expression.FactorDefinition;
import org.nautilus.api.research.expression.FactorLibrary;
import org.nautilus.api.research.expression.FactorReference;
import org.osgi.service.component.annotations.Component;

/**
 * Classic technical indicators with the usual parameters, each equal to TA-Lib's from TA-Lib's first output on
 * (see {@link Indicators}). Names carry their parameters and an underscore, so they never collide with
 * Alpha158's ({@code ROC10} there is Qlib's inverted ratio, {@code ROC_10} here TA-Lib's percentage).
 */
@Component(service = FactorLibrary.class, property = FactorLibrary.LIBRARY_PROPERTY + "=" + TechnicalLibrary.NAME)
public final class TechnicalLibrary implements FactorLibrary {

    static final String NAME = "technical";

    private static final List<FactorDefinition> DEFINITIONS = List.of(
            define("RSI_14", Indicators.rsi(14), "Wilder's relative strength index of 14 closes, 0..100"),
            define("BB_PCTB_20", Indicators.bollingerPercentB(20, 2),
                    "Bollinger %B: (close - lower band) / (upper - lower), bands SMA(20) ± 2 population std"),
            define("BB_WIDTH_20", Indicators.bollingerBandwidth(20, 2),
                    "Bollinger bandwidth: (upper band - lower band) / SMA(20)"),
            define("MACD_12_26", Indicators.macd(12, 26), "MACD line: EMA(12) - EMA(26) of the close"),
            define("MACD_SIGNAL_9", Indicators.macdSignal(new FactorReference("MACD_12_26"), 9),
                    "MACD signal: EMA(9) of the MACD line"),
            define("MACD_HIST", new FactorReference("MACD_12_26").minus(new FactorReference("MACD_SIGNAL_9")),
                    "MACD histogram: MACD line - signal"),
            define("ATR_14", Indicators.atr(14), "average true range, Wilder-smoothed over 14 bars (price units)"),
            define("ADX_14", Indicators.adx(14), "Wilder's average directional index over 14 bars, 0..100"),
            define("STOCH_K_14", Indicators.sma(Indicators.stochasticFastK(14), 3),
                    "slow stochastic %K: SMA(3) of where the close sits in the 14-bar high-low range, 0..100"),
            define("STOCH_D_14", Indicators.sma(new FactorReference("STOCH_K_14"), 3), "stochastic %D: SMA(3) of %K"),
            define("CCI_20", Indicators.cci(20), "commodity channel index of the typical price over 20 bars"),
            define("WILLR_14", Indicators.williamsR(14), "Williams %R over 14 bars, -100..0"),
            define("OBV", Indicators.obv(), "on-balance volume from the first bar (TA-Lib's start: its volume)"),
            define("MFI_14", Indicators.mfi(14), "money flow index over 14 bars, 0..100"),
            define("ROC_10", Indicators.roc(10), "rate of change over 10 bars, in percent"),
            define("CLOSE_SMA_10", ratio(Indicators.sma(close(), 10)), "close / SMA(10)"),
            define("CLOSE_SMA_20", ratio(Indicators.sma(close(), 20)), "close / SMA(20)"),
            define("CLOSE_SMA_50", ratio(Indicators.sma(close(), 50)), "close / SMA(50)"),
            define("CLOSE_EMA_10", ratio(Indicators.seededEma(close(), 10)),
                    "close / EMA(10) (TA-Lib's SMA-seeded EMA)"),
            define("CLOSE_EMA_20", ratio(Indicators.seededEma(close(), 20)), "close / EMA(20)"),
            define("CLOSE_EMA_50", ratio(Indicators.seededEma(close(), 50)), "close / EMA(50)"));

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<FactorDefinition> definitions() {
        return DEFINITIONS;
    }

    private static FactorDefinition define(String name, Expression expression, String description) {
        return FactorDefinition.of(name, expression, "Technical " + name + ": " + description);
    }

    private static Expression ratio(Expression average) {
        return close().dividedBy(average);
    }

    @Override
    public String toString() {
        return NAME + " (" + DEFINITIONS.size() + " factors)";
    }
}
