package org.nautilus.research.internal.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.marketdata.Bar;
import org.nautilus.research.internal.data.BarFileException;
import org.nautilus.research.internal.data.CsvBarReader;

/** Test bars. */
public final class Bars {

    public static final String APPLE_CSV = "appleinc_bars_from_20130101_usd.csv";
    public static final Instant T0 = Instant.parse("2024-01-02T14:30:00Z");

    private Bars() {
    }

    /** One-minute bars with these closes (open = high = low = close). */
    public static List<Bar> ofCloses(InstrumentId instrument, Instant start, double... closes) {
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < closes.length; i++) {
            bars.add(bar(instrument, start.plus(Duration.ofMinutes(i)), closes[i]));
        }
        return bars;
    }

    public static Bar bar(InstrumentId instrument, Instant start, double close) {
        Price price = Price.of(String.format(Locale.ROOT, "%.4f", close));
        return new Bar(instrument, start, start.plus(Duration.ofMinutes(1)), price, price, price, price,
                Quantity.ofWhole(10));
    }

    /** The Apple daily bars of 2013 that ta4j-examples 0.18 ships (and the distribution ships as samples/). */
    public static Reader appleCsv() {
        InputStream in = Bars.class.getClassLoader().getResourceAsStream(APPLE_CSV);
        if (in == null) {
            throw new IllegalStateException(APPLE_CSV + " is not on the test classpath (org.ta4j:ta4j-examples:0.18)");
        }
        return new InputStreamReader(in, StandardCharsets.UTF_8);
    }

    public static List<Bar> apple() {
        try (Reader in = appleCsv()) {
            return CsvBarReader.read(in, APPLE_CSV, InstrumentId.of("AAPL"), Duration.ofDays(1));
        } catch (IOException | BarFileException e) {
            throw new IllegalStateException(e);
        }
    }
}
