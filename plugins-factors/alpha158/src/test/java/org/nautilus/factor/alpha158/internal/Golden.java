package org.nautilus.factor.alpha158.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nautilus.api.research.expression.FactorDefinition;

/**
 * Golden values written by the pandas oracle ({@code src/test/python/oracle.py}); regenerate them with
 * {@code src/test/python/regenerate.sh} (needs Debian's python3-pandas; the tests themselves need no Python).
 */
final class Golden {

    private Golden() {
    }

    /** Column name to values, in file order (the first column, the date, left out). */
    static Map<String, double[]> read(String resource) {
        InputStream in = Golden.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException(resource + " is missing; run src/test/python/regenerate.sh");
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String[] header = reader.readLine().split(",");
            List<double[]> rows = new ArrayList<>();
            String line;
            while ((line = reader.readLine()) != null) {
                String[] cells = line.split(",");
                double[] row = new double[header.length - 1];
                for (int c = 1; c < header.length; c++) {
                    row[c - 1] = Double.parseDouble(cells[c]);
                }
                rows.add(row);
            }
            Map<String, double[]> columns = new LinkedHashMap<>();
            for (int c = 1; c < header.length; c++) {
                double[] column = new double[rows.size()];
                for (int r = 0; r < rows.size(); r++) {
                    column[r] = rows.get(r)[c - 1];
                }
                columns.put(header[c], column);
            }
            return columns;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A tsv of name, expression (with a header), as the oracle reads it. */
    static List<FactorDefinition> definitions(String resource) {
        InputStream in = Golden.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException(resource + " is missing");
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            reader.readLine();
            return reader.lines().filter(l -> !l.isBlank()).map(l -> l.split("\t"))
                    .map(cells -> new FactorDefinition(cells[0], cells[1], "")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Equal within 1e-9 (absolute below 1, relative above), or both NaN, or the same infinity. */
    static boolean close(double actual, double expected) {
        if (Double.isNaN(expected) || Double.isNaN(actual) || Double.isInfinite(expected)) {
            return Double.compare(actual, expected) == 0 || Double.isNaN(actual) && Double.isNaN(expected);
        }
        return Math.abs(actual - expected) <= 1e-9 * Math.max(1.0, Math.abs(expected));
    }

    /** A description of the rows where {@code actual} differs from {@code expected}, or null if none. */
    static String differences(String name, double[] actual, double[] expected) {
        if (actual.length != expected.length) {
            return name + ": " + actual.length + " rows against " + expected.length;
        }
        List<String> rows = new ArrayList<>();
        for (int r = 0; r < actual.length; r++) {
            if (!close(actual[r], expected[r])) {
                rows.add("row " + r + ": " + actual[r] + " vs " + expected[r]);
            }
        }
        if (rows.isEmpty()) {
            return null;
        }
        return name + " differs in " + rows.size() + " rows, first " + rows.subList(0, Math.min(3, rows.size()));
    }

    /** The largest difference over rows where both are finite, relative where |expected| > 1 (as {@link #close}). */
    static double largestDifference(double[] actual, double[] expected) {
        double largest = 0;
        for (int r = 0; r < actual.length; r++) {
            if (Double.isFinite(actual[r]) && Double.isFinite(expected[r])) {
                largest = Math.max(largest, Math.abs(actual[r] - expected[r]) / Math.max(1.0, Math.abs(expected[r])));
            }
        }
        return largest;
    }
}
