package org.nautilus.research.internal.training;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.Consumer;
import org.nautilus.api.marketdata.Bar;
import org.nautilus.api.research.Factor;
import org.nautilus.api.research.LabelledMatrix;
import org.nautilus.api.research.dataset.DataSource;
import org.nautilus.api.research.dataset.DatasetRequest;
import org.nautilus.api.research.dataset.LabelSpec;
import org.nautilus.api.research.dataset.PanelDataset;
import org.nautilus.api.research.expression.Expression;
import org.nautilus.api.research.expression.FactorDefinition;
import org.nautilus.research.internal.dataset.InstrumentHistory;
import org.nautilus.research.internal.dataset.PanelBuilder;
import org.nautilus.research.internal.expression.BarColumns;
import org.nautilus.research.internal.expression.FactorColumns;
import org.nautilus.research.internal.features.CompiledLibrary;
import org.nautilus.research.internal.features.FactorWindows;
import org.nautilus.research.internal.features.PointInTimeSources;

/**
 * A training set as a research panel: one instrument's bars through {@link PanelBuilder} (features at each bar
 * close, the Qlib label {@code close[t+1+h] / close[t+1] - 1}, complete rows only, digest over the request's
 * canonical form and every row), so training, splits and evaluation share one dataset.
 *
 * <p>The feature values are the factor libraries' batch values (bit-identical to what the live feature engine
 * publishes) and the factor plugins over the same window as live; they enter the panel as given columns.
 *
 * @param panel   the panel (feature names there are column-safe: a plugin name like {@code rsi-14} becomes
 *                {@code rsi_14})
 * @param factors the factor names in column order, as the model and serving know them
 */
public record TrainingPanel(PanelDataset panel, List<String> factors) {

    /** Fewer rows than this are not worth training on. */
    static final int MIN_ROWS = 20;

    public TrainingPanel {
        factors = List.copyOf(factors);
    }

    /**
     * Where factor names are found: the compiled libraries by name, then the factor plugins; where the libraries'
     * point-in-time data fields ({@code $eps}, {@code $sentiment}) come from, as the live engine reads them.
     */
    public record Sources(Map<String, CompiledLibrary> libraries, Map<String, Factor> plugins, int window,
            PointInTimeSources pointInTime) {
    }

    /** The whole panel as a labelled matrix, its columns named by the factors. */
    public LabelledMatrix matrix() {
        return named(panel.toMatrix());
    }

    /** The given rows (a split's train or test rows) as a labelled matrix, its columns named by the factors. */
    public LabelledMatrix matrix(int[] rows) {
        return named(panel.toMatrix(rows));
    }

    /** {@code sha256:} and the panel's digest. */
    public String digest() {
        return "sha256:" + panel.digest();
    }

    private LabelledMatrix named(LabelledMatrix data) {
        return new LabelledMatrix(factors, data.targetName(), data.features(), data.targets());
    }

    /**
     * @throws IllegalArgumentException naming unknown factors or libraries, bars that are not one per day, or if
     *                                  fewer than {@value #MIN_ROWS} rows have every value
     */
    public static TrainingPanel build(List<Bar> bars, TrainingSpec spec, Sources sources, Consumer<String> progress) {
        List<String> names = resolve(spec.factors(), sources);
        int n = bars.size();
        Map<CompiledLibrary, FactorColumns> batches = new LinkedHashMap<>();
        BarColumns barColumns = BarColumns.of(bars);
        Map<String, double[]> columns = new LinkedHashMap<>();
        List<FactorDefinition> features = new ArrayList<>();
        for (int c = 0; c < names.size(); c++) {
            String name = names.get(c);
            CompiledLibrary library = libraryOf(name, sources);
            double[] column;
            if (library != null) {
                FactorColumns values = batches.computeIfAbsent(library, l -> {
                    List<Expression> fields = l.program().dataFields();
                    double[][] data = fields.isEmpty() ? null
                            : sources.pointInTime().columns(spec.instrument(), fields,
                                    bars.stream().map(Bar::end).toList());
                    return l.program().newBatch().evaluate(barColumns, data);
                });
                column = values.column(name);
            } else {
                Factor factor = sources.plugins().get(name);
                column = new double[n];
                for (int t = 0; t < n; t++) {
                    OptionalDouble v = FactorWindows.evaluate(factor,
                            FactorWindows.barsFor(factor, bars, t + 1, sources.window()), (f, e) -> {});
                    column[t] = v.isPresent() ? v.getAsDouble() : Double.NaN;
                }
            }
            // A bare column name the history carries is taken as is by the panel builder.
            String key = "feature_" + c;
            columns.put(key, column);
            features.add(new FactorDefinition(columnSafe(name), key, "factor " + name));
        }
        LocalDate[] dates = new LocalDate[n];
        for (int t = 0; t < n; t++) {
            dates[t] = bars.get(t).end().atZone(ZoneOffset.UTC).toLocalDate();
            if (t > 0 && !dates[t].isAfter(dates[t - 1])) {
                throw new IllegalArgumentException("training builds a daily panel: the bars must be one per day, but "
                        + bars.get(t - 1).end() + " and " + bars.get(t).end() + " fall on " + dates[t]
                        + " (interval " + spec.interval() + ")");
            }
        }
        InstrumentHistory history = new InstrumentHistory(spec.instrument(), dates, barColumns, columns);
        DatasetRequest request = new DatasetRequest(new DataSource.Samples(spec.bars().getFileName().toString()),
                features, new LabelSpec(1, 1 + spec.horizon()), List.of(), List.of(), List.of(spec.instrument()),
                spec.from(), spec.to(), true);
        PanelDataset panel;
        try {
            panel = PanelBuilder.build(request, List.of(history), progress);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(n + " bars give no training rows: " + e.getMessage(), e);
        }
        if (panel.rows() < MIN_ROWS) {
            throw new IllegalArgumentException(n + " bars give " + panel.rows() + " rows with every feature and a label"
                    + (spec.from() != null || spec.to() != null ? " between " + spec.from() + " and " + spec.to() : "")
                    + "; at least " + MIN_ROWS + " are needed");
        }
        return new TrainingPanel(panel, names);
    }

    /** A factor name as a feature name of the panel: characters other than letters, digits and _ become _. */
    static String columnSafe(String name) {
        String safe = name.replaceAll("[^A-Za-z0-9_]", "_");
        return Character.isDigit(safe.charAt(0)) ? "_" + safe : safe;
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
}
