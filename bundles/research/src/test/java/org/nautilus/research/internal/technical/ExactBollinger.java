package org.nautilus.research.internal.technical;

import java.math.BigDecimal;
import java.math.MathContext;

/** Bollinger %B and bandwidth in exact decimal arithmetic (40 digits), to tell whose rounding a difference is. */
final class ExactBollinger {

    private static final MathContext DIGITS = new MathContext(40);

    private ExactBollinger() {
    }

    /** %B (or the bandwidth) of the bands SMA(n) ± width × population std of the closes up to {@code row}. */
    static double of(double[] closes, int row, int n, double width, boolean percentB) {
        BigDecimal count = BigDecimal.valueOf(n);
        BigDecimal sum = BigDecimal.ZERO;
        for (int r = row - n + 1; r <= row; r++) {
            sum = sum.add(new BigDecimal(closes[r]));
        }
        BigDecimal mean = sum.divide(count, DIGITS);
        BigDecimal squares = BigDecimal.ZERO;
        for (int r = row - n + 1; r <= row; r++) {
            BigDecimal d = new BigDecimal(closes[r]).subtract(mean);
            squares = squares.add(d.multiply(d));
        }
        BigDecimal std = squares.divide(count, DIGITS).sqrt(DIGITS);
        BigDecimal half = new BigDecimal(width).multiply(std);
        BigDecimal lower = mean.subtract(half);
        BigDecimal bandwidth = half.add(half);
        return percentB
                ? new BigDecimal(closes[row]).subtract(lower).divide(bandwidth, DIGITS).doubleValue()
                : bandwidth.divide(mean, DIGITS).doubleValue();
    }
}
