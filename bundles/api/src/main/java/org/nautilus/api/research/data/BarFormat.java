package org.nautilus.api.research.data;

import java.util.Locale;

/** The bar file formats the data pipeline reads. */
public enum BarFormat {
    /** CSV with a header naming date (or time), open, high, low, close and optionally volume, in any order. */
    CSV,
    /** One JSON object per line with the same fields: {@code {"time":"2013-01-02","open":553.82,...}}. */
    JSON_LINES,
    /** A Parquet file with the same columns (read through the embedded DuckDB). */
    PARQUET;

    /** Reads {@code csv}, {@code json-lines} (or {@code jsonl}), {@code parquet}. */
    public static BarFormat parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT).replace('-', '_');
        return switch (t) {
            case "csv" -> CSV;
            case "json_lines", "jsonl", "ndjson" -> JSON_LINES;
            case "parquet" -> PARQUET;
            default -> throw new IllegalArgumentException("unknown bar format '" + text
                    + "': use csv, json-lines or parquet");
        };
    }

    /** From the file name's extension ({@code .csv}, {@code .jsonl}/{@code .ndjson}, {@code .parquet}), else CSV. */
    public static BarFormat guess(String fileName) {
        String name = fileName.toLowerCase(Locale.ROOT);
        if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
            return JSON_LINES;
        }
        return name.endsWith(".parquet") ? PARQUET : CSV;
    }
}
