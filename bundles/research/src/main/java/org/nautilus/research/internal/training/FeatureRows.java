package org.nautilus.research.internal.training;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.nautilus.api.marketdata.Bar;
import org.nautilus.api.research.Dataset;
import org.nautilus.api.research.Factor;
import org.nautilus.research.internal.expression.BarColumns;
import org.nautilus.research.internal.expression.FactorColumns;
import org.nautilus.research.internal.features.CompiledLibrary;
import org.nautilus.research.internal.features.FactorWindows;

/**
 * A training set from one instrument's bars: the features at each bar close (the factor libraries' batch values,
 * bit-identical to what the live feature engine publishes, and the factor plugins over the same window as live)
 * and the forward-return label; only rows where every feature and the label are defined, in time order.
 *
 * @param dataset the rows
 * @param times   each row's bar close
 * @param digest  {@code sha256:...} of the feature names, label name, every value and label (bits)
 */
public record FeatureRows(Dataset dataset, Instant[] times, String digest) {

    /** Where factor names are found: the compiled libraries by name, then the factor plugins. */
    public record Sources(Map<String, CompiledLibrary> libraries, Map<String, Factor> plugins, int window) {
    }

    /**
     * @throws IllegalArgumentException naming unknown factors or libraries, or if no row has every value
     */
    public static FeatureRows build(List<Bar> bars, TrainingSpec spec, Sources sources) {
        List<String> names = resolve(spec.factors(), sources);
        int n = bars.size();
        Map<String, double[]> columns = new LinkedHashMap<>();
        Map<CompiledLibrary, FactorColumns> batches = new LinkedHashMap<>();
        BarColumns barColumns = BarColumns.of(bars);
        for (String name : names) {
            CompiledLibrary library = libraryOf(name, sources);
            if (library != null) {
                FactorColumns values = batches.computeIfAbsent(library, l -> l.program().newBatch().evaluate(barColumns));
                columns.put(name, values.column(name));
            } else {
                Factor factor = sources.plugins().get(name);
                double[] column = new double[n];
                for (int t = 0; t < n; t++) {
                    OptionalDouble v = FactorWindows.evaluate(factor,
                            FactorWindows.barsFor(factor, bars, t + 1, sources.window()), (f, e) -> { });
                    column[t] = v.isPresent() ? v.getAsDouble() : Double.NaN;
                }
                columns.put(name, column);
            }
        }
        List<double[]> rows = new ArrayList<>();
        List<Double> labels = new ArrayList<>();
        List<Instant> times = new ArrayList<>();
        int h = spec.horizon();
        for (int t = 0; t + 1 + h < n; t++) {
            Instant end = bars.get(t).end();
            var date = end.atZone(ZoneOffset.UTC).toLocalDate();
            if ((spec.from() != null && date.isBefore(spec.from())) || (spec.to() != null && date.isAfter(spec.to()))) {
                continue;
            }
            long entry = bars.get(t + 1).close().raw();
            if (entry <= 0) {
                continue;
            }
            double[] row = new double[names.size()];
            boolean complete = true;
            for (int c = 0; c < row.length && complete; c++) {
                row[c] = columns.get(names.get(c))[t];
                complete = Double.isFinite(row[c]);
            }
            if (complete) {
                rows.add(row);
                // Same scale on both sides: the ratio of raw fixed-point values is the ratio of the prices.
                labels.add((double) bars.get(t + 1 + h).close().raw() / entry - 1.0);
                times.add(end);
            }
        }
        if (rows.size() < 20) {
            throw new IllegalArgumentException(n + " bars give " + rows.size() + " rows with every feature and a label"
                    + (spec.from() != null || spec.to() != null ? " between " + spec.from() + " and " + spec.to() : "")
                    + "; at least 20 are needed");
        }
        double[] y = labels.stream().mapToDouble(Double::doubleValue).toArray();
        Dataset dataset = new Dataset(names, spec.labelName(), rows.toArray(new double[0][]), y);
        return new FeatureRows(dataset, times.toArray(new Instant[0]), digest(dataset));
    }

    /** The feature names in the spec's order, libraries expanded; unknown names are refused all at once. */
    static List<String> resolve(List<String> factors, Sources sources) {
        List<String> names = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (String factor : factors) {
            if (factor.startsWith("library:")) {
                CompiledLibrary library = sources.libraries().get(factor.substring("library:".length()));
                if (library == null) {
                    unknown.add(factor + " (libraries: " + sources.libraries().keySet() + ")");
                } else {
                    library.infos().forEach(info -> addOnce(names, info.name()));
                }
            } else if (libraryOf(factor, sources) != null || sources.plugins().containsKey(factor)) {
                addOnce(names, factor);
            } else {
                unknown.add(factor);
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown factors " + unknown + " (nautilus:factors lists them)");
        }
        return names;
    }

    private static void addOnce(List<String> names, String name) {
        if (!names.contains(name)) {
            names.add(name);
        }
    }

    private static CompiledLibrary libraryOf(String name, Sources sources) {
        for (CompiledLibrary library : sources.libraries().values()) {
            if (library.infos().stream().anyMatch(info -> info.name().equals(name))) {
                return library;
            }
        }
        return null;
    }

    static String digest(Dataset data) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(String.join("\n", data.featureNames()).getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(data.targetName().getBytes(StandardCharsets.UTF_8));
            ByteBuffer buffer = ByteBuffer.allocate(8 * (data.featureNames().size() + 1));
            for (int i = 0; i < data.rows(); i++) {
                buffer.clear();
                for (double v : data.features()[i]) {
                    buffer.putLong(Double.doubleToRawLongBits(v));
                }
                buffer.putLong(Double.doubleToRawLongBits(data.targets()[i]));
                sha.update(buffer.array(), 0, buffer.position());
            }
            return "sha256:" + HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256 in this JVM", e);
        }
    }
}
