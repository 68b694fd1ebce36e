package org.nautilus.routes.internal.data;

import java.util.Locale;

/** What a data connector reads. */
enum DataKind {
    /** OHLCV bars: CSV, JSON lines or Parquet, checked, optionally back-adjusted for corporate actions. */
    BARS,
    /** Fundamentals CSV: instrument,period_end,published,field,value, restatements as further rows. */
    FUNDAMENTALS,
    /** News or social items, JSON lines: time, instruments, source, text. */
    NEWS;

    static DataKind parse(String text) {
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown data kind '" + text + "': use bars, fundamentals or news");
        }
    }
}
