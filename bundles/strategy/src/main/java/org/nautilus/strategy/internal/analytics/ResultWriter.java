package org.nautilus.strategy.internal.analytics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.nautilus.api.domain.Fill;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.VenueId;
import org.nautilus.api.strategy.PerformanceMetrics;

/**
 * Writes a run's records as CSV (orders, fills, equity curve) and says their SHA-256 digest: two runs with the same
 * digest made the same orders, fills and equity to the last byte.
 */
public final class ResultWriter {

    private ResultWriter() {
    }

    /**
     * The next free id {@code <prefix>-NNNN} of a results folder (creating the folder that holds them): a run's id.
     */
    public static String nextId(Path results, String prefix) throws IOException {
        Files.createDirectories(results);
        int n = 1;
        while (Files.exists(results.resolve(String.format("%s-%04d", prefix, n)))) {
            n++;
        }
        return String.format("%s-%04d", prefix, n);
    }

    /** Writes {@code orders.csv}, {@code fills.csv} and {@code equity.csv} into {@code folder}; returns the digest. */
    public static String writeRecords(Path folder, List<Order> orders, List<Fill> fills, List<EquityPoint> equity)
            throws IOException {
        Files.createDirectories(folder);
        StringBuilder o = new StringBuilder("order_id,client_order_id,instrument,side,type,quantity,limit_price,status,"
                + "filled,average_price,venue,reason,created,updated\n");
        for (Order order : orders) {
            o.append(order.id().value()).append(',').append(order.clientOrderId().value()).append(',')
                    .append(order.instrumentId().value()).append(',').append(order.side()).append(',')
                    .append(order.request().type()).append(',').append(order.quantity()).append(',')
                    .append(text(order.request().limitPrice())).append(',').append(order.status()).append(',')
                    .append(order.filledQuantity()).append(',').append(text(order.averagePrice())).append(',')
                    .append(text(order.venueId())).append(',').append(csv(order.reason())).append(',')
                    .append(order.createdAt()).append(',').append(order.updatedAt()).append('\n');
        }
        StringBuilder f = new StringBuilder(
                "execution_id,order_id,time,instrument,side,quantity,price,commission,venue\n");
        for (Fill fill : fills) {
            f.append(fill.executionId()).append(',').append(fill.orderId().value()).append(',').append(fill.timestamp())
                    .append(',').append(fill.instrumentId().value()).append(',').append(fill.side()).append(',')
                    .append(fill.quantity()).append(',').append(fill.price()).append(',').append(fill.commission())
                    .append(',').append(fill.venueId().value()).append('\n');
        }
        StringBuilder e = new StringBuilder("time,equity,gross,net\n");
        for (EquityPoint p : equity) {
            e.append(p.time()).append(',').append(number(p.equity())).append(',').append(number(p.gross())).append(',')
                    .append(number(p.net())).append('\n');
        }
        byte[][] files = {bytes(o), bytes(f), bytes(e)};
        Files.write(folder.resolve("orders.csv"), files[0]);
        Files.write(folder.resolve("fills.csv"), files[1]);
        Files.write(folder.resolve("equity.csv"), files[2]);
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (byte[] file : files) {
                sha.update(file);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", ex);
        }
    }

    /** Monthly returns: the equity at each month's last point over the previous month's last (or the start). */
    public static Map<YearMonth, Double> monthlyReturns(List<EquityPoint> equity) {
        Map<YearMonth, Double> monthEnd = new TreeMap<>();
        for (EquityPoint p : equity) {
            monthEnd.put(YearMonth.from(p.time().atOffset(ZoneOffset.UTC)), p.equity());
        }
        Map<YearMonth, Double> returns = new TreeMap<>();
        double previous = equity.get(0).equity();
        for (Map.Entry<YearMonth, Double> m : monthEnd.entrySet()) {
            returns.put(m.getKey(), m.getValue() / previous - 1);
            previous = m.getValue();
        }
        return returns;
    }

    /**
     * Writes {@code trades.csv}: the closed round trips (instrument, side, quantity, entry and exit time and average
     * price, P&amp;L net of commissions, MAE, MFE; see {@link RoundTrips}).
     */
    public static void writeTrips(Path folder, List<RoundTrips.Trip> trips) throws IOException {
        StringBuilder t = new StringBuilder("instrument,side,quantity,entry_time,entry_price,exit_time,exit_price,pnl,"
                + "mae,mfe\n");
        for (RoundTrips.Trip trip : trips) {
            t.append(trip.instrument()).append(',').append(trip.longTrip() ? "LONG" : "SHORT").append(',')
                    .append(number(trip.quantity())).append(',').append(trip.entryTime()).append(',')
                    .append(number(trip.entryPrice())).append(',').append(trip.exitTime()).append(',')
                    .append(number(trip.exitPrice())).append(',').append(number(trip.pnl())).append(',')
                    .append(number(trip.mae())).append(',').append(number(trip.mfe())).append('\n');
        }
        Files.write(folder.resolve("trades.csv"), bytes(t));
    }

    /** The metrics as {@code key = value} lines (a summary file, the shell). */
    public static Map<String, String> metrics(PerformanceMetrics m) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("start.equity", number(m.startEquity()));
        out.put("end.equity", number(m.endEquity()));
        out.put("total.return", percent(m.totalReturn()));
        out.put("annual.return", percent(m.annualReturn()));
        out.put("volatility", percent(m.volatility()));
        out.put("sharpe", ratio(m.sharpe()));
        out.put("sortino", ratio(m.sortino()));
        out.put("calmar", ratio(m.calmar()));
        out.put("max.drawdown", percent(m.maxDrawdown()));
        out.put("max.drawdown.periods", Integer.toString(m.maxDrawdownPeriods()));
        out.put("turnover", ratio(m.turnover()));
        out.put("gross.exposure", percent(m.grossExposure()));
        out.put("net.exposure", percent(m.netExposure()));
        out.put("round.trips", Integer.toString(m.trades()));
        out.put("hit.rate", percent(m.hitRate()));
        out.put("profit.factor", ratio(m.profitFactor()));
        out.put("average.win", number(m.averageWin()));
        out.put("average.loss", number(m.averageLoss()));
        out.put("commissions", number(m.commissions()));
        out.put("periods", m.periods() + " (" + number(m.periodsPerYear()) + " a year)");
        return out;
    }

    /**
     * Beta and alpha to a benchmark into a tearsheet's metrics ({@code beta.<symbol>}, {@code alpha.<symbol>}) and
     * summary ({@code beta}, {@code alpha}), as backtests and live tearsheets show them.
     */
    public static void benchmark(Map<String, String> metrics, Map<String, String> summary, String symbol,
            Benchmark.BetaAlpha fit) {
        metrics.put("beta." + symbol, ratio(fit.beta()));
        metrics.put("alpha." + symbol, percent(fit.alpha()));
        summary.put("beta", Double.toString(fit.beta()));
        summary.put("alpha", Double.toString(fit.alpha()));
    }

    public static String percent(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.2f %%", v * 100);
    }

    public static String ratio(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.3f", v);
    }

    static String number(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.4f", v);
    }

    private static String text(Object value) {
        return value == null ? "" : value instanceof VenueId v ? v.value() : value.toString();
    }

    private static String csv(String value) {
        return value == null ? "" : '"' + value.replace("\"", "\"\"") + '"';
    }

    private static byte[] bytes(StringBuilder text) {
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }
}
