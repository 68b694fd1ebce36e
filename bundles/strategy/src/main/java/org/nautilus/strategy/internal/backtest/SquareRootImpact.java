package org.nautilus.strategy.internal.backtest;

import java.util.HashMap;
import java.util.Map;
import org.nautilus.api.domain.FixedPoint;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.marketdata.Bar;
import org.nautilus.venue.simulated.internal.PriceImpact;

/**
 * The square-root law of market impact for a backtest's taker fills: {@code k × σ × √(q / V) × price}, with q the
 * order's quantity, V the volume of the instrument's last bar and σ the sample standard deviation of its last
 * {@code window} close-to-close simple returns (see {@code BacktestSpec.Slippage}). Fed the bars as the engine
 * releases them, so an order sees only bars that have closed: no look-ahead. No impact until an instrument has two
 * returns and a bar with volume.
 *
 * <p>Fed and asked on the backtest's one thread (the simulated clock runs the venue's matching there).
 */
final class SquareRootImpact implements PriceImpact {

    private final double k;
    private final int window;
    private final Map<InstrumentId, History> histories = new HashMap<>();

    SquareRootImpact(double k, int window) {
        if (!(k > 0) || window < 2) {
            throw new IllegalArgumentException("impact needs k > 0 and a window of at least 2, got " + k + " and "
                    + window);
        }
        this.k = k;
        this.window = window;
    }

    /** A bar has closed: its return and volume count from now on. */
    void onBar(Bar bar) {
        histories.computeIfAbsent(bar.instrumentId(), id -> new History(window))
                .add(toDouble(bar.close().raw()), toDouble(bar.volume().raw()));
    }

    /** σ of the instrument's returns now, NaN without two. */
    double sigma(InstrumentId instrument) {
        History h = histories.get(instrument);
        return h == null ? Double.NaN : h.sigma();
    }

    @Override
    public long of(InstrumentId instrument, long price, long orderQuantity) {
        History h = histories.get(instrument);
        if (h == null || !(h.volume > 0)) {
            return 0;
        }
        double sigma = h.sigma();
        if (Double.isNaN(sigma)) {
            return 0;
        }
        double move = k * sigma * Math.sqrt(toDouble(orderQuantity) / h.volume) * toDouble(price);
        return (long) Math.ceil(move * FixedPoint.ONE);
    }

    private static double toDouble(long raw) {
        return raw / (double) FixedPoint.ONE;
    }

    /** The last {@code window} returns in a ring, the last close and volume. */
    private static final class History {
        final double[] returns;
        int count;
        int next;
        double lastClose = Double.NaN;
        double volume;

        History(int window) {
            returns = new double[window];
        }

        void add(double close, double barVolume) {
            if (!Double.isNaN(lastClose) && lastClose > 0) {
                returns[next] = close / lastClose - 1;
                next = (next + 1) % returns.length;
                count = Math.min(count + 1, returns.length);
            }
            lastClose = close;
            volume = barVolume;
        }

        /** Sample standard deviation (n − 1) of the returns held, summed in ring order from the oldest. */
        double sigma() {
            if (count < 2) {
                return Double.NaN;
            }
            int start = count < returns.length ? 0 : next;
            double sum = 0;
            for (int i = 0; i < count; i++) {
                sum += returns[(start + i) % returns.length];
            }
            double mean = sum / count;
            double squares = 0;
            for (int i = 0; i < count; i++) {
                double d = returns[(start + i) % returns.length] - mean;
                squares += d * d;
            }
            return Math.sqrt(squares / (count - 1));
        }
    }
}
