package org.nautilus.research.internal.expression;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.nautilus.api.domain.FixedPoint;
import org.nautilus.api.marketdata.Bar;
import org.nautilus.api.research.expression.BarField;

/**
 * One instrument's bars as columns, oldest first: the input of a batch evaluation. Prices and volumes are
 * doubles here (research arrays); a missing value is NaN.
 *
 * @param vwap NaN where the data has no volume-weighted price (plain OHLCV bars)
 */
public record BarColumns(double[] open, double[] high, double[] low, double[] close, double[] volume, double[] vwap) {

    public BarColumns {
        int rows = close.length;
        for (double[] column : new double[][] {open, high, low, volume, vwap}) {
            if (Objects.requireNonNull(column, "column").length != rows) {
                throw new IllegalArgumentException("columns of different lengths: " + column.length + " and " + rows);
            }
        }
    }

    /** Columns without a vwap (it reads NaN). */
    public static BarColumns ofOhlcv(double[] open, double[] high, double[] low, double[] close, double[] volume) {
        double[] vwap = new double[close.length];
        Arrays.fill(vwap, Double.NaN);
        return new BarColumns(open, high, low, close, volume, vwap);
    }

    /** 10^scale of the fixed-point values: exact as a double. */
    private static final double UNIT = Math.pow(10, FixedPoint.SCALE);

    /**
     * The bars' fields as doubles: raw fixed-point value / 10^scale, one correctly rounded division, which is
     * the double nearest the decimal (what parsing the price's text gives) for raw values below 2^53.
     */
    public static BarColumns of(List<Bar> bars) {
        int n = bars.size();
        double[] open = new double[n];
        double[] high = new double[n];
        double[] low = new double[n];
        double[] close = new double[n];
        double[] volume = new double[n];
        for (int i = 0; i < n; i++) {
            Bar bar = bars.get(i);
            open[i] = toDouble(bar.open().raw());
            high[i] = toDouble(bar.high().raw());
            low[i] = toDouble(bar.low().raw());
            close[i] = toDouble(bar.close().raw());
            volume[i] = toDouble(bar.volume().raw());
        }
        return ofOhlcv(open, high, low, close, volume);
    }

    /** One bar's open, high, low, close, volume and vwap (NaN) as doubles, converted as {@link #of} converts them. */
    public static double[] fields(Bar bar) {
        return new double[] {toDouble(bar.open().raw()), toDouble(bar.high().raw()), toDouble(bar.low().raw()),
                toDouble(bar.close().raw()), toDouble(bar.volume().raw()), Double.NaN};
    }

    /** A raw fixed-point price or quantity as a double: the one conversion batch and streaming both use. */
    static double toDouble(long raw) {
        return raw / UNIT;
    }

    public int rows() {
        return close.length;
    }

    public double[] column(BarField field) {
        return switch (field) {
            case OPEN -> open;
            case HIGH -> high;
            case LOW -> low;
            case CLOSE -> close;
            case VOLUME -> volume;
            case VWAP -> vwap;
        };
    }
}
