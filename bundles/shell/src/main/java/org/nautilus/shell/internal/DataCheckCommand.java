package org.nautilus.shell.internal;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.FileCompleter;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.apache.karaf.shell.support.table.ShellTable;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.marketdata.Bar;
import org.nautilus.api.marketdata.BarSpec;
import org.nautilus.api.research.data.BarFormat;
import org.nautilus.api.research.data.BarRow;
import org.nautilus.api.research.data.CheckRules;
import org.nautilus.api.research.data.DataCheckReport;
import org.nautilus.api.research.data.DataFiles;
import org.nautilus.api.research.data.DataIssue;
import org.nautilus.api.research.store.FactorStore;
import org.nautilus.api.research.store.TimeRange;

@Command(scope = "nautilus", name = "data-check", description = "Checks a bar file, or an instrument's stored bars, and reports every issue with its row.", detailedDescription = "Finds gaps (expected bars missing by the interval and calendar), duplicate and out-of-order\n"
        + "rows, outliers (log close-to-close returns with a robust z-score |r - median| / (1.4826 MAD) above\n"
        + "--outlier-z), zero or negative prices, high below low or open/close outside [low, high], negative\n"
        + "volumes. Nothing is dropped or fixed: this only reports.\n"
        + "  nautilus:data-check samples/appleinc_bars_from_20130101_usd.csv\n"
        + "  nautilus:data-check --interval PT5M --calendar continuous data/eth.parquet\n"
        + "  nautilus:data-check AAPL.NASDAQ          (the bars the factor store holds)")
@Service
public class DataCheckCommand implements Action {

    @Argument(index = 0, name = "file-or-symbol", required = true, description = "a bar file (CSV, JSON lines, Parquet; relative to the Karaf home) or a stored instrument")
    @Completion(DataCheckCommand.Targets.class)
    String target;

    @Option(name = "--format", description = "csv, json-lines or parquet (default: from the file's extension)")
    @Completion(value = StringsCompleter.class, values = {"csv", "json-lines", "parquet"})
    String format;

    @Option(name = "--interval", description = "the bars' interval, ISO-8601 (default P1D)")
    @Completion(value = StringsCompleter.class, values = {"P1D", "PT1H", "PT5M", "PT1M"})
    String interval = "P1D";

    @Option(name = "--calendar", description = "expected bars: weekdays, continuous or none (default: weekdays for P1D, else none)")
    @Completion(value = StringsCompleter.class, values = {"weekdays", "continuous", "none"})
    String calendar;

    @Option(name = "--outlier-z", description = "robust z-score above which a return is an outlier (default 10)")
    double outlierZ = CheckRules.DEFAULT_OUTLIER_Z;

    @Option(name = "--symbol", description = "instrument the file's bars belong to (default: the file's name)")
    String symbol;

    @Option(name = "--max", description = "issues to list (default 50; the counts cover all)")
    int max = 50;

    @Reference
    DataFiles data;

    @Reference
    FactorStore store;

    @Reference
    Session session;

    @Override
    public Object execute() {
        Duration barInterval;
        try {
            barInterval = Duration.parse(interval.strip().toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "--interval '" + interval + "' is not an ISO-8601 duration such as P1D or PT5M");
        }
        CheckRules defaults = CheckRules.of(barInterval);
        CheckRules rules = new CheckRules(barInterval, calendar == null ? defaults.calendar()
                : CheckRules.Calendar.parse(calendar), outlierZ);
        Path file = Path.of(target);
        if (!file.isAbsolute()) {
            file = Path.of(System.getProperty("karaf.home", ".")).resolve(file);
        }
        DataCheckReport report;
        if (Files.isRegularFile(file)) {
            String name = file.getFileName().toString();
            InstrumentId instrument = InstrumentId.of(symbol != null ? symbol
                    : name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name);
            List<BarRow> rows = data.read(file, format != null ? BarFormat.parse(format) : BarFormat.guess(name),
                    instrument);
            report = data.check(name, rows, rules);
        } else {
            InstrumentId instrument = InstrumentId.of(target);
            if (!store.instruments().contains(instrument)) {
                throw new IllegalArgumentException(target + " is neither a file (looked at " + file
                        + ") nor an instrument of the factor store " + store.instruments());
            }
            List<BarRow> rows = new ArrayList<>();
            for (Bar bar : store.bars(instrument, BarSpec.time(barInterval), TimeRange.ALL)) {
                rows.add(new BarRow(instrument, bar.start(), bar.open().toBigDecimal(), bar.high().toBigDecimal(),
                        bar.low().toBigDecimal(), bar.close().toBigDecimal(), bar.volume().toBigDecimal(),
                        "store " + instrument + " " + bar.start()));
            }
            report = data.check("store " + instrument + " " + barInterval, rows, rules);
        }
        ShellTable table = new ShellTable();
        table.column("ROW");
        table.column("ISSUE");
        table.column("TIME");
        table.column("DETAIL");
        report.issues().stream().limit(Math.max(0, max)).forEach(issue -> table.addRow().addContent(issue.location(),
                issue.kind(), Text.dateTime(issue.time()), issue.detail()));
        if (!report.issues().isEmpty() && max > 0) {
            Text.print(table, session);
        }
        if (report.issues().size() > max) {
            System.out.println("... " + (report.issues().size() - max) + " more (--max)");
        }
        System.out.println(report.summary() + " [" + rules.calendar().name().toLowerCase(Locale.ROOT)
                + " calendar, outliers beyond robust z " + BigDecimal.valueOf(rules.outlierZ()).stripTrailingZeros()
                        .toPlainString()
                + "]");
        long errorRows = report.errors().stream().map(DataIssue::location).distinct().count();
        if (errorRows > 0) {
            System.out
                    .println(errorRows + " rows cannot be loaded as bars (duplicate, out of order, non-positive price,"
                            + " inconsistent OHLC or negative volume)");
        }
        return null;
    }

    /** Completes stored instruments and file names. */
    @Service
    public static class Targets implements Completer {

        @Reference
        FactorStore store;

        @Override
        public int complete(Session session, CommandLine commandLine,
                List<String> candidates) {
            StringsCompleter symbols = new StringsCompleter();
            store.instruments().forEach(i -> symbols.getStrings().add(i.value()));
            int symbolsAt = symbols.complete(session, commandLine, candidates);
            int filesAt = new FileCompleter().complete(session, commandLine,
                    candidates);
            return Math.max(symbolsAt, filesAt);
        }
    }
}
