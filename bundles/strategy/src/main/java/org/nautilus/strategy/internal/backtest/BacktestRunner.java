package org.nautilus.strategy.internal.backtest;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.nautilus.api.routes.MarketDataFiles;
import org.nautilus.api.strategy.BacktestResult;
import org.nautilus.api.strategy.BacktestSpec;
import org.nautilus.api.strategy.PerformanceMetrics;
import org.nautilus.api.strategy.Strategy;
import org.nautilus.strategy.internal.analytics.ResultWriter;
import org.nautilus.strategy.internal.analytics.Tearsheet;

/**
 * Runs backtests and keeps their results: one folder per run under the results folder ({@code <strategy>-<n>}),
 * holding {@code summary.properties} (spec, data range, counts, metrics, digest), the orders, fills and equity
 * curve as CSV, and the tearsheet (HTML and PNG). Earlier runs are read back from their folders.
 */
public final class BacktestRunner {

    private final MarketDataFiles files;
    private final Path home;
    private final Path results;

    /**
     * @param home    where relative data paths start
     * @param results where run folders go
     */
    public BacktestRunner(MarketDataFiles files, Path home, Path results) {
        this.files = files;
        this.home = home;
        this.results = results;
    }

    /**
     * Runs {@code spec} with {@code strategy} and stores it.
     *
     * @throws IllegalArgumentException for bad data or parameters (nothing is stored)
     */
    public synchronized BacktestResult run(BacktestSpec spec, Strategy strategy, String strategyVersion,
            Consumer<String> progress) {
        return run(spec, strategy, strategyVersion, BacktestEngine.Research.NONE, progress);
    }

    /** As above, computing factors and scoring models with {@code research}. */
    public synchronized BacktestResult run(BacktestSpec spec, Strategy strategy, String strategyVersion,
            BacktestEngine.Research research, Consumer<String> progress) {
        try {
            progress.accept("backtest of " + spec.strategy() + " over " + spec.data().size() + " file(s), "
                    + spec.instruments().size() + " instrument(s)");
            BacktestEngine.Outcome outcome = new BacktestEngine(spec, strategy, files, home, true, research)
                    .run(progress);
            if (outcome.failure() != null) {
                progress.accept("the strategy failed: " + outcome.failure() + " (the run ends there)");
            }
            String runId = nextRunId(spec.strategy());
            Path folder = results.resolve(runId);
            String digest = ResultWriter.writeRecords(folder, outcome.orders(), outcome.fills(), outcome.equity());
            BacktestResult result = new BacktestResult(runId, spec.strategy(), strategyVersion, spec.parameters(),
                    outcome.dataFrom(), outcome.dataTo(), outcome.events(), outcome.submitted(), outcome.fillCount(),
                    outcome.metrics(), digest, folder.toString());
            ResultWriter.writeTrips(folder, outcome.trips());
            Map<String, String> summary = summary(result, spec, outcome.failure());
            Map<String, String> metrics = ResultWriter.metrics(outcome.metrics());
            if (outcome.benchmark() != null) {
                String benchmark = spec.parameters().get("benchmark");
                ResultWriter.benchmark(metrics, summary, benchmark, outcome.benchmark());
                progress.accept("against " + benchmark + ": beta " + ResultWriter.ratio(outcome.benchmark().beta())
                        + ", alpha " + ResultWriter.percent(outcome.benchmark().alpha()) + " a year");
            }
            Tearsheet.write(folder, "Backtest " + runId, summary, metrics,
                    outcome.equity(), spec.periodsPerYear(),
                    Math.max(2, (int) Math.min(63, spec.periodsPerYear() / 4)));
            store(folder, result, summary);
            progress.accept(String.format("done: %,d events, %,d orders, %,d fills; tearsheet %s",
                    outcome.events(), outcome.submitted(), outcome.fillCount(), folder.resolve("tearsheet.html")));
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException("backtest " + spec.strategy() + ": " + e.getMessage(), e);
        }
    }

    /** The stored runs, oldest first. */
    public synchronized List<BacktestResult> list() {
        List<BacktestResult> all = new ArrayList<>();
        if (!Files.isDirectory(results)) {
            return all;
        }
        try (DirectoryStream<Path> runs = Files.newDirectoryStream(results)) {
            for (Path run : runs) {
                load(run).ifPresent(all::add);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + results + ": " + e.getMessage(), e);
        }
        all.sort(Comparator.comparing(BacktestResult::runId));
        return all;
    }

    private String nextRunId(String strategy) throws IOException {
        return ResultWriter.nextId(results, strategy);
    }

    private static Map<String, String> summary(BacktestResult r, BacktestSpec spec, String failure) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("run.id", r.runId());
        s.put("strategy", r.strategy() + " " + r.strategyVersion());
        new TreeMap<>(r.parameters()).forEach((k, v) -> s.put("param." + k, v));
        for (int i = 0; i < spec.data().size(); i++) {
            BacktestSpec.DataFile f = spec.data().get(i);
            s.put("data." + (i + 1), f.path() + " (" + f.format() + ", " + f.symbol() + ")");
        }
        s.put("data.from", r.dataFrom().toString());
        s.put("data.to", r.dataTo().toString());
        s.put("execution", slippage(spec.execution()) + ", participation "
                + spec.execution().participation().toPlainString() + ", latency "
                + spec.execution().latency().toMillis() + " ms (amend " + spec.execution().amendLatency().toMillis()
                + ", cancel " + spec.execution().cancelLatency().toMillis() + "), queue position "
                + (spec.execution().queuePosition() ? "on" : "off")
                + ", fees maker " + spec.execution().makerFeeBps().toPlainString() + " / taker "
                + spec.execution().takerFeeBps().toPlainString() + " bps");
        s.put("initial.cash", spec.initialCash().toPlainString());
        s.put("events", Long.toString(r.events()));
        s.put("orders", Long.toString(r.orders()));
        s.put("fills", Long.toString(r.fills()));
        s.put("digest", r.digest());
        if (failure != null) {
            s.put("failure", failure);
        }
        return s;
    }

    /** The slippage model in words, as the summary says it. */
    private static String slippage(BacktestSpec.Execution execution) {
        BacktestSpec.Slippage s = execution.slippage();
        return switch (s.model()) {
            case BPS -> "slippage " + execution.slippageBps().toPlainString() + " bps";
            case TICKS -> "slippage " + s.ticks() + " ticks";
            case SQRT_IMPACT -> "slippage " + execution.slippageBps().toPlainString() + " bps + sqrt impact k "
                    + s.impactK().toPlainString() + " over " + s.impactWindow() + " bars";
        };
    }

    private static void store(Path folder, BacktestResult r, Map<String, String> summary) throws IOException {
        Properties p = new Properties();
        summary.forEach(p::setProperty);
        p.setProperty("strategy", r.strategy());
        p.setProperty("strategy.version", r.strategyVersion());
        PerformanceMetrics m = r.metrics();
        // The metrics' exact values, to read the run back.
        for (var c : PerformanceMetrics.class.getRecordComponents()) {
            try {
                p.setProperty("metric." + c.getName(), String.valueOf(c.getAccessor().invoke(m)));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        try (Writer w = Files.newBufferedWriter(folder.resolve("summary.properties"), StandardCharsets.UTF_8)) {
            p.store(w, "backtest " + r.runId());
        }
    }

    private static Optional<BacktestResult> load(Path folder) {
        Path file = folder.resolve("summary.properties");
        if (!Files.isReadable(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(reader);
            var components = PerformanceMetrics.class.getRecordComponents();
            Object[] values = new Object[components.length];
            Class<?>[] types = new Class<?>[components.length];
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
                String v = p.getProperty("metric." + components[i].getName(), "NaN");
                values[i] = types[i] == int.class ? (Object) Integer.parseInt(v) : (Object) Double.parseDouble(v);
            }
            PerformanceMetrics metrics = PerformanceMetrics.class.getDeclaredConstructor(types).newInstance(values);
            Map<String, String> parameters = new TreeMap<>();
            p.stringPropertyNames().stream().filter(k -> k.startsWith("param."))
                    .forEach(k -> parameters.put(k.substring(6), p.getProperty(k)));
            return Optional.of(new BacktestResult(p.getProperty("run.id"), p.getProperty("strategy"),
                    p.getProperty("strategy.version", "unknown"), parameters, Instant.parse(p.getProperty("data.from")),
                    Instant.parse(p.getProperty("data.to")), Long.parseLong(p.getProperty("events")),
                    Long.parseLong(p.getProperty("orders")), Long.parseLong(p.getProperty("fills")), metrics,
                    p.getProperty("digest"), folder.toString()));
        } catch (IOException | ReflectiveOperationException | RuntimeException e) {
            return Optional.empty(); // not a run folder (or a damaged one): not listed
        }
    }
}
