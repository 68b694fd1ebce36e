package org.nautilus.api.strategy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
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
 */
public record BacktestSpec(String strategy, Map<String, String> parameters, List<DataFile> data, Instant from,
                           Instant to, BigDecimal initialCash, Execution execution, Map<String, String> risk,
                           Duration equityInterval, double periodsPerYear) {

    public BacktestSpec {
        Objects.requireNonNull(strategy, "strategy");
        parameters = Map.copyOf(parameters);
        data = List.copyOf(data);
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

    /** The instruments of the data files. */
    public Set<InstrumentId> instruments() {
        return Set.copyOf(data.stream().map(DataFile::symbol).toList());
    }

    /**
     * One file in a replay format (trades-csv, bars-csv, bars-json, json-lines, lines).
     *
     * @param path     the file
     * @param format   its format
     * @param symbol   the instrument of its rows
     * @param interval the bar interval ({@code null}: from the file name, else one day)
     */
    public record DataFile(String path, String format, InstrumentId symbol, Duration interval) {
        public DataFile {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(format, "format");
            Objects.requireNonNull(symbol, "symbol");
        }
    }

    /**
     * How the simulated exchange fills orders. Bars become quotes: at a bar's start a quote around its open, at its
     * end one around its close, each {@code slippageBps} from the price on either side (a market order pays it), sized
     * {@code participation} × the bar's volume (what one bar can fill; the rest of a market order is canceled).
     * Trades become quotes the same way around their price, sized by the trade. Quotes from the data are used as
     * they are.
     *
     * @param slippageBps   half-spread of the synthetic quotes, in basis points of the price
     * @param participation the share of a bar's volume the book shows (0..1]
     * @param latency       delay before an order, cancel or amend reaches the book (simulated time)
     * @param makerFeeBps   fee of a resting order's fill (negative: a rebate)
     * @param takerFeeBps   fee of a taking order's fill
     */
    public record Execution(BigDecimal slippageBps, BigDecimal participation, Duration latency, BigDecimal makerFeeBps,
                            BigDecimal takerFeeBps) {
        public Execution {
            Objects.requireNonNull(slippageBps, "slippageBps");
            Objects.requireNonNull(participation, "participation");
            Objects.requireNonNull(latency, "latency");
            Objects.requireNonNull(makerFeeBps, "makerFeeBps");
            Objects.requireNonNull(takerFeeBps, "takerFeeBps");
            if (slippageBps.signum() < 0) {
                throw new IllegalArgumentException("slippage must not be negative, got " + slippageBps.toPlainString());
            }
            if (participation.signum() <= 0 || participation.compareTo(BigDecimal.ONE) > 0) {
                throw new IllegalArgumentException("participation must be in (0, 1], got " + participation.toPlainString());
            }
            if (latency.isNegative()) {
                throw new IllegalArgumentException("latency must not be negative, got " + latency);
            }
        }

        /** 5 bps slippage, 10 % of bar volume, no latency, 1 bp fees both ways. */
        public static Execution defaults() {
            return new Execution(new BigDecimal("5"), new BigDecimal("0.1"), Duration.ZERO, BigDecimal.ONE,
                    BigDecimal.ONE);
        }
    }
}
