package org.nautilus.routes.internal.replay;

import java.util.Locale;

/** The file formats a replay reads. */
public enum ReplayFormat {
    /** CSV of trades with a header naming the columns: a time, a price and a size (and optionally a symbol). */
    TRADES_CSV,
    /** CSV of bars with a header: a date or time (the bar's start), open, high, low, close, volume. */
    BARS_CSV,
    /** A JSON document with an {@code ohlc} array of bars ({@code endTime}, {@code openPrice}, ...), as ta4j writes. */
    BARS_JSON,
    /** One JSON object per line: {@code {"type":"trade"|"quote"|"bar", "symbol":..., ...}}. */
    JSON_LINES,
    /** The text lines of {@code nautilus:marketdata}: {@code Q,SYMBOL,BID,BIDSIZE,ASK,ASKSIZE,TIME} / {@code T,...}. */
    LINES;

    /**
     * Reads {@code trades-csv}, {@code bars-csv}, {@code bars-json}, {@code json-lines}/{@code jsonl}, {@code lines}.
     */
    public static ReplayFormat parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT).replace('-', '_');
        if (t.equals("jsonl")) {
            return JSON_LINES;
        }
        try {
            return valueOf(t.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown replay format '" + text
                    + "': use trades-csv, bars-csv, bars-json, json-lines or lines");
        }
    }

    /** A guess from the file name: {@code *.jsonl} json-lines, {@code *.json} bars-json, else null. */
    static ReplayFormat guess(String fileName) {
        String name = fileName.toLowerCase(Locale.ROOT);
        if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
            return JSON_LINES;
        }
        if (name.endsWith(".json")) {
            return BARS_JSON;
        }
        return null;
    }
}
