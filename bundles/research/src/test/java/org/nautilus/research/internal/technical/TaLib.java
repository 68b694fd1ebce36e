package org.nautilus.research.internal.technical;

import com.tictactec.ta.lib.Core;
import com.tictactec.ta.lib.MAType;
import com.tictactec.ta.lib.MInteger;
import com.tictactec.ta.lib.RetCode;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nautilus.research.internal.expression.BarColumns;

/**
 * The reference: TA-Lib's Java port (com.tictactec:ta-lib 0.4.0, default compatibility, no unstable period) over
 * the whole series, each output placed at its bar: NaN before TA-Lib's first output (its lookback).
 */
final class TaLib {

    /** One indicator's values by bar, and the first bar TA-Lib gives a value for. */
    record Series(double[] values, int firstBar) {
    }

    private final Core core = new Core();
    private final BarColumns bars;
    private final int rows;

    TaLib(BarColumns bars) {
        this.bars = bars;
        this.rows = bars.rows();
    }

    /** Every technical factor of the library, by its name, as TA-Lib computes it. */
    Map<String, Series> all() {
        double[] c = bars.close();
        double[] h = bars.high();
        double[] l = bars.low();
        double[] v = bars.volume();
        Map<String, Series> out = new LinkedHashMap<>();
        out.put("RSI_14", one((b, n, o) -> core.rsi(0, rows - 1, c, 14, b, n, o)));

        double[][] bands = new double[3][rows];
        MInteger begin = new MInteger();
        MInteger count = new MInteger();
        check(core.bbands(0, rows - 1, c, 20, 2, 2, MAType.Sma, begin, count, bands[0], bands[1], bands[2]));
        double[] upper = place(bands[0], begin, count);
        double[] middle = place(bands[1], begin, count);
        double[] lower = place(bands[2], begin, count);
        double[] percentB = new double[rows];
        double[] width = new double[rows];
        for (int r = 0; r < rows; r++) {
            percentB[r] = (c[r] - lower[r]) / (upper[r] - lower[r]);
            width[r] = (upper[r] - lower[r]) / middle[r];
        }
        out.put("BB_PCTB_20", new Series(percentB, begin.value));
        out.put("BB_WIDTH_20", new Series(width, begin.value));

        double[][] macd = new double[3][rows];
        check(core.macd(0, rows - 1, c, 12, 26, 9, begin, count, macd[0], macd[1], macd[2]));
        out.put("MACD_12_26", new Series(place(macd[0], begin, count), begin.value));
        out.put("MACD_SIGNAL_9", new Series(place(macd[1], begin, count), begin.value));
        out.put("MACD_HIST", new Series(place(macd[2], begin, count), begin.value));

        out.put("ATR_14", one((b, n, o) -> core.atr(0, rows - 1, h, l, c, 14, b, n, o)));
        out.put("ADX_14", one((b, n, o) -> core.adx(0, rows - 1, h, l, c, 14, b, n, o)));

        double[][] stoch = new double[2][rows];
        check(core.stoch(0, rows - 1, h, l, c, 14, 3, MAType.Sma, 3, MAType.Sma, begin, count, stoch[0], stoch[1]));
        out.put("STOCH_K_14", new Series(place(stoch[0], begin, count), begin.value));
        out.put("STOCH_D_14", new Series(place(stoch[1], begin, count), begin.value));

        out.put("CCI_20", one((b, n, o) -> core.cci(0, rows - 1, h, l, c, 20, b, n, o)));
        out.put("WILLR_14", one((b, n, o) -> core.willR(0, rows - 1, h, l, c, 14, b, n, o)));
        out.put("OBV", one((b, n, o) -> core.obv(0, rows - 1, c, v, b, n, o)));
        out.put("MFI_14", one((b, n, o) -> core.mfi(0, rows - 1, h, l, c, v, 14, b, n, o)));
        out.put("ROC_10", one((b, n, o) -> core.roc(0, rows - 1, c, 10, b, n, o)));
        for (int window : new int[] {10, 20, 50}) {
            out.put("CLOSE_SMA_" + window, closeOver(one((b, n, o) -> core.sma(0, rows - 1, c, window, b, n, o))));
            out.put("CLOSE_EMA_" + window, closeOver(one((b, n, o) -> core.ema(0, rows - 1, c, window, b, n, o))));
        }
        return out;
    }

    @FunctionalInterface
    private interface Call {
        RetCode run(MInteger begin, MInteger count, double[] out);
    }

    private Series one(Call call) {
        MInteger begin = new MInteger();
        MInteger count = new MInteger();
        double[] out = new double[rows];
        check(call.run(begin, count, out));
        return new Series(place(out, begin, count), begin.value);
    }

    private Series closeOver(Series average) {
        double[] ratio = new double[rows];
        for (int r = 0; r < rows; r++) {
            ratio[r] = bars.close()[r] / average.values()[r];
        }
        return new Series(ratio, average.firstBar());
    }

    /** TA-Lib writes output i for bar begin + i: move it there, NaN before. */
    private double[] place(double[] out, MInteger begin, MInteger count) {
        double[] placed = new double[rows];
        Arrays.fill(placed, Double.NaN);
        System.arraycopy(out, 0, placed, begin.value, count.value);
        return placed;
    }

    private static void check(RetCode code) {
        if (code != RetCode.Success) {
            throw new IllegalStateException("TA-Lib: " + code);
        }
    }
}
