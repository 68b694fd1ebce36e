package org.nautilus.research.internal.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Stream;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBDriver;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.marketdata.Bar;
import org.nautilus.api.marketdata.BarSpec;
import org.nautilus.api.research.FactorValue;
import org.nautilus.api.research.store.FactorSeries;
import org.nautilus.api.research.store.FactorStore;
import org.nautilus.api.research.store.FactorStoreException;
import org.nautilus.api.research.store.Fundamental;
import org.nautilus.api.research.store.TimeRange;

/**
 * The factor store as Parquet files under one directory, written and queried by an in-memory DuckDB (no database
 * file: DuckDB lets one process open a database file, while any number of processes can read the Parquet files).
 *
 * <pre>
 * bars/instrument=AAPL.NASDAQ/date=2013/data.parquet          spec, start, end, open..volume (DECIMAL(18,8))
 * values/instrument=AAPL.NASDAQ/date=2013/data.parquet        factor, spec, ts, value
 * fundamentals/instrument=AAPL.NASDAQ/data.parquet            field, period_end, published, value
 * </pre>
 *
 * Hive partitioning: the instrument (percent-encoded as DuckDB does) and the {@link DatePartition date} are in the
 * path, not in the files. A partition is rewritten whole: merged with what it had, written to a temporary file in
 * its directory and renamed over the old one, so a reader sees the old file or the new one, never half of one.
 * One writer per process (the methods that write are synchronized); in a cluster each node writes the instruments
 * it owns and every node reads them all from a shared directory.
 */
public final class DuckDbFactorStore implements FactorStore, AutoCloseable {

    private static final String DATA = "data.parquet";
    private static final String TEMPORARY = ".inprogress";

    private final Path root;
    private final DatePartition partition;
    private final DuckDBConnection database;
    private final AtomicLong fundamentalsWritten = new AtomicLong();

    private DuckDbFactorStore(Path root, DatePartition partition, DuckDBConnection database) {
        this.root = root;
        this.partition = partition;
        this.database = database;
    }

    /**
     * Opens (creating the directory if needed) a store.
     *
     * @param threads DuckDB's worker threads, 0 for one per core
     */
    public static DuckDbFactorStore open(Path root, DatePartition partition, int threads) {
        try {
            Files.createDirectories(root);
            // The driver directly, not DriverManager: in OSGi the driver's class loader is not the caller's.
            DuckDBConnection connection = (DuckDBConnection) new DuckDBDriver().connect("jdbc:duckdb:",
                    new Properties());
            try (Statement statement = connection.createStatement()) {
                Path spill = root.resolve(".duckdb-tmp");
                statement.execute("SET temp_directory = " + literal(spill.toString()));
                if (threads > 0) {
                    statement.execute("SET threads = " + threads);
                }
            }
            return new DuckDbFactorStore(root.toAbsolutePath(), partition, connection);
        } catch (IOException e) {
            throw new FactorStoreException("cannot create the factor store directory " + root + ": " + e.getMessage(),
                    e);
        } catch (SQLException e) {
            throw new FactorStoreException("cannot start DuckDB for the factor store: " + e.getMessage(), e);
        }
    }

    @Override
    public String location() {
        return root.toString();
    }

    @Override
    public void close() {
        try {
            database.close();
        } catch (SQLException e) {
            throw new FactorStoreException("closing DuckDB: " + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------- writes

    @Override
    public synchronized int replaceBars(InstrumentId instrument, BarSpec spec, TimeRange range, List<Bar> bars) {
        for (Bar bar : bars) {
            if (!bar.instrumentId().equals(instrument)) {
                throw new IllegalArgumentException("a bar of " + bar.instrumentId() + " among bars of " + instrument);
            }
            if (!range.contains(bar.end())) {
                throw new IllegalArgumentException(
                        "bar ending " + bar.end() + " is outside the range replaced " + range);
            }
        }
        try (DuckDBConnection c = database.duplicate();
                Statement s = c.createStatement()) {
            s.execute("CREATE TEMP TABLE incoming(part VARCHAR, spec VARCHAR, start_us BIGINT, end_us BIGINT, "
                    + "open DECIMAL(18,8), high DECIMAL(18,8), low DECIMAL(18,8), close DECIMAL(18,8), "
                    + "volume DECIMAL(18,8))");
            Set<String> keys = new TreeSet<>();
            String specText = spec.toString();
            try (DuckDBAppender rows = c.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "incoming")) {
                for (Bar bar : bars) {
                    long end = DatePartition.micros(bar.end());
                    String key = partition.key(end);
                    keys.add(key);
                    rows.beginRow().append(key).append(specText).append(DatePartition.micros(bar.start())).append(end)
                            .appendDecimal(bar.open().raw()).appendDecimal(bar.high().raw())
                            .appendDecimal(bar.low().raw()).appendDecimal(bar.close().raw())
                            .appendDecimal(bar.volume().raw()).endRow();
                }
            }
            String kept = "NOT (spec = " + literal(specText) + " AND \"end\" " + between(range) + ")";
            String columns = "spec, make_timestamp(start_us) AS start, make_timestamp(end_us) AS \"end\", "
                    + "open, high, low, close, volume";
            rewrite(c, Kind.BARS, instrument, range, keys, kept,
                    key -> "SELECT " + columns + " FROM incoming WHERE part = " + literal(key),
                    "spec, start");
            return bars.size();
        } catch (SQLException e) {
            throw new FactorStoreException("writing bars of " + instrument + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized long replaceValues(FactorSeries series, TimeRange range) {
        for (Instant time : series.times()) {
            if (!range.contains(time)) {
                throw new IllegalArgumentException("a value at " + time + " is outside the range replaced " + range);
            }
        }
        InstrumentId instrument = series.instrument();
        try (DuckDBConnection c = database.duplicate();
                Statement s = c.createStatement()) {
            s.execute(
                    "CREATE TEMP TABLE incoming(part VARCHAR, factor VARCHAR, spec VARCHAR, us BIGINT, value DOUBLE)");
            Set<String> keys = new TreeSet<>();
            String specText = series.bars().toString();
            long[] micros = series.times().stream().mapToLong(DatePartition::micros).toArray();
            String[] parts = new String[micros.length];
            for (int row = 0; row < micros.length; row++) {
                parts[row] = partition.key(micros[row]);
                keys.add(parts[row]);
            }
            long written = 0;
            try (DuckDBAppender rows = c.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "incoming")) {
                for (int f = 0; f < series.factors().size(); f++) {
                    String factor = series.factors().get(f);
                    double[] column = series.values()[f];
                    for (int row = 0; row < micros.length; row++) {
                        if (Double.isFinite(column[row])) {
                            rows.beginRow().append(parts[row]).append(factor).append(specText).append(micros[row])
                                    .append(column[row]).endRow();
                            written++;
                        }
                    }
                }
            }
            StringBuilder factors = new StringBuilder();
            for (String factor : series.factors()) {
                factors.append(factors.length() == 0 ? "" : ", ").append(literal(factor));
            }
            String kept = series.factors().isEmpty() ? "true"
                    : "NOT (spec = " + literal(specText) + " AND ts " + between(range) + " AND factor IN (" + factors
                            + "))";
            rewrite(c, Kind.VALUES, instrument, range, keys, kept,
                    key -> "SELECT factor, spec, make_timestamp(us) AS ts, value FROM incoming WHERE part = "
                            + literal(key),
                    "factor, spec, ts");
            return written;
        } catch (SQLException e) {
            throw new FactorStoreException("writing factor values of " + instrument + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized int writeFundamentals(List<Fundamental> rows) {
        Set<InstrumentId> instruments = new TreeSet<>();
        rows.forEach(r -> instruments.add(r.instrument()));
        try (DuckDBConnection c = database.duplicate();
                Statement s = c.createStatement()) {
            s.execute("CREATE TEMP TABLE incoming(instrument VARCHAR, field VARCHAR, period_days INTEGER, "
                    + "published_us BIGINT, value DOUBLE)");
            try (DuckDBAppender appender = c.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "incoming")) {
                for (Fundamental row : rows) {
                    appender.beginRow().append(row.instrument().value()).append(row.field())
                            .append((int) row.periodEnd().toEpochDay()).append(DatePartition.micros(row.published()))
                            .append(row.value()).endRow();
                }
            }
            for (InstrumentId instrument : instruments) {
                Path directory = root.resolve(Kind.FUNDAMENTALS.directory).resolve(instrumentDirectory(instrument));
                Path target = directory.resolve(DATA);
                String incoming = "SELECT DISTINCT ON (field, period_end, published) * FROM (SELECT field, "
                        + "DATE '1970-01-01' + period_days AS period_end, make_timestamp(published_us) AS published, "
                        + "value FROM incoming WHERE instrument = " + literal(instrument.value()) + ")";
                String merged = Files.exists(target)
                        ? "SELECT * FROM " + ownFile(target) + " old ANTI JOIN (" + incoming
                                + ") new USING (field, period_end, published) UNION ALL " + incoming
                        : incoming;
                writeAtomically(s, directory, "SELECT * FROM (" + merged + ") ORDER BY field, period_end, published");
            }
            fundamentalsWritten.incrementAndGet();
            return rows.size();
        } catch (SQLException e) {
            throw new FactorStoreException("writing fundamentals: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new FactorStoreException("writing fundamentals: " + e.getMessage(), e);
        }
    }

    /**
     * Rewrites each partition of an instrument that the range touches or new rows go to: the rows it keeps
     * ({@code kept}, a condition on the old file's rows) and the new ones for that partition.
     */
    private void rewrite(Connection c, Kind kind, InstrumentId instrument, TimeRange range, Set<String> newKeys,
            String kept, Function<String, String> incoming, String order)
            throws SQLException {
        Path directory = root.resolve(kind.directory).resolve(instrumentDirectory(instrument));
        Set<String> keys = new TreeSet<>(newKeys);
        String first = partition.key(range.from());
        String last = partition.key(range.to());
        for (String key : partitionKeys(directory)) {
            if (key.compareTo(first) >= 0 && key.compareTo(last) <= 0) {
                keys.add(key);
            }
        }
        try (Statement s = c.createStatement()) {
            for (String key : keys) {
                Path partitionDirectory = directory.resolve("date=" + key);
                Path old = partitionDirectory.resolve(DATA);
                String select = newKeys.contains(key) ? incoming.apply(key) : null;
                if (Files.exists(old)) {
                    String oldRows = "SELECT * FROM " + ownFile(old) + " WHERE " + kept;
                    select = select == null ? oldRows : oldRows + " UNION ALL " + select;
                }
                writeAtomically(s, partitionDirectory, "SELECT * FROM (" + select + ") ORDER BY " + order);
            }
        } catch (IOException e) {
            throw new FactorStoreException("rewriting " + kind.directory + " of " + instrument + ": " + e.getMessage(),
                    e);
        }
    }

    /**
     * Writes the query's rows as the directory's data file: to a temporary file first, renamed over the old one
     * (atomic), or removes the old file if there are no rows.
     */
    private static void writeAtomically(Statement s, Path directory, String query) throws SQLException, IOException {
        Files.createDirectories(directory);
        Path temporary = directory.resolve("." + UUID.randomUUID() + TEMPORARY);
        Path target = directory.resolve(DATA);
        try {
            s.execute("COPY (" + query + ") TO " + literal(temporary.toString())
                    + " (FORMAT parquet, COMPRESSION zstd)");
            long rows = s.getUpdateCount();
            if (rows == 0) {
                Files.deleteIfExists(target);
                Files.deleteIfExists(temporary);
                return;
            }
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("the file system of " + directory + " cannot rename atomically", e);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    // ---------------------------------------------------------------- reads

    @Override
    public List<InstrumentId> instruments() {
        Set<InstrumentId> instruments = new TreeSet<>();
        for (Kind kind : Kind.values()) {
            for (Path directory : children(root.resolve(kind.directory))) {
                String name = directory.getFileName().toString();
                if (name.startsWith("instrument=")) {
                    instruments.add(InstrumentId.of(decode(name.substring("instrument=".length()))));
                }
            }
        }
        return List.copyOf(instruments);
    }

    @Override
    public List<String> factors() {
        List<Path> files = files(Kind.VALUES, List.of(), null);
        List<String> names = new ArrayList<>();
        if (files.isEmpty()) {
            return names;
        }
        try (DuckDBConnection c = database.duplicate();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT DISTINCT factor FROM " + parquet(files) + " ORDER BY factor")) {
            while (r.next()) {
                names.add(r.getString(1));
            }
            return names;
        } catch (SQLException e) {
            throw new FactorStoreException("listing factors: " + e.getMessage(), e);
        }
    }

    @Override
    public long fundamentalsWritten() {
        return fundamentalsWritten.get();
    }

    @Override
    public List<BarSpec> barSpecs(InstrumentId instrument) {
        List<Path> files = files(Kind.BARS, List.of(instrument), null);
        List<BarSpec> specs = new ArrayList<>();
        if (files.isEmpty()) {
            return specs;
        }
        try (DuckDBConnection c = database.duplicate();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT DISTINCT spec FROM " + parquet(files) + " ORDER BY spec")) {
            while (r.next()) {
                specs.add(BarSpec.parse(r.getString(1)));
            }
            return specs;
        } catch (SQLException e) {
            throw new FactorStoreException("listing the bar series of " + instrument + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<Bar> bars(InstrumentId instrument, BarSpec spec, TimeRange range) {
        List<Path> files = files(Kind.BARS, List.of(instrument), range);
        requireKnown(Kind.BARS, List.of(instrument));
        List<Bar> bars = new ArrayList<>();
        if (files.isEmpty()) {
            return bars;
        }
        String sql = "SELECT epoch_us(start), epoch_us(\"end\"), open, high, low, close, volume FROM " + parquet(files)
                + " WHERE spec = ? AND \"end\" " + between(range) + " ORDER BY \"end\"";
        try (DuckDBConnection c = database.duplicate();
                PreparedStatement p = c.prepareStatement(sql)) {
            p.setString(1, spec.toString());
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    bars.add(new Bar(instrument, DatePartition.instant(r.getLong(1)),
                            DatePartition.instant(r.getLong(2)),
                            Price.of(r.getBigDecimal(3)), Price.of(r.getBigDecimal(4)), Price.of(r.getBigDecimal(5)),
                            Price.of(r.getBigDecimal(6)), Quantity.of(r.getBigDecimal(7))));
                }
            }
            return bars;
        } catch (SQLException e) {
            throw new FactorStoreException("reading bars of " + instrument + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<FactorValue> history(String factor, Collection<InstrumentId> instruments, BarSpec spec, TimeRange range,
            Instant asOf) {
        requireKnown(Kind.VALUES, instruments);
        TimeRange known = range.knownAt(asOf);
        List<Path> files = known == null ? List.of() : files(Kind.VALUES, instruments, known);
        List<FactorValue> values = new ArrayList<>();
        if (!files.isEmpty()) {
            String sql = "SELECT instrument, spec, epoch_us(ts), value FROM " + parquet(files)
                    + " WHERE factor = ? AND ts "
                    + between(known) + (spec == null ? "" : " AND spec = " + literal(spec.toString()));
            values = values(sql, factor, factor, "reading " + factor);
        }
        if (values.isEmpty()) {
            requireFactor(factor);
        }
        return values;
    }

    @Override
    public List<FactorValue> crossSection(String factor, BarSpec spec, Instant asOf) {
        // Newest partitions first: each instrument's latest value is nearly always in the partition of asOf, so one
        // file per instrument is read; only an instrument without a value there is looked for in older ones.
        String asOfKey = partition.key(asOf);
        Map<InstrumentId, Deque<Path>> pending = new TreeMap<>();
        for (Path directory : children(root.resolve(Kind.VALUES.directory))) {
            Deque<Path> older = new ArrayDeque<>();
            for (String key : partitionKeys(directory)) {
                Path file = directory.resolve("date=" + key).resolve(DATA);
                if (key.compareTo(asOfKey) <= 0 && Files.exists(file)) {
                    older.push(file); // the newest ends up first
                }
            }
            if (!older.isEmpty()) {
                pending.put(
                        InstrumentId.of(decode(directory.getFileName().toString().substring("instrument=".length()))),
                        older);
            }
        }
        List<FactorValue> values = new ArrayList<>();
        while (!pending.isEmpty()) {
            List<Path> files = pending.values().stream().map(Deque::pop).toList();
            // Each instrument's newest value by then; of the series with the newest one if there are several.
            String sql = "SELECT instrument, arg_max(spec, ts), epoch_us(max(ts)), arg_max(value, ts) FROM "
                    + parquet(files) + " WHERE factor = ? AND ts <= make_timestamp(" + DatePartition.micros(asOf) + ")"
                    + (spec == null ? "" : " AND spec = " + literal(spec.toString()))
                    + " GROUP BY instrument";
            for (FactorValue value : values(sql, factor, factor, "reading the cross-section of " + factor)) {
                values.add(value);
                pending.remove(value.instrument());
            }
            pending.values().removeIf(Deque::isEmpty);
        }
        values.sort(Comparator.comparing(FactorValue::instrument));
        if (values.isEmpty()) {
            requireFactor(factor);
        }
        return values;
    }

    /**
     * Runs a query whose columns are (instrument, spec, epoch microseconds, value) and whose one parameter is
     * {@code parameter}, ordered by instrument then time, as values named {@code factor}. The rows go to a temporary
     * table first and come back as numbers, the instrument and series as indexes into their few distinct names:
     * reading a string per row through JDBC costs ten times the rest.
     */
    private List<FactorValue> values(String sql, String parameter, String factor, String what) {
        List<FactorValue> values = new ArrayList<>();
        try (DuckDBConnection c = database.duplicate()) {
            try (PreparedStatement p = c.prepareStatement("CREATE TEMP TABLE hits AS SELECT * FROM (" + sql
                    + ") h(instrument, spec, us, value)")) {
                p.setString(1, parameter);
                p.execute();
            }
            List<InstrumentId> instruments = new ArrayList<>();
            List<BarSpec> specs = new ArrayList<>();
            try (Statement s = c.createStatement()) {
                s.execute(
                        "CREATE TEMP TABLE names AS SELECT instrument, row_number() OVER (ORDER BY instrument) - 1 AS i "
                                + "FROM (SELECT DISTINCT instrument FROM hits)");
                s.execute("CREATE TEMP TABLE specs AS SELECT spec, row_number() OVER (ORDER BY spec) - 1 AS i "
                        + "FROM (SELECT DISTINCT spec FROM hits)");
                try (ResultSet r = s.executeQuery("SELECT instrument FROM names ORDER BY i")) {
                    while (r.next()) {
                        instruments.add(InstrumentId.of(r.getString(1)));
                    }
                }
                try (ResultSet r = s.executeQuery("SELECT spec FROM specs ORDER BY i")) {
                    while (r.next()) {
                        specs.add(BarSpec.parse(r.getString(1)));
                    }
                }
                try (ResultSet r = s.executeQuery("SELECT n.i, s.i, h.us, h.value FROM hits h JOIN names n USING "
                        + "(instrument) JOIN specs s USING (spec) ORDER BY n.i, h.us, s.i")) {
                    while (r.next()) {
                        values.add(new FactorValue(factor, instruments.get(r.getInt(1)), r.getDouble(4),
                                DatePartition.instant(r.getLong(3)), specs.get(r.getInt(2))));
                    }
                }
            }
            return values;
        } catch (SQLException e) {
            throw new FactorStoreException(what + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<Fundamental> fundamentals(InstrumentId instrument, Instant asOf) {
        requireKnown(Kind.FUNDAMENTALS, List.of(instrument));
        List<Path> files = files(Kind.FUNDAMENTALS, List.of(instrument), null);
        String sql = "SELECT field, period_end, epoch_us(max(published)), arg_max(value, published) FROM "
                + parquet(files) + " WHERE published <= make_timestamp(?) GROUP BY field, period_end "
                + "ORDER BY field, period_end";
        List<Fundamental> rows = new ArrayList<>();
        try (DuckDBConnection c = database.duplicate();
                PreparedStatement p = c.prepareStatement(sql)) {
            p.setLong(1, DatePartition.micros(asOf));
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    rows.add(new Fundamental(instrument, r.getString(1), r.getObject(2, LocalDate.class),
                            DatePartition.instant(r.getLong(3)), r.getDouble(4)));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new FactorStoreException("reading fundamentals of " + instrument + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<Fundamental> fundamentalHistory(InstrumentId instrument) {
        requireKnown(Kind.FUNDAMENTALS, List.of(instrument));
        List<Path> files = files(Kind.FUNDAMENTALS, List.of(instrument), null);
        String sql = "SELECT field, period_end, epoch_us(published), value FROM " + parquet(files)
                + " ORDER BY published, field, period_end";
        List<Fundamental> rows = new ArrayList<>();
        try (DuckDBConnection c = database.duplicate();
                PreparedStatement p = c.prepareStatement(sql);
                ResultSet r = p.executeQuery()) {
            while (r.next()) {
                rows.add(new Fundamental(instrument, r.getString(1), r.getObject(2, LocalDate.class),
                        DatePartition.instant(r.getLong(3)), r.getDouble(4)));
            }
            return rows;
        } catch (SQLException e) {
            throw new FactorStoreException("reading the fundamentals history of " + instrument + ": " + e.getMessage(),
                    e);
        }
    }

    @Override
    public List<FactorValue> fundamentalOnBars(String field, Collection<InstrumentId> instruments, BarSpec spec,
            TimeRange range) {
        requireKnown(Kind.FUNDAMENTALS, instruments);
        requireKnown(Kind.BARS, instruments);
        List<Path> fundamentals = files(Kind.FUNDAMENTALS, instruments, null);
        List<Path> bars = files(Kind.BARS, instruments, range);
        if (fundamentals.isEmpty() || bars.isEmpty()) {
            return List.of();
        }
        List<FactorValue> values = values(pointInTimeJoin(parquet(bars), parquet(fundamentals), spec, range), field,
                field,
                "joining " + field + " with bars");
        if (values.isEmpty() && !hasField(fundamentals, field)) {
            throw new IllegalArgumentException("no fundamental field '" + field + "' for " + instruments);
        }
        return values;
    }

    /**
     * The point-in-time join: each bar with the field as known at its end. {@code known} is, at each publication
     * time, the latest period published by then in its latest revision by then (a restatement of an older period
     * published later does not replace a newer period); {@code ASOF JOIN} picks for each bar the last publication
     * at or before its end. Its one parameter is the field.
     */
    public static String pointInTimeJoin(String barsTable, String fundamentalsTable, BarSpec spec, TimeRange range) {
        return "WITH f AS (SELECT instrument, period_end, published, value FROM " + fundamentalsTable
                + " WHERE field = ?), "
                + "known AS (SELECT DISTINCT instrument, published, arg_max(value, {'period': period_end, "
                + "'published': published}) OVER (PARTITION BY instrument ORDER BY published RANGE BETWEEN UNBOUNDED "
                + "PRECEDING AND CURRENT ROW) AS value FROM f), "
                + "b AS (SELECT instrument, \"end\" FROM " + barsTable + " WHERE spec = " + literal(spec.toString())
                + " AND \"end\" " + between(range) + ") "
                + "SELECT b.instrument, " + literal(spec.toString())
                + ", epoch_us(b.\"end\"), k.value FROM b ASOF JOIN known k "
                + "ON b.instrument = k.instrument AND b.\"end\" >= k.published";
    }

    private boolean hasField(List<Path> fundamentals, String field) {
        String sql = "SELECT count(*) FROM " + parquet(fundamentals) + " WHERE field = ?";
        try (DuckDBConnection c = database.duplicate();
                PreparedStatement p = c.prepareStatement(sql)) {
            p.setString(1, field);
            try (ResultSet r = p.executeQuery()) {
                r.next();
                return r.getLong(1) > 0;
            }
        } catch (SQLException e) {
            throw new FactorStoreException("reading fundamentals: " + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------- files

    private enum Kind {
        BARS("bars"), VALUES("values"), FUNDAMENTALS("fundamentals");

        final String directory;

        Kind(String directory) {
            this.directory = directory;
        }
    }

    /** Refuses instruments the store has nothing of this kind for. */
    private void requireKnown(Kind kind, Collection<InstrumentId> instruments) {
        List<String> unknown = new ArrayList<>();
        for (InstrumentId instrument : instruments) {
            if (!Files.isDirectory(root.resolve(kind.directory).resolve(instrumentDirectory(instrument)))) {
                unknown.add(instrument.value());
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(
                    "the factor store has no " + kind.directory + " of " + String.join(", ", unknown)
                            + " (instruments: " + instruments() + ")");
        }
    }

    private void requireFactor(String factor) {
        List<String> known = factors();
        if (!known.contains(factor)) {
            throw new IllegalArgumentException("the factor store has no values of factor '" + factor + "' ("
                    + known.size() + " factors stored" + (known.isEmpty() ? ": run nautilus:factor-backfill"
                            : ", e.g. "
                                    + known.subList(0, Math.min(5, known.size())))
                    + ")");
        }
    }

    /**
     * The data files of a kind for the instruments (all if empty) whose date partition may hold times in
     * {@code range} (all if null).
     */
    private List<Path> files(Kind kind, Collection<InstrumentId> instruments, TimeRange range) {
        List<Path> directories = new ArrayList<>();
        Path base = root.resolve(kind.directory);
        if (instruments.isEmpty()) {
            directories.addAll(children(base));
        } else {
            new TreeSet<>(instruments).forEach(i -> directories.add(base.resolve(instrumentDirectory(i))));
        }
        String first = range == null ? null : partition.key(range.from());
        String last = range == null ? null : partition.key(range.to());
        List<Path> files = new ArrayList<>();
        for (Path directory : directories) {
            if (kind == Kind.FUNDAMENTALS) {
                Path file = directory.resolve(DATA);
                if (Files.exists(file)) {
                    files.add(file);
                }
                continue;
            }
            for (String key : partitionKeys(directory)) {
                if (range == null || (key.compareTo(first) >= 0 && key.compareTo(last) <= 0)) {
                    Path file = directory.resolve("date=" + key).resolve(DATA);
                    if (Files.exists(file)) {
                        files.add(file);
                    }
                }
            }
        }
        return files;
    }

    private static Set<String> partitionKeys(Path instrumentDirectory) {
        Set<String> keys = new TreeSet<>();
        for (Path child : children(instrumentDirectory)) {
            String name = child.getFileName().toString();
            if (name.startsWith("date=")) {
                keys.add(name.substring("date=".length()));
            }
        }
        return keys;
    }

    private static List<Path> children(Path directory) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(directory)) {
            return list.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One data file as it is, without the columns of its path. */
    private static String ownFile(Path file) {
        return "read_parquet(" + literal(file.toString()) + ", hive_partitioning = false)";
    }

    /** A read of the files with hive partitioning: the instrument (and date) come from the path. */
    private static String parquet(List<Path> files) {
        StringBuilder list = new StringBuilder("read_parquet([");
        for (int i = 0; i < files.size(); i++) {
            list.append(i == 0 ? "" : ", ").append(literal(files.get(i).toString()));
        }
        boolean dated = files.get(0).getParent().getFileName().toString().startsWith("date=");
        return list.append("], hive_partitioning = true, hive_types = {'instrument': VARCHAR")
                .append(dated ? ", 'date': VARCHAR})" : "})").toString();
    }

    /** {@code instrument=<value>}, percent-encoding what is not a letter, digit, '.', '-' or '_' (as DuckDB does). */
    static String instrumentDirectory(InstrumentId instrument) {
        StringBuilder name = new StringBuilder("instrument=");
        for (char ch : instrument.value().toCharArray()) {
            if (Character.isLetterOrDigit(ch) && ch < 128 || ch == '.' || ch == '-' || ch == '_') {
                name.append(ch);
            } else {
                name.append('%').append(String.format("%02X", (int) ch));
            }
        }
        return name.toString();
    }

    private static String decode(String encoded) {
        return URLDecoder.decode(encoded.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String between(TimeRange range) {
        return "BETWEEN make_timestamp(" + DatePartition.micros(range.from()) + ") AND make_timestamp("
                + DatePartition.micros(range.to()) + ")";
    }

    public static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
