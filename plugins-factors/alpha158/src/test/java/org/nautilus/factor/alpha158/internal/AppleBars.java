package org.nautilus.factor.alpha158.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.nautilus.research.internal.expression.BarColumns;

/**
 * Real bars: the Apple daily bars of 2013 that ta4j-examples 0.18 ships (the distribution's samples/), parsed the
 * way the pandas oracle parses them (each decimal text to its nearest double).
 */
final class AppleBars {

    static final String CSV = "appleinc_bars_from_20130101_usd.csv";

    private AppleBars() {
    }

    static BarColumns load() {
        List<double[]> rows = new ArrayList<>();
        InputStream in = AppleBars.class.getClassLoader().getResourceAsStream(CSV);
        if (in == null) {
            throw new IllegalStateException(CSV + " is not on the test classpath (org.ta4j:ta4j-examples:0.18)");
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            reader.readLine(); // date,open,high,low,close,volume
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    String[] cells = line.split(",");
                    double[] row = new double[5];
                    for (int i = 0; i < 5; i++) {
                        row[i] = Double.parseDouble(cells[i + 1]);
                    }
                    rows.add(row);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        double[][] columns = new double[5][rows.size()];
        for (int r = 0; r < rows.size(); r++) {
            for (int f = 0; f < 5; f++) {
                columns[f][r] = rows.get(r)[f];
            }
        }
        return BarColumns.ofOhlcv(columns[0], columns[1], columns[2], columns[3], columns[4]);
    }

    /**
     * The same bars with holes: row i loses its close if i % 17 == 5, volume if i % 23 == 7, high if i % 29 == 11,
     * low if i % 31 == 13, open if i % 37 == 3 (the rule of oracle.py --holes).
     */
    static BarColumns withHoles() {
        BarColumns bars = load();
        for (int i = 0; i < bars.rows(); i++) {
            if (i % 17 == 5) {
                bars.close()[i] = Double.NaN;
            }
            if (i % 23 == 7) {
                bars.volume()[i] = Double.NaN;
            }
            if (i % 29 == 11) {
                bars.high()[i] = Double.NaN;
            }
            if (i % 31 == 13) {
                bars.low()[i] = Double.NaN;
            }
            if (i % 37 == 3) {
                bars.open()[i] = Double.NaN;
            }
        }
        return bars;
    }
}
