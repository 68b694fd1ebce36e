package org.nautilus.benchmarks.ingest;

import java.io.BufferedWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.apache.camel.ConsumerTemplate;
import org.apache.camel.Exchange;
import org.duckdb.DuckDBDriver;
import org.nautilus.api.research.dataset.DataSource;
import org.nautilus.research.internal.data.DataFilesComponent;
import org.nautilus.research.internal.generated.GeneratedUniverse;
import org.nautilus.research.internal.generated.UniverseGenerator;
import org.nautilus.research.internal.store.DatePartition;
import org.nautilus.research.internal.store.DuckDbFactorStore;
import org.nautilus.routes.internal.component.Gateways;
import org.nautilus.routes.internal.data.DataComponent;
import org.nautilus.routes.internal.data.DataServices;
import org.nautilus.routes.internal.runtime.CamelRuntime;

/**
 * {@code benchmarks/run.sh ingest [instruments] [days] [runs]}: the data connectors on GENERATED daily bars
 * (seeded; not market data; default 100 instruments × 2,520 days, one file per instrument in each format): a
 * route file with one batch route per instrument ({@code nautilus-data:} kind bars, checked), once to a no-op
 * step (read + check) and once into the factor store ({@code to: nautilus-data:store}, DuckDB over Parquet, a
 * fresh store per run), for CSV, JSON lines and Parquet. Bars/s per run, wall clock from loading the route file to
 * the last instrument done. Ends with {@code ingest: VALUE bars/s} (CSV into the store, the median run).
 */
public final class IngestMain {

    private IngestMain() {
    }

    public static void main(String[] args) throws Exception {
        int instruments = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int days = args.length > 1 ? Integer.parseInt(args[1]) : 2_520;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        Path dir = Files.createTempDirectory("nautilus-ingest");
        GeneratedUniverse universe = UniverseGenerator.generate(new DataSource.Generated(7, instruments, days, 1, 0.05,
                LocalDate.of(2010, 1, 4), false));
        long bars = 0;
        List<String> symbols = new ArrayList<>();
        for (GeneratedUniverse.Series series : universe.instruments()) {
            String symbol = series.instrument().value();
            symbols.add(symbol);
            bars += series.rows();
            try (BufferedWriter csv = Files.newBufferedWriter(dir.resolve(symbol + ".csv"), StandardCharsets.UTF_8);
                    BufferedWriter json = Files.newBufferedWriter(dir.resolve(symbol + ".jsonl"),
                            StandardCharsets.UTF_8)) {
                csv.write("date,open,high,low,close,volume\n");
                for (int r = 0; r < series.rows(); r++) {
                    LocalDate day = universe.calendar().get(series.days()[r]);
                    String o = num(series.bars().open()[r]);
                    String h = num(series.bars().high()[r]);
                    String l = num(series.bars().low()[r]);
                    String c = num(series.bars().close()[r]);
                    String v = num(series.bars().volume()[r]);
                    csv.write(day + "," + o + "," + h + "," + l + "," + c + "," + v + "\n");
                    json.write("{\"date\":\"" + day + "\",\"open\":" + o + ",\"high\":" + h + ",\"low\":" + l
                            + ",\"close\":" + c + ",\"volume\":" + v + "}\n");
                }
            }
            try (Connection connection = new DuckDBDriver().connect("jdbc:duckdb:", new Properties());
                    Statement statement = connection.createStatement()) {
                statement.execute("COPY (SELECT * FROM read_csv('" + dir.resolve(symbol + ".csv") + "', types = "
                        + "{'open': 'DECIMAL(18,4)', 'high': 'DECIMAL(18,4)', 'low': 'DECIMAL(18,4)', "
                        + "'close': 'DECIMAL(18,4)', 'volume': 'DECIMAL(18,0)'})) TO '"
                        + dir.resolve(symbol + ".parquet") + "' (FORMAT parquet)");
            }
        }
        System.out.printf(Locale.ROOT, "ingest: %d instruments x %d days of GENERATED bars = %,d bars in %s; %d cores,"
                + " %s %s; load %s%n", instruments, days, bars, dir, Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name"), System.getProperty("java.version"), load());
        List<Double> csvIntoStore = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            for (String format : List.of("csv", "jsonl", "parquet")) {
                double checked = run(dir, symbols, format, false, bars);
                double stored = run(dir, symbols, format, true, bars);
                if (format.equals("csv")) {
                    csvIntoStore.add(stored);
                }
                System.out.printf(Locale.ROOT,
                        "run %d %-8s read+check %,10.0f bars/s   into the store %,10.0f bars/s  (load %s)%n",
                        run, format, checked, stored, load());
            }
        }
        Collections.sort(csvIntoStore);
        System.out.printf(Locale.ROOT, "ingest: %.0f bars/s%n", csvIntoStore.get(csvIntoStore.size() / 2));
    }

    private static double run(Path dir, List<String> symbols, String format, boolean store, long bars)
            throws Exception {
        Path storeDir = Files.createTempDirectory(dir, "store");
        Path routes = Files.createTempDirectory(dir, "routes");
        StringBuilder yaml = new StringBuilder();
        for (String symbol : symbols) {
            yaml.append("- route:\n    id: ").append(symbol).append("\n    from:\n      uri: \"nautilus-data:")
                    .append(symbol).append("\"\n      parameters: {kind: bars, file: \"")
                    .append(dir.resolve(symbol + "." + format)).append("\", symbol: ").append(symbol)
                    .append("}\n      steps:\n")
                    .append(store ? "        - to: \"nautilus-data:store\"\n" : "")
                    .append("        - to: \"seda:done?size=100000\"\n");
        }
        try (DuckDbFactorStore factorStore = DuckDbFactorStore.open(storeDir, DatePartition.YEAR, 1)) {
            CamelRuntime runtime = new CamelRuntime(IngestMain.class.getClassLoader(), new Gateways(() -> null),
                    Clock.systemUTC());
            try {
                DataFilesComponent files = new DataFilesComponent();
                runtime.context().addComponent("nautilus-data", new DataComponent(new DataServices(() -> files,
                        () -> factorStore, () -> null)));
                ConsumerTemplate consumer = runtime.context().createConsumerTemplate();
                consumer.start();
                Files.writeString(routes.resolve("ingest.yaml"), yaml);
                long t0 = System.nanoTime();
                runtime.watch(routes, Duration.ofHours(1));
                for (int i = 0; i < symbols.size(); i++) {
                    Exchange done = consumer.receive("seda:done?size=100000", 600_000);
                    if (done == null) {
                        throw new IllegalStateException("ingest: an instrument did not finish in 10 minutes");
                    }
                }
                return bars / ((System.nanoTime() - t0) / 1e9);
            } finally {
                runtime.close();
            }
        }
    }

    private static String num(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (Exception e) {
            return "?";
        }
    }
}
