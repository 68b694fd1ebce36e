package org.nautilus.research.internal.dataset;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.research.dataset.DatasetRequest;
import org.nautilus.api.research.dataset.LabelSpec;
import org.nautilus.api.research.dataset.PanelDataset;
import org.nautilus.api.research.dataset.Processing;
import org.nautilus.api.research.expression.Expression;
import org.nautilus.api.research.expression.FactorDefinition;
import org.nautilus.api.research.store.Fundamental;
import org.nautilus.research.internal.expression.FactorColumns;
import org.nautilus.research.internal.expression.FactorGraph;
import org.nautilus.research.internal.expression.FactorProgram;
import org.nautilus.research.internal.expression.PointInTimeFields;
import org.nautilus.research.internal.generated.GeneratedUniverse;
import org.nautilus.research.internal.stats.CrossSection;

/**
 * Builds a {@link PanelDataset} point in time from instrument histories: each feature computed over the
 * instrument's own bars (the batch form of the expression engine, so a value at t reads bars up to t only), the
 * label from its own later closes, then rows grouped by date, filtered, processed cross-sectionally per date and
 * digested.
 *
 * <p>A feature whose expression is a bare column name the histories carry (e.g. {@code planted_1}) takes that
 * column as is; every other feature is compiled as an expression.
 */
public final class PanelBuilder {

    private static final Pattern COLUMN = Pattern.compile("[a-z][a-z0-9_]*");

    private PanelBuilder() {
    }

    public static PanelDataset build(DatasetRequest request, List<InstrumentHistory> histories,
            Consumer<String> progress) {
        return build(request, List.of(), histories, progress);
    }

    /**
     * @param context further definitions the features may refer to by name (e.g. the rest of their library); they
     *                are computed only where a feature needs them
     */
    public static PanelDataset build(DatasetRequest request, List<FactorDefinition> context,
            List<InstrumentHistory> histories, Consumer<String> progress) {
        List<InstrumentHistory> selected = select(request, histories);
        List<FactorDefinition> features = request.features();
        int f = features.size();
        // Which features are given columns, which are expressions.
        List<FactorDefinition> expressions = new ArrayList<>();
        String[] givenColumn = new String[f];
        for (int c = 0; c < f; c++) {
            String text = features.get(c).expression().strip();
            if (COLUMN.matcher(text).matches() && selected.get(0).columns().containsKey(text)) {
                givenColumn[c] = text;
            } else {
                expressions.add(features.get(c));
            }
        }
        FactorProgram program = expressions.isEmpty() ? null : compile(expressions, context);

        TreeSet<LocalDate> allDates = new TreeSet<>();
        for (InstrumentHistory history : selected) {
            allDates.addAll(Arrays.asList(history.dates()));
        }
        LocalDate[] calendar = allDates.toArray(new LocalDate[0]);
        LabelSpec label = request.label();

        // Per instrument: feature columns, labels and the calendar index of each kept row.
        int instruments = selected.size();
        double[][][] featureColumns = new double[instruments][][];
        double[][] labels = new double[instruments][];
        int[][] dateIndex = new int[instruments][];
        int[][] labelEnd = new int[instruments][];
        int[] count = new int[calendar.length];
        int done = 0;
        for (int i = 0; i < instruments; i++) {
            InstrumentHistory history = selected.get(i);
            FactorColumns computed = program == null ? null
                    : program.newBatch().evaluate(history.bars(), dataColumns(program, history));
            int rows = history.dates().length;
            double[][] columns = new double[f][];
            for (int c = 0; c < f; c++) {
                columns[c] = givenColumn[c] != null ? history.columns().get(givenColumn[c])
                        : computed.column(features.get(c).name());
            }
            featureColumns[i] = columns;
            double[] close = history.bars().close();
            labels[i] = new double[rows];
            dateIndex[i] = new int[rows];
            labelEnd[i] = new int[rows];
            for (int t = 0; t < rows; t++) {
                LocalDate date = history.dates()[t];
                dateIndex[i][t] = Arrays.binarySearch(calendar, date);
                boolean inRange = (request.from() == null || !date.isBefore(request.from()))
                        && (request.to() == null || !date.isAfter(request.to()));
                double y = Double.NaN;
                if (inRange && t + label.to() < rows && close[t + label.from()] > 0) {
                    y = close[t + label.to()] / close[t + label.from()] - 1;
                    labelEnd[i][t] = (int) history.dates()[t + label.to()].toEpochDay();
                }
                labels[i][t] = Double.isFinite(y) ? y : Double.NaN;
                if (!Double.isNaN(labels[i][t])) {
                    count[dateIndex[i][t]]++;
                }
            }
            done++;
            if (progress != null && (done % 100 == 0 || done == instruments)) {
                progress.accept("features computed for " + done + " of " + instruments + " instruments");
            }
        }

        // Rows by date, then instrument (instruments are in name order): a counting sort.
        int[] start = new int[calendar.length + 1];
        for (int d = 0; d < calendar.length; d++) {
            start[d + 1] = start[d] + count[d];
        }
        int n = start[calendar.length];
        if (n == 0) {
            throw new IllegalArgumentException("no row has a label: " + selected.size() + " instruments, dates "
                    + calendar[0] + " to " + calendar[calendar.length - 1] + ", filter from " + request.from()
                    + " to " + request.to() + ", label " + label.expression());
        }
        int[] next = Arrays.copyOf(start, calendar.length);
        int[] rowDate = new int[n];
        int[] rowInstrument = new int[n];
        int[] rowLabelEnd = new int[n];
        double[][] featureMatrix = new double[f][n]; // column-major while processing
        double[] y = new double[n];
        for (int i = 0; i < instruments; i++) {
            for (int t = 0; t < labels[i].length; t++) {
                if (Double.isNaN(labels[i][t])) {
                    continue;
                }
                int r = next[dateIndex[i][t]]++;
                rowDate[r] = dateIndex[i][t];
                rowInstrument[r] = i;
                rowLabelEnd[r] = labelEnd[i][t];
                y[r] = labels[i][t];
                for (int c = 0; c < f; c++) {
                    double value = featureColumns[i][c][t];
                    featureMatrix[c][r] = Double.isFinite(value) ? value : Double.NaN;
                }
            }
        }
        for (int d = 0; d < calendar.length; d++) {
            for (int c = 0; c < f; c++) {
                process(request.featureProcessing(), featureMatrix[c], start[d], start[d + 1]);
            }
            process(request.labelProcessing(), y, start[d], start[d + 1]);
        }

        // Keep complete rows (or all), drop dates left without rows, and turn to row-major.
        boolean[] keep = new boolean[n];
        int kept = 0;
        for (int r = 0; r < n; r++) {
            boolean complete = !Double.isNaN(y[r]);
            for (int c = 0; c < f && complete && request.dropIncomplete(); c++) {
                complete = !Double.isNaN(featureMatrix[c][r]);
            }
            keep[r] = complete;
            kept += complete ? 1 : 0;
        }
        if (kept == 0) {
            throw new IllegalArgumentException("every row has a missing feature after processing; "
                    + "add a fill step or keep incomplete rows");
        }
        int[] dateMap = new int[calendar.length];
        Arrays.fill(dateMap, -1);
        List<LocalDate> dates = new ArrayList<>();
        int[] outDate = new int[kept];
        int[] outInstrument = new int[kept];
        int[] outLabelEnd = new int[kept];
        double[][] x = new double[kept][];
        double[] outLabel = new double[kept];
        int k = 0;
        for (int r = 0; r < n; r++) {
            if (!keep[r]) {
                continue;
            }
            if (dateMap[rowDate[r]] < 0) {
                dateMap[rowDate[r]] = dates.size();
                dates.add(calendar[rowDate[r]]);
            }
            outDate[k] = dateMap[rowDate[r]];
            outInstrument[k] = rowInstrument[r];
            outLabelEnd[k] = rowLabelEnd[r];
            double[] row = new double[f];
            for (int c = 0; c < f; c++) {
                row[c] = featureMatrix[c][r];
            }
            x[k] = row;
            outLabel[k] = y[r];
            k++;
        }
        List<InstrumentId> ids = selected.stream().map(InstrumentHistory::instrument).toList();
        List<String> names = features.stream().map(FactorDefinition::name).toList();
        String digest = digest(request, dates, ids, outDate, outInstrument, outLabelEnd, x, outLabel);
        if (progress != null) {
            progress.accept("dataset: " + kept + " rows, " + dates.size() + " dates, " + ids.size()
                    + " instruments, digest " + digest.substring(0, 12));
        }
        return new PanelDataset(request, names, label.expression(), dates, ids, outDate, outInstrument, outLabelEnd,
                x, outLabel, digest);
    }

    /**
     * The program's point-in-time data fields over the history's bars, null when it reads none (or the history has
     * none: NaN).
     */
    private static double[][] dataColumns(FactorProgram program, InstrumentHistory history) {
        List<Expression> fields = program.dataFields();
        return fields.isEmpty() ? null : history.data().columns(fields);
    }

    /** The features' program; context definitions join only when a feature refers to a name it does not define. */
    private static FactorProgram compile(List<FactorDefinition> features, List<FactorDefinition> context) {
        FactorGraph alone = FactorGraph.compile(features);
        if (alone.problems().isEmpty() || context.isEmpty()) {
            return alone.programOrThrow();
        }
        List<FactorDefinition> all = new ArrayList<>(features);
        Set<String> names = new HashSet<>();
        features.forEach(f -> names.add(f.name()));
        context.stream().filter(d -> !names.contains(d.name())).forEach(all::add);
        FactorGraph graph = FactorGraph.compile(all);
        for (var problem : graph.problems()) {
            if (names.contains(problem.factor())) {
                throw new IllegalArgumentException("feature refused: " + problem);
            }
        }
        return graph.program();
    }

    /** The histories in the universe (all when it is empty), in instrument order; unknown names are refused. */
    private static List<InstrumentHistory> select(DatasetRequest request, List<InstrumentHistory> histories) {
        TreeMap<InstrumentId, InstrumentHistory> byId = new TreeMap<>();
        for (InstrumentHistory history : histories) {
            if (byId.put(history.instrument(), history) != null) {
                throw new IllegalArgumentException("instrument " + history.instrument() + " given twice");
            }
        }
        if (byId.isEmpty()) {
            throw new IllegalArgumentException("the source " + request.source().canonical() + " has no instruments");
        }
        if (request.universe().isEmpty()) {
            return new ArrayList<>(byId.values());
        }
        List<InstrumentHistory> selected = new ArrayList<>();
        for (InstrumentId id : new TreeSet<>(request.universe())) {
            InstrumentHistory history = byId.get(id);
            if (history == null) {
                throw new IllegalArgumentException("instrument " + id + " is not in " + request.source().canonical()
                        + " (it has " + byId.size() + " instruments, e.g. " + byId.firstKey() + ")");
            }
            selected.add(history);
        }
        return selected;
    }

    private static void process(List<Processing> steps, double[] column, int from, int to) {
        for (Processing step : steps) {
            if (step instanceof Processing.ZScore) {
                CrossSection.zScore(column, from, to);
            } else if (step instanceof Processing.RobustZScore robust) {
                CrossSection.robustZScore(column, from, to, robust.clip());
            } else if (step instanceof Processing.Rank) {
                CrossSection.percentRank(column, from, to);
            } else if (step instanceof Processing.FillNaN fill) {
                CrossSection.fill(column, from, to, fill.value());
            }
        }
    }

    /** SHA-256 over the canonical request, then every row: date, instrument, label end, features, label. */
    static String digest(DatasetRequest request, List<LocalDate> dates, List<InstrumentId> instruments, int[] rowDate,
            int[] rowInstrument, int[] labelEnd, double[][] x, double[] y) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(request.canonical().getBytes(StandardCharsets.UTF_8));
            byte[][] names = new byte[instruments.size()][];
            for (int i = 0; i < names.length; i++) {
                names[i] = (instruments.get(i).value() + "\n").getBytes(StandardCharsets.UTF_8);
            }
            int width = x.length == 0 ? 0 : x[0].length;
            ByteBuffer buffer = ByteBuffer.allocate(16 + 8 * (width + 1));
            for (int r = 0; r < y.length; r++) {
                buffer.clear();
                buffer.putLong(dates.get(rowDate[r]).toEpochDay()).putInt(labelEnd[r]).putInt(0);
                for (double value : x[r]) {
                    buffer.putLong(Double.doubleToLongBits(value)); // one NaN bit pattern
                }
                buffer.putLong(Double.doubleToLongBits(y[r]));
                sha.update(names[rowInstrument[r]]);
                sha.update(buffer.array(), 0, buffer.position());
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** The histories of a generated universe, with its planted factors as columns {@code planted_1}, …. */
    public static List<InstrumentHistory> histories(GeneratedUniverse universe) {
        return histories(universe, instrument -> null);
    }

    /**
     * The histories of a generated universe, with its planted factors as columns {@code planted_1}, …, its
     * generated fundamentals (every revision, at its publication) as the fundamental fields ({@code $eps}) and
     * {@code sentiment}'s score of each instrument as {@code $sentiment}. A generated day's bar ends at midnight UTC
     * after it, as a daily bar read from a CSV file does ({@code CsvBarReader}), so a statement published that
     * evening is known at that bar.
     *
     * @param sentiment per instrument, its sentiment as of a moment; {@code null} for none (NaN)
     */
    public static List<InstrumentHistory> histories(GeneratedUniverse universe,
            Function<InstrumentId, PointInTimeFields.Sentiment> sentiment) {
        Map<InstrumentId, List<Fundamental>> statements = new HashMap<>();
        for (GeneratedUniverse.Fundamental row : universe.fundamentals()) {
            statements.computeIfAbsent(row.instrument(), i -> new ArrayList<>()).add(new Fundamental(row.instrument(),
                    row.field(), row.periodEnd(), row.published(), row.value()));
        }
        List<InstrumentHistory> histories = new ArrayList<>(universe.instruments().size());
        for (var series : universe.instruments()) {
            LocalDate[] dates = new LocalDate[series.rows()];
            List<Instant> ends = new ArrayList<>(dates.length);
            for (int t = 0; t < dates.length; t++) {
                dates[t] = universe.calendar().get(series.days()[t]);
                ends.add(dates[t].plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
            }
            Map<String, double[]> columns = new TreeMap<>();
            for (int k = 0; k < series.planted().length; k++) {
                columns.put("planted_" + (k + 1), series.planted()[k]);
            }
            List<Fundamental> history = statements.getOrDefault(series.instrument(), List.of());
            PointInTimeFields.Sentiment score = sentiment.apply(series.instrument());
            histories.add(new InstrumentHistory(series.instrument(), dates, series.bars(), columns,
                    fields -> PointInTimeFields.columns(fields, history, score, ends)));
        }
        return histories;
    }

}
