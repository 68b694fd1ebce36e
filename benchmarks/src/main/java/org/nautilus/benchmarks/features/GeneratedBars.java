package org.nautilus.benchmarks.features;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.marketdata.Bar;
import org.nautilus.research.internal.expression.BarColumns;

/**
 * GENERATED daily OHLCV bars (not market data): a seeded geometric random walk per instrument with an opening
 * gap, an intraday range around open and close, and a log-normal volume. Same seed, same bars. Only for measuring
 * speed; its values mean nothing.
 */
public final class GeneratedBars {

    private GeneratedBars() {
    }

    public static BarColumns instrument(long seed, int days) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] open = new double[days];
        double[] high = new double[days];
        double[] low = new double[days];
        double[] close = new double[days];
        double[] volume = new double[days];
        double last = 20 + random.nextDouble() * 480;
        double drift = (random.nextDouble() - 0.5) * 0.001;
        double volatility = 0.01 + random.nextDouble() * 0.03;
        double averageVolume = Math.exp(12 + random.nextDouble() * 4);
        for (int d = 0; d < days; d++) {
            double o = last * Math.exp(gaussian(random) * volatility * 0.3);
            double c = o * Math.exp(drift + gaussian(random) * volatility);
            double h = Math.max(o, c) * (1 + Math.abs(gaussian(random)) * volatility * 0.5);
            double l = Math.min(o, c) * (1 - Math.abs(gaussian(random)) * volatility * 0.5);
            open[d] = cents(o);
            close[d] = cents(c);
            high[d] = Math.max(cents(h), Math.max(open[d], close[d]));
            low[d] = Math.min(cents(l), Math.min(open[d], close[d]));
            volume[d] = Math.round(averageVolume * Math.exp(gaussian(random) * 0.5));
            last = c;
        }
        return BarColumns.ofOhlcv(open, high, low, close, volume);
    }

    /** The columns as {@link Bar}s of one instrument, daily from 2010-01-04 14:30 UTC (exact decimal prices). */
    public static List<Bar> bars(InstrumentId instrument, BarColumns columns) {
        List<Bar> bars = new ArrayList<>(columns.rows());
        Instant start = Instant.parse("2010-01-04T14:30:00Z");
        for (int d = 0; d < columns.rows(); d++) {
            Instant open = start.plus(Duration.ofDays(d));
            bars.add(new Bar(instrument, open, open.plus(Duration.ofDays(1)), price(columns.open()[d]),
                    price(columns.high()[d]), price(columns.low()[d]), price(columns.close()[d]),
                    Quantity.of(BigDecimal.valueOf((long) columns.volume()[d]))));
        }
        return bars;
    }

    private static Price price(double value) {
        return Price.of(BigDecimal.valueOf(value));
    }

    private static double cents(double price) {
        return Math.round(price * 100) / 100.0;
    }

    /** Box-Muller, so the bars depend on the seed alone (not on a JDK's nextGaussian). */
    private static double gaussian(SplittableRandom random) {
        double u = 1.0 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
