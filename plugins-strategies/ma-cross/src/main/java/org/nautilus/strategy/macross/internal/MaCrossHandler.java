package org.nautilus.strategy.macross.internal;

import java.util.HashMap;
import java.util.Map;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.marketdata.Bar;
import org.nautilus.api.strategy.StrategyContext;
import org.nautilus.api.strategy.StrategyHandler;
import org.nautilus.api.strategy.StrategyParameters;

/** One run of the MA crossover: per instrument, the closes it needs and the signal of the last bar. */
final class MaCrossHandler implements StrategyHandler {

    /** The parameters, checked once. */
    record Settings(int fast, int slow, int rsiPeriod, double rsiMax, Quantity quantity, boolean allowShort) {
        Settings {
            if (fast < 1 || slow <= fast) {
                throw new IllegalArgumentException("need 1 <= fast < slow, got fast " + fast + ", slow " + slow);
            }
            if (rsiPeriod < 1) {
                throw new IllegalArgumentException("rsi.period must be at least 1, got " + rsiPeriod);
            }
            if (!quantity.isPositive()) {
                throw new IllegalArgumentException("quantity must be positive, got " + quantity);
            }
        }

        static Settings of(StrategyParameters p) {
            return new Settings(p.integer("fast", 10), p.integer("slow", 30), p.integer("rsi.period", 14),
                    p.decimal("rsi.max", "70").doubleValue(), Quantity.of(p.text("quantity", "100")),
                    p.flag("allow.short", false));
        }
    }

    private final StrategyContext context;
    private final Settings settings;
    private final Map<InstrumentId, Signals> signals = new HashMap<>();

    MaCrossHandler(StrategyContext context, Settings settings) {
        this.context = context;
        this.settings = settings;
    }

    @Override
    public void onBar(Bar bar) {
        Signals s = signals.computeIfAbsent(bar.instrumentId(), k -> new Signals(settings));
        s.add(bar.close().toBigDecimal().doubleValue());
        if (!s.ready()) {
            return;
        }
        InstrumentId instrument = bar.instrumentId();
        for (Order open : context.openOrders()) {
            if (open.instrumentId().equals(instrument)) {
                return; // the last order is still working: decide again on the next bar
            }
        }
        Quantity held = context.position(instrument).quantity();
        Quantity target = held;
        if (s.fastAverage() > s.slowAverage()) {
            if (!held.isPositive() && s.rsi() < settings.rsiMax()) {
                target = settings.quantity();
            }
        } else if (s.fastAverage() < s.slowAverage()) {
            target = settings.allowShort() ? settings.quantity().negate() : Quantity.ZERO;
        }
        Quantity trade = target.minus(held);
        if (!trade.isZero()) {
            context.market(instrument, trade);
        }
    }

    /** Rolling closes: the two averages and Wilder's RSI, O(1) per bar. */
    static final class Signals {
        private final double[] closes;
        private final int fast;
        private final int rsiPeriod;
        private int count;
        private double fastSum;
        private double slowSum;
        private double averageGain;
        private double averageLoss;
        private double previous = Double.NaN;
        private int changes;

        Signals(Settings settings) {
            this.closes = new double[settings.slow()];
            this.fast = settings.fast();
            this.rsiPeriod = settings.rsiPeriod();
        }

        void add(double close) {
            int slow = closes.length;
            if (count >= slow) {
                slowSum -= closes[count % slow];
            }
            if (count >= fast) {
                fastSum -= closes[(count - fast) % slow];
            }
            closes[count % slow] = close;
            slowSum += close;
            fastSum += close;
            count++;
            if (!Double.isNaN(previous)) {
                double change = close - previous;
                double gain = Math.max(change, 0);
                double loss = Math.max(-change, 0);
                changes++;
                if (changes <= rsiPeriod) {
                    // The first average is the plain mean of the first rsi.period changes.
                    averageGain += gain / rsiPeriod;
                    averageLoss += loss / rsiPeriod;
                } else {
                    averageGain = (averageGain * (rsiPeriod - 1) + gain) / rsiPeriod;
                    averageLoss = (averageLoss * (rsiPeriod - 1) + loss) / rsiPeriod;
                }
            }
            previous = close;
        }

        boolean ready() {
            return count >= closes.length && changes >= rsiPeriod;
        }

        double fastAverage() {
            return fastSum / fast;
        }

        double slowAverage() {
            return slowSum / closes.length;
        }

        /** Wilder's RSI: 100 − 100 / (1 + average gain / average loss); 100 with no loss. */
        double rsi() {
            return averageLoss == 0 ? 100 : 100 - 100 / (1 + averageGain / averageLoss);
        }
    }
}
