package org.nautilus.benchmarks.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.duckdb.DuckDBDriver;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.marketdata.Bar;
import org.nautilus.api.marketdata.BarSpec;
import org.nautilus.api.research.FactorValue;
import org.nautilus.api.research.expression.FactorDefinition;
import org.nautilus.api.research.store.FactorSeries;
import org.nautilus.api.research.store.Fundamental;
import org.nautilus.api.research.store.TimeRange;
import org.nautilus.benchmarks.features.GeneratedBars;
import org.nautilus.factor.alpha158.internal.Alpha158Library;
import org.nautilus.research.internal.expression.BarColumns;
import org.nautilus.research.internal.expression.FactorBatch;
import org.nautilus.research.internal.expression.FactorColumns;
import org.nautilus.research.internal.expression.FactorGraph;
import org.nautilus.research.internal.expression.FactorProgram;
import org.nautilus.research.internal.store.DatePartition;
import org.nautilus.research.internal.store.DuckDbFactorStore;

/**
 * {@code benchmarks/run.sh store [instruments] [days] [factors] [partition]}: the factor store (DuckDB in memory
 * over Parquet) on GENERATED data (seeded; not market data): {@link GeneratedBars} daily bars, the first
 * {@code factors} Alpha158 factors computed on them, and quarterly fundamentals (two fields, EPS and book value,
 * published 20-60 days after each quarter, a third of them restated 60-120 days later).
 * <ul>
 *   <li>write: per instrument, its bars then its factor values replace the store's (one atomic file per
 *       instrument and date partition); values/s and MB/s of Parquet written (values only, the compute excluded);</li>
 *   <li>read: one factor's whole history for every instrument (values/s), one instrument's history (ms), a
 *       cross-section at a date (ms);</li>
 *   <li>point in time: each of the 2.8 M bars with the EPS known at its close (ASOF JOIN), into Java objects.</li>
 * </ul>
 * Defaults: 800 instruments × 3,500 days, 20 factors, year partitions. The store is a fresh temporary directory,
 * removed at the end. Ends with {@code store: VALUE M values/s written}.
 */
public final class StoreMain {

    private static final BarSpec DAY = BarSpec.time(Duration.ofDays(1));
    private static final Instant FIRST_DAY = Instant.parse("2010-01-04T00:00:00Z");

    private StoreMain() {
    }

    public static void main(String[] args) throws IOException {
        int instruments = args.length > 0 ? Integer.parseInt(args[0]) : 800;
        int days = args.length > 1 ? Integer.parseInt(args[1]) : 3_500;
        int factorCount = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        String partition = args.length > 3 ? args[3] : "year";

        List<FactorDefinition> definitions = new Alpha158Library().definitions().subList(0, factorCount);
        FactorProgram program = FactorGraph.compile(definitions).programOrThrow();
        Path root = Files.createTempDirectory("nautilus-store-bench");
        System.out.printf(Locale.ROOT, "store: %d instruments x %d days of GENERATED bars, %d factors (%s...), %s "
                + "partitions, in %s; %d cores, %s %s%n", instruments, days, factorCount,
                program.names().subList(0, Math.min(3, factorCount)), partition, root,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
                System.getProperty("java.version"));
        List<Instant> ends = new ArrayList<>();
        for (int d = 0; d < days; d++) {
            ends.add(FIRST_DAY.plus(Duration.ofDays(d + 1)));
        }
        List<InstrumentId> ids = IntStream.range(0, instruments)
                .mapToObj(i -> InstrumentId.of(String.format("G%04d", i)))
                .toList();
        try (DuckDbFactorStore store = DuckDbFactorStore.open(root, DatePartition.parse(partition), 0)) {
            long barNanos = 0;
            long valueNanos = 0;
            long computeNanos = 0;
            long values = 0;
            FactorBatch batch = program.newBatch();
            for (int i = 0; i < instruments; i++) {
                BarColumns columns = GeneratedBars.instrument(1_000 + i, days);
                List<Bar> bars = bars(ids.get(i), columns);
                long t0 = System.nanoTime();
                store.replaceBars(ids.get(i), DAY, TimeRange.ALL, bars);
                long t1 = System.nanoTime();
                FactorColumns computed = batch.evaluate(columns);
                long t2 = System.nanoTime();
                values += store.replaceValues(new FactorSeries(ids.get(i), DAY, ends, computed.names(),
                        computed.values()), TimeRange.ALL);
                long t3 = System.nanoTime();
                barNanos += t1 - t0;
                computeNanos += t2 - t1;
                valueNanos += t3 - t2;
                if ((i + 1) % Math.max(1, instruments / 8) == 0) {
                    System.out.printf(Locale.ROOT, "  %d/%d instruments written%n", i + 1, instruments);
                }
            }
            long barBytes = size(root.resolve("bars"));
            long valueBytes = size(root.resolve("values"));
            long barsWritten = (long) instruments * days;
            System.out.printf(Locale.ROOT,
                    "write bars: %,d bars in %.2f s = %,.0f bars/s, %.1f MB Parquet (%.1f MB/s)%n",
                    barsWritten, barNanos / 1e9, barsWritten / (barNanos / 1e9), barBytes / 1e6,
                    barBytes / 1e6 / (barNanos / 1e9));
            System.out.printf(Locale.ROOT, "write values: %,d values in %.2f s = %.2f M values/s, %.1f MB Parquet "
                    + "(%.1f MB/s; %.2f bytes per value); computing them took %.2f s%n", values, valueNanos / 1e9,
                    values / (valueNanos / 1e9) / 1e6, valueBytes / 1e6, valueBytes / 1e6 / (valueNanos / 1e9),
                    (double) valueBytes / values, computeNanos / 1e9);

            String factor = program.names().get(factorCount - 1);
            long t0 = System.nanoTime();
            List<FactorValue> all = store.history(factor, ids, DAY, TimeRange.ALL, Instant.now());
            long t1 = System.nanoTime();
            System.out.printf(Locale.ROOT, "read one factor (%s) for all instruments: %,d values in %.2f s = %.2f M "
                    + "values/s%n", factor, all.size(), (t1 - t0) / 1e9, all.size() / ((t1 - t0) / 1e9) / 1e6);
            all = null;
            long[] single = new long[5];
            int rows = 0;
            for (int k = 0; k < single.length; k++) {
                long s0 = System.nanoTime();
                rows = store.history(factor, List.of(ids.get(k * 7 % instruments)), DAY, TimeRange.ALL, Instant.now())
                        .size();
                single[k] = System.nanoTime() - s0;
            }
            long[] section = new long[5];
            int width = 0;
            for (int k = 0; k < section.length; k++) {
                long s0 = System.nanoTime();
                width = store.crossSection(factor, DAY, ends.get(days / 2 + k)).size();
                section[k] = System.nanoTime() - s0;
            }
            System.out.printf(Locale.ROOT, "read one instrument's history (%d values): median %.1f ms of 5; a "
                    + "cross-section (%d instruments): median %.1f ms of 5%n", rows, median(single) / 1e6, width,
                    median(section) / 1e6);

            List<Fundamental> fundamentals = fundamentals(ids, LocalDate.ofInstant(FIRST_DAY, ZoneOffset.UTC),
                    days);
            long f0 = System.nanoTime();
            store.writeFundamentals(fundamentals);
            long f1 = System.nanoTime();
            System.out.printf(Locale.ROOT, "write fundamentals: %,d rows in %.2f s%n", fundamentals.size(),
                    (f1 - f0) / 1e9);
            long[] join = new long[3];
            int joined = 0;
            for (int k = 0; k < join.length; k++) {
                long j0 = System.nanoTime();
                joined = store.fundamentalOnBars("eps", ids, DAY, TimeRange.ALL).size();
                join[k] = System.nanoTime() - j0;
            }
            System.out.printf(Locale.ROOT, "point-in-time join: %,d bars with the EPS known at their close (ASOF "
                    + "JOIN, into Java): %.2f / %.2f / %.2f s%n", joined, join[0] / 1e9, join[1] / 1e9, join[2] / 1e9);
            joinBreakdown(root);
            System.out.printf(Locale.ROOT, "store: %.2f M values/s written%n", values / (valueNanos / 1e9) / 1e6);
        } finally {
            delete(root);
        }
    }

    /**
     * Where the point-in-time join's time goes: the same SQL over the files with only a count and a sum coming back
     * (no rows into Java), then over tables already in DuckDB's memory (no files read).
     */
    private static void joinBreakdown(Path root) {
        String bars = "read_parquet(" + DuckDbFactorStore.literal(root + "/bars/*/*/data.parquet")
                + ", hive_partitioning = true, hive_types = {'instrument': VARCHAR, 'date': VARCHAR})";
        String fundamentals = "read_parquet(" + DuckDbFactorStore.literal(root + "/fundamentals/*/data.parquet")
                + ", hive_partitioning = true, hive_types = {'instrument': VARCHAR})";
        try (Connection c = new DuckDBDriver().connect("jdbc:duckdb:", new Properties())) {
            long t0 = System.nanoTime();
            String count = count(c, DuckDbFactorStore.pointInTimeJoin(bars, fundamentals, DAY, TimeRange.ALL));
            long t1 = System.nanoTime();
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE b AS SELECT * FROM " + bars);
                s.execute("CREATE TABLE f AS SELECT * FROM " + fundamentals);
            }
            long t2 = System.nanoTime();
            String inMemory = count(c, DuckDbFactorStore.pointInTimeJoin("b", "f", DAY, TimeRange.ALL));
            long t3 = System.nanoTime();
            System.out.printf(Locale.ROOT, "point-in-time join in DuckDB only (%s): over the files %.2f s; loading "
                    + "the files into tables %.2f s; over the tables %.2f s (%s)%n", count, (t1 - t0) / 1e9,
                    (t2 - t1) / 1e9, (t3 - t2) / 1e9, inMemory);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String count(Connection c, String join) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT count(*), round(sum(value), 2) FROM (" + join + ")")) {
            p.setString(1, "eps");
            try (ResultSet r = p.executeQuery()) {
                r.next();
                return r.getLong(1) + " rows, sum " + r.getDouble(2);
            }
        }
    }

    private static List<Bar> bars(InstrumentId id, BarColumns columns) {
        List<Bar> bars = new ArrayList<>(columns.rows());
        for (int d = 0; d < columns.rows(); d++) {
            Instant start = FIRST_DAY.plus(Duration.ofDays(d));
            bars.add(new Bar(id, start, start.plus(Duration.ofDays(1)), price(columns.open()[d]),
                    price(columns.high()[d]), price(columns.low()[d]), price(columns.close()[d]),
                    Quantity.of(BigDecimal.valueOf((long) columns.volume()[d]))));
        }
        return bars;
    }

    private static Price price(double cents) {
        return Price.of(BigDecimal.valueOf(cents));
    }

    /** GENERATED quarterly figures: EPS and book value per share, some restated. */
    private static List<Fundamental> fundamentals(List<InstrumentId> ids, LocalDate first, int days) {
        List<Fundamental> rows = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            SplittableRandom random = new SplittableRandom(50_000 + i);
            double eps = 0.5 + random.nextDouble() * 3;
            double book = 5 + random.nextDouble() * 50;
            for (LocalDate end = first.withDayOfMonth(1).plusMonths(3).minusDays(1); end
                    .isBefore(first.plusDays(days)); end = end.plusDays(1).plusMonths(3).minusDays(1)) {
                Instant published = end.plusDays(20 + random.nextInt(40)).atStartOfDay(ZoneOffset.UTC)
                        .toInstant().plus(Duration.ofHours(21));
                eps *= 1 + (random.nextDouble() - 0.45) * 0.2;
                book *= 1 + (random.nextDouble() - 0.4) * 0.05;
                rows.add(new Fundamental(ids.get(i), "eps", end, published, round(eps)));
                rows.add(new Fundamental(ids.get(i), "book_value", end, published, round(book)));
                if (random.nextInt(3) == 0) {
                    rows.add(new Fundamental(ids.get(i), "eps", end,
                            published.plus(Duration.ofDays(60 + random.nextInt(60))), round(eps * 0.97)));
                }
            }
        }
        return rows;
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    private static double median(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static long size(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> {
                try {
                    return Files.size(f);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).sum();
        }
    }

    private static void delete(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
