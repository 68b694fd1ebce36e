package org.nautilus.api.research.expression;

import java.util.Locale;

/** The bar fields an expression reads, written {@code $open}, {@code $high}, ... in expression text. */
public enum BarField {
    OPEN, HIGH, LOW, CLOSE, VOLUME,
    /** Volume-weighted average price; NaN where the data has none (plain OHLCV bars). */
    VWAP;

    /** The name after the {@code $}, e.g. {@code close}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
