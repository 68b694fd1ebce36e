package org.nautilus.routes.internal.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.marketdata.BarSpec;
import org.nautilus.api.research.data.BarFormat;
import org.nautilus.api.research.data.CheckRules;
import org.nautilus.api.research.store.TimeRange;

/**
 * The data connectors of the research pipeline.
 *
 * <p>{@code from: nautilus-data:NAME?kind=bars|fundamentals|news&file=...&mode=batch|stream} reads a file:
 * <ul>
 *   <li>{@code mode=batch} (default) reads it once when the route starts (the range {@code from}..{@code to},
 *   dates, if given) and sends one exchange whose body is the list of bars, fundamentals or news items;</li>
 *   <li>{@code mode=stream} follows the file as it grows (every {@code poll} ms, default 1000) and sends each new
 *   bar, or each new batch of fundamentals or news items, as it appears; {@code start=end} (default) sends only
 *   what is appended after the route starts, {@code start=beginning} the whole file first.</li>
 * </ul>
 * Bars ({@code symbol} required; {@code format} csv, json-lines or parquet, default from the extension;
 * {@code interval}, default P1D) are checked ({@code calendar}, {@code outlierZ}): the report is logged and in the
 * header {@value #REPORT_HEADER}; a row that cannot be a bar refuses the batch unless {@code errors=skip}, which
 * leaves such rows out and counts them. {@code actions=FILE} sends the back-adjusted bars (the file is untouched).
 *
 * <p>{@code to: nautilus-data:store} writes what arrives: bars into the factor store (replacing the range they
 * cover), fundamentals into its bitemporal table, news items into the sentiment service.
 *
 * <p>{@code to: nautilus-data:query?kind=history|cross-section|fundamentals&factor=...} reads the factor store as
 * of a moment (the header {@code NautilusAsOf}, else {@code asOf}, else now): see {@link DataQueryEndpoint}.
 */
public final class DataComponent extends DefaultComponent {

    /** Header with the {@link org.nautilus.api.research.data.DataCheckReport} of the bars sent. */
    public static final String REPORT_HEADER = "NautilusDataReport";
    /** Header naming the bars' interval (ISO-8601). */
    public static final String INTERVAL_HEADER = "NautilusBarInterval";

    private final DataServices services;

    public DataComponent(DataServices services) {
        this.services = Objects.requireNonNull(services, "services");
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) {
        if (remaining.equals("store")) {
            return new DataStoreEndpoint(uri, this, services);
        }
        if (remaining.equals("query")) {
            return new DataQueryEndpoint(uri, this, query(uri, parameters), services);
        }
        String fileText = getAndRemoveParameter(parameters, "file", String.class);
        if (fileText == null || fileText.isBlank()) {
            throw new IllegalArgumentException(uri + ": 'file' is required (or use nautilus-data:store in 'to')");
        }
        Path file = Path.of(fileText.strip());
        if (!file.isAbsolute()) {
            file = Path.of(System.getProperty("karaf.home", ".")).resolve(file);
        }
        DataKind kind = DataKind.parse(getAndRemoveParameter(parameters, "kind", String.class, "bars"));
        String mode = getAndRemoveParameter(parameters, "mode", String.class, "batch").strip().toLowerCase(Locale.ROOT);
        if (!mode.equals("batch") && !mode.equals("stream")) {
            throw new IllegalArgumentException(uri + ": mode must be 'batch' or 'stream', got '" + mode + "'");
        }
        if (mode.equals("batch") && !Files.isReadable(file)) {
            throw new IllegalArgumentException(uri + ": file " + file + " does not exist or cannot be read");
        }
        String start = getAndRemoveParameter(parameters, "start", String.class, "end").strip().toLowerCase(Locale.ROOT);
        if (!start.equals("end") && !start.equals("beginning")) {
            throw new IllegalArgumentException(uri + ": start must be 'end' or 'beginning', got '" + start + "'");
        }
        long poll = getAndRemoveParameter(parameters, "poll", Long.class, 1000L);
        if (poll < 10) {
            throw new IllegalArgumentException(uri + ": poll must be at least 10 ms, got " + poll);
        }
        String symbolText = getAndRemoveParameter(parameters, "symbol", String.class);
        InstrumentId symbol = symbolText == null || symbolText.isBlank() ? null : InstrumentId.of(symbolText.strip());
        if (kind == DataKind.BARS && symbol == null) {
            throw new IllegalArgumentException(uri + ": bars need a 'symbol' (the instrument they belong to)");
        }
        String formatText = getAndRemoveParameter(parameters, "format", String.class);
        BarFormat format = formatText == null ? BarFormat.guess(file.getFileName().toString())
                : BarFormat.parse(formatText);
        Duration interval = duration(uri, getAndRemoveParameter(parameters, "interval", String.class, "P1D"));
        CheckRules defaults = CheckRules.of(interval);
        String calendar = getAndRemoveParameter(parameters, "calendar", String.class);
        double outlierZ = getAndRemoveParameter(parameters, "outlierZ", Double.class, CheckRules.DEFAULT_OUTLIER_Z);
        CheckRules rules = new CheckRules(interval, calendar == null ? defaults.calendar()
                : CheckRules.Calendar.parse(calendar), outlierZ);
        String errors = getAndRemoveParameter(parameters, "errors", String.class, "refuse").strip()
                .toLowerCase(Locale.ROOT);
        if (!errors.equals("refuse") && !errors.equals("skip")) {
            throw new IllegalArgumentException(uri + ": errors must be 'refuse' or 'skip', got '" + errors + "'");
        }
        String actionsText = getAndRemoveParameter(parameters, "actions", String.class);
        Path actions = null;
        if (actionsText != null && !actionsText.isBlank()) {
            actions = Path.of(actionsText.strip());
            if (!actions.isAbsolute()) {
                actions = Path.of(System.getProperty("karaf.home", ".")).resolve(actions);
            }
            if (!Files.isReadable(actions)) {
                throw new IllegalArgumentException(uri + ": corporate-actions file " + actions
                        + " does not exist or cannot be read");
            }
        }
        TimeRange range = TimeRange.ofDays(date(uri, "from", getAndRemoveParameter(parameters, "from", String.class)),
                date(uri, "to", getAndRemoveParameter(parameters, "to", String.class)));
        return new DataEndpoint(uri, this, new DataEndpoint.Settings(file, kind, mode.equals("stream"),
                start.equals("beginning"), poll, symbol, format, rules, errors.equals("skip"), actions, range),
                services);
    }

    private DataQueryEndpoint.Query query(String uri, Map<String, Object> parameters) {
        String kindText = getAndRemoveParameter(parameters, "kind", String.class, "history").strip();
        DataQueryEndpoint.Kind kind;
        try {
            kind = DataQueryEndpoint.Kind.valueOf(kindText.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(uri + ": kind must be history, cross-section or fundamentals, got '"
                    + kindText + "'");
        }
        String symbols = getAndRemoveParameter(parameters, "symbols", String.class, "");
        List<InstrumentId> instruments = Arrays.stream(symbols.split(",")).map(String::strip)
                .filter(s -> !s.isEmpty()).map(InstrumentId::of).toList();
        String bars = getAndRemoveParameter(parameters, "bars", String.class);
        String asOf = getAndRemoveParameter(parameters, "asOf", String.class);
        LocalDate from = date(uri, "from", getAndRemoveParameter(parameters, "from", String.class));
        LocalDate to = date(uri, "to", getAndRemoveParameter(parameters, "to", String.class));
        try {
            return new DataQueryEndpoint.Query(kind, getAndRemoveParameter(parameters, "factor", String.class),
                    instruments, bars == null || bars.isBlank() ? null : BarSpec.parse(bars.strip()),
                    TimeRange.ofDays(from, to),
                    asOf == null || asOf.isBlank() ? null : TimeRange.moment("asOf", asOf));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(uri + ": " + e.getMessage(), e);
        }
    }

    private static Duration duration(String uri, String text) {
        try {
            return Duration.parse(text.strip().toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    uri + ": interval '" + text + "' is not an ISO-8601 duration such as PT1M or P1D");
        }
    }

    private static LocalDate date(String uri, String name, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(uri + ": " + name + " '" + text + "' is not a date (YYYY-MM-DD)");
        }
    }
}
