package org.nautilus.api.strategy;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.nautilus.api.domain.InstrumentId;

/**
 * What to backtest and how the simulated market fills it.
 *
 * @param strategy       the {@link Strategy#NAME_PROPERTY} of the strategy to run
 * @param parameters     the strategy's parameters (as in its {@code .cfg})
 * @param data           the files to replay, merged in time order
 * @param from           the first data time the strategy sees ({@code null}: the start of the data); earlier data only
 *                       sets the market (marks, bar history the strategy can read with {@code bars})
 * @param to             the last data time ({@code null}: the end of the data)
 * @param initialCash    the starting equity in the portfolio's currency
 * @param execution      fill, latency and fee settings
 * @param risk           limits of the pre-trade risk rules, as in {@code etc/nautilus.risk.*.cfg} ({@code max.quantity},
 *                       {@code max.notional}, {@code max.position}, {@code max.leverage}, {@code max.loss},
 *                       {@code max.deviation.percent}, {@code max.orders}); absent keys take the backtest's defaults
 * @param equityInterval how often the equity curve is sampled (P1D: daily, at UTC midnight)
 * @param periodsPerYear how many equity points make a year (252 for daily bars)
 * @param storeFactors   factors whose stored values (the factor store's, on the data's instruments) the strategy
 *                       reads, each released at the time it became known, merged in time order with the data (empty:
 *                       none; {@code store.factors})
 */
public record BacktestSpec(String strategy, Map<String, String> parameters, List<DataFile> data, Instant from,
        Instant to, BigDecimal initialCash, Execution execution, Map<String, String> risk,
        Duration equityInterval, double periodsPerYear, List<String> storeFactors) {

    /** Without factor values from the store. */
    public BacktestSpec(String strategy, Map<String, String> parameters, List<DataFile> data, Instant from,
            Instant to, BigDecimal initialCash, Execution execution, Map<String, String> risk,
            Duration equityInterval, double periodsPerYear) {
        this(strategy, parameters, data, from, to, initialCash, execution, risk, equityInterval, periodsPerYear,
                List.of());
    }

    public BacktestSpec {
        Objects.requireNonNull(strategy, "strategy");
        parameters = Map.copyOf(parameters);
        data = List.copyOf(data);
        storeFactors = List.copyOf(storeFactors);
        if (!storeFactors.isEmpty() && data.stream().noneMatch(DataFile::fromStore)) {
            throw new IllegalArgumentException("store.factors " + storeFactors
                    + " needs the factor store: name at least one data.N.store");
        }
        risk = Map.copyOf(risk);
        Objects.requireNonNull(equityInterval, "equityInterval");
        if (equityInterval.isNegative() || equityInterval.isZero()) {
            throw new IllegalArgumentException("the equity interval must be positive, got " + equityInterval);
        }
        Objects.requireNonNull(initialCash, "initialCash");
        Objects.requireNonNull(execution, "execution");
        if (data.isEmpty()) {
            throw new IllegalArgumentException("a backtest needs at least one data file");
        }
        if (initialCash.signum() <= 0) {
            throw new IllegalArgumentException("initial cash must be positive, got " + initialCash.toPlainString());
        }
        if (!(periodsPerYear > 0)) {
            throw new IllegalArgumentException("periods per year must be positive, got " + periodsPerYear);
        }
        if (from != null && to != null && to.isBefore(from)) {
            throw new IllegalArgumentException("to " + to + " is before from " + from);
        }
    }

    /**
     * Reads a spec from {@code key = value} settings (a {@code .properties} file):
     * <pre>
     * strategy = ma-cross
     * data.1.file = samples/appleinc_bars_from_20130101_usd.csv    # data.2.*, data.3.*: more files
     * data.1.format = bars-csv
     * data.1.symbol = AAPL.NASDAQ
     * data.1.interval = P1D                                        # optional
     * data.2.store = P1D                                           # instead of a file: the factor store's bars
     * data.2.symbol = MSFT.NASDAQ                                  #   of this bar series (P1D, PT5M) of the symbol
     * store.factors = mom20,vol20                                  # optional: stored factor values to read
     * param.fast = 10                                              # the strategy's parameters
     * from = 2013-03-01   to = 2013-12-31                          # optional: dates (UTC) or instants
     * initial.cash = 100000
     * slippage.bps = 5   participation = 0.1   latency.ms = 0   maker.fee.bps = 1   taker.fee.bps = 1
     * amend.latency.ms = 0   cancel.latency.ms = 0                 # optional: default latency.ms
     * queue.position = true                                        # optional: resting orders queue (default true)
     * fee.per.share = 0.005   fee.minimum = 1                      # optional: per share, and at least per order
     * slippage.model = bps                                         # bps (default), ticks or sqrt-impact
     * slippage.ticks = 2                                           # ticks: the quote this many ticks either side
     * impact.k = 1   impact.window = 20                            # sqrt-impact: k, and bars for the volatility
     * risk.max.leverage = 10                                       # risk.*: the rules' limits
     * equity.interval = P1D   periods.per.year = 252
     * </pre>
     *
     * @throws IllegalArgumentException naming the key that is missing or malformed
     */
    public static BacktestSpec fromProperties(Map<String, String> settings) {
        return fromSettings(settings);
    }

    /**
     * The settings of a spec file (Java properties, UTF-8), for {@link #fromProperties}; the shell, {@code bin/backtest}
     * and the HTTP API read spec files with it.
     *
     * @param name how the caller named the file (for the error)
     * @throws IllegalArgumentException if the file is missing or cannot be read, naming it
     * @since 1.2
     */
    public static Map<String, String> readSettings(Path file, String name) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("spec file " + name + " not found (looked at " + file + ")");
        }
        Properties p = new Properties();
        try (Reader reader = Files.newBufferedReader(file,
                StandardCharsets.UTF_8)) {
            p.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("spec file " + name + " cannot be read: " + e.getMessage(), e);
        }
        Map<String, String> values = new TreeMap<>();
        p.stringPropertyNames().forEach(k -> values.put(k, p.getProperty(k)));
        return values;
    }

    private static BacktestSpec fromSettings(Map<String, String> settings) {
        Function<String, String> get = key -> {
            String v = settings.get(key);
            return v == null || v.isBlank() ? null : v.strip();
        };
        String strategy = get.apply("strategy");
        if (strategy == null) {
            throw new IllegalArgumentException("strategy is required: the name of a registered strategy");
        }
        List<DataFile> files = new ArrayList<>();
        for (int i = 1; get.apply("data." + i + ".file") != null || get.apply("data." + i + ".store") != null; i++) {
            String symbol = get.apply("data." + i + ".symbol");
            String stored = get.apply("data." + i + ".store");
            if (stored != null) {
                if (get.apply("data." + i + ".file") != null) {
                    throw new IllegalArgumentException("data." + i + " names both a file and the store: one of them");
                }
                if (symbol == null) {
                    throw new IllegalArgumentException("data." + i + ".store needs data." + i + ".symbol");
                }
                files.add(DataFile.store(stored, InstrumentId.of(symbol)));
                continue;
            }
            String format = get.apply("data." + i + ".format");
            if (format == null || symbol == null) {
                throw new IllegalArgumentException("data." + i + " needs a format and a symbol");
            }
            String interval = get.apply("data." + i + ".interval");
            files.add(new DataFile(get.apply("data." + i + ".file"), format, InstrumentId.of(symbol),
                    interval == null ? null : duration("data." + i + ".interval", interval)));
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException(
                    "data.1.file is required: a market data file to replay (or data.1.store: stored bars)");
        }
        Map<String, String> parameters = new TreeMap<>();
        Map<String, String> risk = new TreeMap<>();
        settings.forEach((k, v) -> {
            if (k.startsWith("param.")) {
                parameters.put(k.substring("param.".length()), v.strip());
            } else if (k.startsWith("risk.")) {
                risk.put(k.substring("risk.".length()), v.strip());
            }
        });
        Execution defaults = Execution.defaults();
        Duration latency = millis("latency.ms", get.apply("latency.ms"), Duration.ZERO);
        Execution execution = new Execution(
                decimal("slippage.bps", get.apply("slippage.bps"), defaults.slippageBps()),
                decimal("participation", get.apply("participation"), defaults.participation()),
                latency,
                decimal("maker.fee.bps", get.apply("maker.fee.bps"), defaults.makerFeeBps()),
                decimal("taker.fee.bps", get.apply("taker.fee.bps"), defaults.takerFeeBps()),
                decimal("fee.per.share", get.apply("fee.per.share"), BigDecimal.ZERO),
                decimal("fee.minimum", get.apply("fee.minimum"), BigDecimal.ZERO),
                millis("amend.latency.ms", get.apply("amend.latency.ms"), latency),
                millis("cancel.latency.ms", get.apply("cancel.latency.ms"), latency),
                bool("queue.position", get.apply("queue.position"), true),
                slippage(get));
        String interval = get.apply("equity.interval");
        return new BacktestSpec(strategy, parameters, files, instant("from", get.apply("from")),
                instant("to", get.apply("to")), decimal("initial.cash", get.apply("initial.cash"),
                        new BigDecimal("100000")),
                execution, risk,
                interval == null ? Duration.ofDays(1) : duration("equity.interval", interval),
                decimal("periods.per.year", get.apply("periods.per.year"), BigDecimal.valueOf(252)).doubleValue(),
                get.apply("store.factors") == null ? List.of()
                        : List.of(get.apply("store.factors").split("\\s*,\\s*")));
    }

    private static Slippage slippage(Function<String, String> get) {
        String model = get.apply("slippage.model");
        Slippage.Model chosen;
        if (model == null) {
            chosen = Slippage.Model.BPS;
        } else {
            chosen = switch (model.toLowerCase(Locale.ROOT)) {
                case "bps" -> Slippage.Model.BPS;
                case "ticks" -> Slippage.Model.TICKS;
                case "sqrt-impact" -> Slippage.Model.SQRT_IMPACT;
                default -> throw new IllegalArgumentException(
                        "slippage.model must be bps, ticks or sqrt-impact, got '" + model + "'");
            };
        }
        return new Slippage(chosen,
                whole("slippage.ticks", get.apply("slippage.ticks"), chosen == Slippage.Model.TICKS ? 1 : 0),
                decimal("impact.k", get.apply("impact.k"), chosen == Slippage.Model.SQRT_IMPACT ? BigDecimal.ONE
                        : BigDecimal.ZERO),
                whole("impact.window", get.apply("impact.window"), 20));
    }

    private static int whole(String key, String text, int defaultValue) {
        try {
            return text == null ? defaultValue : Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, got '" + text + "'", e);
        }
    }

    private static BigDecimal decimal(String key, String text, BigDecimal defaultValue) {
        try {
            return text == null ? defaultValue : new BigDecimal(text);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException(key + " must be a number, got '" + text + "'", e);
        }
    }

    private static Duration millis(String key, String text, Duration defaultValue) {
        try {
            return text == null ? defaultValue : Duration.ofMillis(new BigDecimal(text).longValueExact());
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException(key + " must be a whole number of milliseconds, got '" + text + "'", e);
        }
    }

    private static boolean bool(String key, String text, boolean defaultValue) {
        if (text == null) {
            return defaultValue;
        }
        if (!text.equalsIgnoreCase("true") && !text.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException(key + " must be true or false, got '" + text + "'");
        }
        return Boolean.parseBoolean(text);
    }

    private static Duration duration(String key, String text) {
        try {
            return Duration.parse(text.toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(key + " must be an ISO-8601 duration (P1D, PT1M), got '" + text + "'",
                    e);
        }
    }

    private static Instant instant(String key, String text) {
        if (text == null) {
            return null;
        }
        try {
            return text.contains("T") ? Instant.parse(text)
                    : LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(key + " must be a date (2013-03-01) or an instant "
                    + "(2013-03-01T00:00:00Z), got '" + text + "'", e);
        }
    }

    /** This spec over other data files. */
    public BacktestSpec withData(List<DataFile> files) {
        return new BacktestSpec(strategy, parameters, files, from, to, initialCash, execution, risk, equityInterval,
                periodsPerYear, storeFactors);
    }

    /** The instruments of the data files. */
    public Set<InstrumentId> instruments() {
        return Set.copyOf(data.stream().map(DataFile::symbol).toList());
    }

    /**
     * One file in a replay format (trades-csv, bars-csv, bars-json, json-lines, lines), or the factor store's bars of
     * one series ({@link #STORE_FORMAT}, the series in {@code path}).
     *
     * @param path     the file, or the bar series of stored bars ({@code P1D})
     * @param format   its format
     * @param symbol   the instrument of its rows
     * @param interval the bar interval ({@code null}: from the file name, else one day)
     */
    public record DataFile(String path, String format, InstrumentId symbol, Duration interval) {

        /**
         * The format of stored bars: read from the factor store, not a file.
         *
         * @since 1.4
         */
        public static final String STORE_FORMAT = "factor-store";

        public DataFile {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(format, "format");
            Objects.requireNonNull(symbol, "symbol");
        }

        /**
         * The factor store's bars of {@code series} (a bar spec: {@code P1D}, {@code PT5M}) of an instrument.
         *
         * @since 1.4
         */
        public static DataFile store(String series, InstrumentId symbol) {
            return new DataFile(series, STORE_FORMAT, symbol, null);
        }

        /** Whether these are stored bars. */
        public boolean fromStore() {
            return STORE_FORMAT.equals(format);
        }
    }

    /**
     * How the simulated exchange fills orders. Bars become quotes: at a bar's start a quote around its open, at its
     * end one around its close, each {@code slippageBps} from the price on either side (a market order pays it), sized
     * {@code participation} × the bar's volume (what one bar can fill; the rest of a market order is canceled).
     * Trades become quotes the same way around their price, sized by the trade. Quotes from the data are used as
     * they are.
     *
     * <p>With {@code queuePosition}, a resting limit order waits behind the quantity the book showed at its price when
     * it arrived; the data's trades at its price consume that queue first and fill the order only beyond it, a trade
     * through its price fills it, and a level shown smaller takes the queue down only below it (cancels are assumed
     * to come from the back). Bars and quotes carry no trades: there a resting order fills when a later quote's
     * opposite side reaches its price, with or without queue position.
     *
     * @param slippageBps   half-spread of the synthetic quotes, in basis points of the price
     * @param participation the share of a bar's volume the book shows (0..1]
     * @param latency       delay before a new order reaches the book (simulated time)
     * @param makerFeeBps   fee of a resting order's fill (negative: a rebate)
     * @param takerFeeBps   fee of a taking order's fill
     * @param amendLatency  delay before an amend reaches the book (an order may fill meanwhile)
     * @param cancelLatency delay before a cancel reaches the book (an order may fill meanwhile: the cancel is too late)
     * @param queuePosition whether resting limit orders queue behind the displayed quantity (see above)
     * @param slippage      how the synthetic quotes' half-spread is set and whether a taker pays its size's impact
     *                      (see {@link Slippage})
     */
    public record Execution(BigDecimal slippageBps, BigDecimal participation, Duration latency, BigDecimal makerFeeBps,
            BigDecimal takerFeeBps, BigDecimal feePerShare, BigDecimal feeMinimum, Duration amendLatency,
            Duration cancelLatency, boolean queuePosition, Slippage slippage) {

        /** Slippage in basis points ({@code slippageBps}) without impact. */
        public Execution(BigDecimal slippageBps, BigDecimal participation, Duration latency, BigDecimal makerFeeBps,
                BigDecimal takerFeeBps, BigDecimal feePerShare, BigDecimal feeMinimum, Duration amendLatency,
                Duration cancelLatency, boolean queuePosition) {
            this(slippageBps, participation, latency, makerFeeBps, takerFeeBps, feePerShare, feeMinimum, amendLatency,
                    cancelLatency, queuePosition, Slippage.BPS);
        }

        /** Amends and cancels as slow as new orders, with queue position. */
        public Execution(BigDecimal slippageBps, BigDecimal participation, Duration latency, BigDecimal makerFeeBps,
                BigDecimal takerFeeBps, BigDecimal feePerShare, BigDecimal feeMinimum) {
            this(slippageBps, participation, latency, makerFeeBps, takerFeeBps, feePerShare, feeMinimum, latency,
                    latency, true);
        }

        /** Basis-point fees only. */
        public Execution(BigDecimal slippageBps, BigDecimal participation, Duration latency, BigDecimal makerFeeBps,
                BigDecimal takerFeeBps) {
            this(slippageBps, participation, latency, makerFeeBps, takerFeeBps, BigDecimal.ZERO, BigDecimal.ZERO);
        }

        public Execution {
            Objects.requireNonNull(feePerShare, "feePerShare");
            Objects.requireNonNull(feeMinimum, "feeMinimum");
            if (feePerShare.signum() < 0 || feeMinimum.signum() < 0) {
                throw new IllegalArgumentException("fee.per.share and fee.minimum must not be negative, got "
                        + feePerShare.toPlainString() + " and " + feeMinimum.toPlainString());
            }
            Objects.requireNonNull(slippageBps, "slippageBps");
            Objects.requireNonNull(participation, "participation");
            Objects.requireNonNull(latency, "latency");
            Objects.requireNonNull(makerFeeBps, "makerFeeBps");
            Objects.requireNonNull(takerFeeBps, "takerFeeBps");
            if (slippageBps.signum() < 0) {
                throw new IllegalArgumentException("slippage must not be negative, got " + slippageBps.toPlainString());
            }
            if (participation.signum() <= 0 || participation.compareTo(BigDecimal.ONE) > 0) {
                throw new IllegalArgumentException(
                        "participation must be in (0, 1], got " + participation.toPlainString());
            }
            Objects.requireNonNull(slippage, "slippage");
            Objects.requireNonNull(amendLatency, "amendLatency");
            Objects.requireNonNull(cancelLatency, "cancelLatency");
            if (latency.isNegative() || amendLatency.isNegative() || cancelLatency.isNegative()) {
                throw new IllegalArgumentException("latencies must not be negative, got " + latency + " (orders), "
                        + amendLatency + " (amends), " + cancelLatency + " (cancels)");
            }
        }

        /** This execution with amends and cancels reaching the book after their own delays. */
        public Execution withAmendCancelLatency(Duration amend, Duration cancel) {
            return new Execution(slippageBps, participation, latency, makerFeeBps, takerFeeBps, feePerShare,
                    feeMinimum, amend, cancel, queuePosition, slippage);
        }

        /** This execution with queue position on or off. */
        public Execution withQueuePosition(boolean on) {
            return new Execution(slippageBps, participation, latency, makerFeeBps, takerFeeBps, feePerShare,
                    feeMinimum, amendLatency, cancelLatency, on, slippage);
        }

        /**
         * This execution with another slippage model.
         *
         * @since 1.4
         */
        public Execution withSlippage(Slippage model) {
            return new Execution(slippageBps, participation, latency, makerFeeBps, takerFeeBps, feePerShare,
                    feeMinimum, amendLatency, cancelLatency, queuePosition, model);
        }

        /** 5 bps slippage, 10 % of bar volume, no latency, 1 bp fees both ways, queue position. */
        public static Execution defaults() {
            return new Execution(new BigDecimal("5"), new BigDecimal("0.1"), Duration.ZERO, BigDecimal.ONE,
                    BigDecimal.ONE);
        }
    }

    /**
     * How a backtest's fills slip, set by {@code slippage.model}:
     * <ul>
     * <li>{@code bps} (the default): each data price is quoted {@code slippage.bps} basis points either side; a market
     * order pays that half-spread whatever its size.</li>
     * <li>{@code ticks}: quoted {@code slippage.ticks} ticks (the run's {@code tick.size}) either side instead, the same
     * money whatever the price.</li>
     * <li>{@code sqrt-impact}: quoted as {@code bps}, and a taking order's fill moves further against it by the
     * square-root law of market impact: {@code k × σ × √(q / V) × price}, where q is the order's quantity, V the last
     * bar's volume and σ the standard deviation (sample, n − 1) of the last {@code impact.window} close-to-close
     * returns (simple returns) of the instrument's bars released so far, rounded up to the tick; a limit order never
     * pays beyond its limit. Without two returns yet, or a bar volume, there is no impact. Only bars feed it (trades
     * and quotes do not).</li>
     * </ul>
     *
     * @param model        which model
     * @param ticks        half-spread in ticks ({@code ticks}: at least 1)
     * @param impactK      k of the square-root law ({@code sqrt-impact}: positive)
     * @param impactWindow bars of returns σ is measured over (at least 2)
     * @since 1.4
     */
    public record Slippage(Model model, int ticks, BigDecimal impactK, int impactWindow) {

        /** The default: basis points, no impact. */
        public static final Slippage BPS = new Slippage(Model.BPS, 0, BigDecimal.ZERO, 20);

        /** The models {@code slippage.model} names. */
        public enum Model {
            BPS, TICKS, SQRT_IMPACT
        }

        public Slippage {
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(impactK, "impactK");
            if (model == Model.TICKS && ticks < 1) {
                throw new IllegalArgumentException("slippage.ticks must be at least 1, got " + ticks);
            }
            if (ticks < 0) {
                throw new IllegalArgumentException("slippage.ticks must not be negative, got " + ticks);
            }
            if (model == Model.SQRT_IMPACT && impactK.signum() <= 0) {
                throw new IllegalArgumentException("impact.k must be positive, got " + impactK.toPlainString());
            }
            if (impactK.signum() < 0) {
                throw new IllegalArgumentException("impact.k must not be negative, got " + impactK.toPlainString());
            }
            if (impactWindow < 2) {
                throw new IllegalArgumentException("impact.window must be at least 2 bars, got " + impactWindow);
            }
        }

        /** {@code n} ticks either side. */
        public static Slippage ticks(int n) {
            return new Slippage(Model.TICKS, n, BigDecimal.ZERO, 20);
        }

        /** The square-root impact with {@code k} over {@code window} bars. */
        public static Slippage sqrtImpact(BigDecimal k, int window) {
            return new Slippage(Model.SQRT_IMPACT, 0, k, window);
        }
    }
}
