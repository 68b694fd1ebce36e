package org.nautilus.factor.technical.internal;

import static org.nautilus.api.research.expression.Expression.close;
import static org.nautilus.api.research.expression.Expression.constant;
import static org.nautilus.api.research.expression.Expression.high;
import static org.nautilus.api.research.expression.Expression.low;
import static org.nautilus.api.research.expression.Expression.volume;

import org.nautilus.api.research.expression.Binary;
import org.nautilus.api.research.expression.BinaryOperator;
import org.nautilus.api.research.expression.Conditional;
import org.nautilus.api.research.expression.Expression;
import org.nautilus.api.research.expression.RollingOperator;
import org.nautilus.api.research.expression.Unary;
import org.nautilus.api.research.expression.UnaryOperator;

/**
 * The technical indicators as expressions, each written the way TA-Lib 0.4 computes it (its formulas, its
 * seeds, the order of its arithmetic where that is free, and its 0 where a denominator vanishes: a flat stretch),
 * so that from TA-Lib's first output on the values are TA-Lib's. Before that row an expression may already have
 * a value (partial windows) where TA-Lib has none.
 */
final class Indicators {

    private Indicators() {
    }

    /** RSI: 100 × average gain / (average gain + average loss), both Wilder-smoothed; TA-Lib's lookback n. */
    static Expression rsi(int n) {
        Expression change = close().minus(close().ref(1));
        Expression gain = wilder(greater(change, constant(0)), n);
        Expression loss = wilder(greater(close().ref(1).minus(close()), constant(0)), n);
        Expression total = gain.plus(loss);
        // TA_IS_ZERO: |x| < 1e-8
        return zeroWhere(lt(abs(total), constant(1e-8)), constant(100).times(gain.dividedBy(total)));
    }

    /** Bollinger %B: where the close sits between the bands of {@code width} population standard deviations. */
    static Expression bollingerPercentB(int n, double width) {
        Expression lower = bollingerBand(n, -width);
        return close().minus(lower).dividedBy(bollingerBand(n, width).minus(lower));
    }

    /** Bollinger bandwidth: (upper - lower) / middle. */
    static Expression bollingerBandwidth(int n, double width) {
        return bollingerBand(n, width).minus(bollingerBand(n, -width)).dividedBy(sma(close(), n));
    }

    /** TA-Lib's band: SMA ± width × the population standard deviation (Std is the sample one: rescaled). */
    private static Expression bollingerBand(int n, double width) {
        Expression populationStd = close().rolling(RollingOperator.STD, n).times(constant(Math.sqrt((n - 1.0) / n)));
        return sma(close(), n).plus(constant(width).times(populationStd));
    }

    /**
     * The MACD line, fast EMA - slow EMA. TA-Lib starts both EMAs on the same bar, {@code slow - 1}: the fast one
     * is seeded with the mean of the {@code fast} closes up to there, not of the first {@code fast} closes.
     */
    static Expression macd(int fast, int slow) {
        Expression lateCloses = startingAt(slow - fast, close());
        return seededEma(lateCloses, fast).minus(seededEma(close(), slow));
    }

    /** The MACD signal line: TA-Lib's EMA of the MACD line, seeded on its first {@code signal} values. */
    static Expression macdSignal(Expression macd, int signal) {
        return seededEma(macd, signal);
    }

    /** ATR: Wilder's average of the true range, from bar 1 (bar 0 has no previous close); lookback n. */
    static Expression atr(int n) {
        return wilder(trueRange(), n);
    }

    /**
     * ADX. TA-Lib smooths +DM, -DM and the true range as Wilder sums seeded with the sum of bars 1..n-1, which
     * is a Wilder average seeded with bars 0..n-1 where bar 0 counts 0 (sum / n, and DI is a ratio); its first
     * DX is at bar n, and the ADX is Wilder's average of n DXs, first at bar 2n-1. Not replicated: TA-Lib skips a
     * DX where the smoothed range or the DI sum is below 1e-8, which takes hundreds of flat bars.
     */
    static Expression adx(int n) {
        Expression upMove = high().minus(high().ref(1));
        Expression downMove = low().ref(1).minus(low());
        // TA-Lib: -DM if the down move is positive and larger, else +DM if the up move is positive and larger; bar 0
        // (no previous bar: the comparisons with NaN are false) counts 0.
        Expression minusDm = new Conditional(and(gt(downMove, constant(0)), lt(upMove, downMove)), downMove,
                constant(0));
        Expression plusDm = new Conditional(and(gt(upMove, constant(0)), gt(upMove, downMove)), upMove, constant(0));
        Expression range = new Conditional(gt(close().ref(1), constant(0)), trueRange(), constant(0));
        Expression smoothedRange = wilder(range, n);
        Expression minusDi = constant(100).times(wilder(minusDm, n).dividedBy(smoothedRange));
        Expression plusDi = constant(100).times(wilder(plusDm, n).dividedBy(smoothedRange));
        Expression dx = constant(100).times(abs(minusDi.minus(plusDi)).dividedBy(minusDi.plus(plusDi)));
        return wilder(startingAt(n, dx), n);
    }

    /** Stochastic fast %K: where the close sits in the n-bar range, 0..100, in TA-Lib's arithmetic. */
    static Expression stochasticFastK(int n) {
        Expression lowest = low().rolling(RollingOperator.MIN, n);
        Expression highest = high().rolling(RollingOperator.MAX, n);
        Expression range = highest.minus(lowest).dividedBy(constant(100));
        return zeroWhere(eq(range, constant(0)), close().minus(lowest).dividedBy(range));
    }

    /** CCI: (typical price - its SMA) / (0.015 × its mean deviation from that SMA). */
    static Expression cci(int n) {
        Expression typical = typicalPrice();
        Expression fromMean = typical.minus(sma(typical, n));
        Expression deviation = typical.rolling(RollingOperator.MEAN_DEVIATION, n);
        return zeroWhere(new Binary(BinaryOperator.OR, eq(fromMean, constant(0)), eq(deviation, constant(0))),
                fromMean.dividedBy(constant(0.015).times(deviation)));
    }

    /** Williams %R: -100 × (highest high - close) / (highest high - lowest low), in TA-Lib's arithmetic. */
    static Expression williamsR(int n) {
        Expression highest = high().rolling(RollingOperator.MAX, n);
        Expression lowest = low().rolling(RollingOperator.MIN, n);
        Expression range = highest.minus(lowest).times(constant(-0.01));
        return zeroWhere(eq(range, constant(0)), highest.minus(close()).dividedBy(range));
    }

    /**
     * OBV: the running total of the volume, added on an up close, subtracted on a down close. TA-Lib starts it at
     * the first bar's volume: that bar, with no previous close, counts as up.
     */
    static Expression obv() {
        Expression previous = close().ref(1);
        Expression signed = new Conditional(lt(close(), previous), new Unary(UnaryOperator.NEG, volume()),
                new Conditional(new Binary(BinaryOperator.EQ, close(), previous), constant(0), volume()));
        return new Unary(UnaryOperator.CUMSUM, signed);
    }

    /** MFI: 100 × positive money flow / total money flow over n bars (flow = typical price × volume). */
    static Expression mfi(int n) {
        Expression typical = typicalPrice();
        Expression flow = typical.times(volume());
        Expression positive = sum(new Conditional(gt(typical, typical.ref(1)), flow, constant(0)), n);
        Expression negative = sum(new Conditional(lt(typical, typical.ref(1)), flow, constant(0)), n);
        Expression total = positive.plus(negative);
        return zeroWhere(lt(total, constant(1)), constant(100).times(positive.dividedBy(total)));
    }

    /** ROC: (close / close n bars ago - 1) × 100. */
    static Expression roc(int n) {
        Expression before = close().ref(n);
        return zeroWhere(eq(before, constant(0)), close().dividedBy(before).minus(constant(1)).times(constant(100)));
    }

    static Expression sma(Expression x, int n) {
        return x.rolling(RollingOperator.MEAN, n);
    }

    static Expression seededEma(Expression x, int n) {
        return x.rolling(RollingOperator.SEEDED_EMA, n);
    }

    // ---- parts ----

    /** TA-Lib's true range: the largest of high - low, |high - previous close|, |low - previous close|; NaN on bar 0. */
    private static Expression trueRange() {
        Expression previousClose = close().ref(1);
        return greater(greater(high().minus(low()), abs(high().minus(previousClose))), abs(low().minus(previousClose)));
    }

    /** (high + low + close) / 3, summed in TA-Lib's order. */
    private static Expression typicalPrice() {
        return high().plus(low()).plus(close()).dividedBy(constant(3));
    }

    /**
     * {@code x} from bar {@code bar} on, NaN before: where TA-Lib begins a computation later than its inputs allow.
     * Adding 0 × (a close {@code bar} bars ago) is exact where that close exists and NaN where it does not.
     */
    private static Expression startingAt(int bar, Expression x) {
        return x.plus(constant(0).times(close().ref(bar)));
    }

    /** TA-Lib's guard: 0 where {@code condition} holds (a vanishing denominator), else {@code value}. */
    private static Expression zeroWhere(Expression condition, Expression value) {
        return new Conditional(condition, constant(0), value);
    }

    private static Expression wilder(Expression x, int n) {
        return x.rolling(RollingOperator.WILDER, n);
    }

    private static Expression sum(Expression x, int n) {
        return x.rolling(RollingOperator.SUM, n);
    }

    private static Expression greater(Expression a, Expression b) {
        return new Binary(BinaryOperator.GREATER, a, b);
    }

    private static Expression abs(Expression x) {
        return new Unary(UnaryOperator.ABS, x);
    }

    private static Binary and(Expression a, Expression b) {
        return new Binary(BinaryOperator.AND, a, b);
    }

    private static Binary gt(Expression a, Expression b) {
        return new Binary(BinaryOperator.GT, a, b);
    }

    private static Binary eq(Expression a, Expression b) {
        return new Binary(BinaryOperator.EQ, a, b);
    }

    private static Binary lt(Expression a, Expression b) {
        return new Binary(BinaryOperator.LT, a, b);
    }
}
