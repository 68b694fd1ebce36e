package org.nautilus.shell.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.table.ShellTable;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.OrderStatus;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.VenueId;
import org.nautilus.api.oms.CommandResult;
import org.nautilus.api.research.FactorValue;

/** How the shell writes domain values: one place, so every command reads the same. */
final class Text {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    private Text() {
    }

    static String orNone(Object value) {
        return value == null ? "-" : value.toString();
    }

    static String time(Instant instant) {
        return instant == null ? "-" : TIME.format(instant);
    }

    /** ISO date and time in UTC, {@code 2024-03-15T00:00:00Z}: for values that may be days old (a daily bar's). */
    static String dateTime(Instant instant) {
        return instant == null ? "-" : DATE_TIME.format(instant);
    }

    /** {@code 12.3456} with four decimals; research values are doubles. */
    static String number(double value) {
        return Double.isNaN(value) ? "NaN" : String.format(Locale.ROOT, "%.4f", value);
    }

    static String metrics(Map<String, Double> metrics) {
        return new TreeMap<>(metrics).entrySet().stream()
                .map(e -> e.getKey() + "=" + number(e.getValue()))
                .collect(Collectors.joining(" "));
    }

    /** Prints factor values as a table (symbol, bar series, time known, value) and how many there are. */
    static void printValues(String factor, List<FactorValue> values, String unit,
            Session session) {
        ShellTable table = new ShellTable();
        table.column("SYMBOL");
        table.column("BARS");
        table.column("AS OF");
        table.column(factor).alignRight();
        values.forEach(v -> table.addRow().addContent(v.instrument(), orNone(v.bars()), dateTime(v.asOf()),
                number(v.value())));
        print(table, session);
        System.out.println(values.size() + " " + unit);
    }

    /**
     * Prints a table: with box-drawing lines on a terminal, in plain ASCII ({@code |}, {@code -}, {@code +}) when
     * there is none (bin/nautilus-admin, other scripts over SSH, pipes), so scripts can split its rows on '|'.
     * A headless session, as SSH runs a command in, has no terminal.
     */
    static void print(ShellTable table, Session session) {
        if (session == null || session.getTerminal() == null) {
            table.forceAscii();
        }
        table.print(System.out);
    }

    /**
     * Prints an accepted command's order, or fails the command with the refusal's reason and code, so a
     * script sees a non-zero exit status.
     */
    static Object commandOutcome(String command, String orderId, CommandResult result) {
        if (!result.accepted()) {
            throw new IllegalStateException(command + " of order " + orderId + " refused: " + result.message()
                    + " [" + result.code() + "]");
        }
        System.out.println(result.order() != null ? order(result.order()) : result.message());
        return null;
    }

    /**
     * The venue an order went to, or {@code null}: an order refused before routing (DENIED) or not routed yet
     * carries the venue it asked for ({@code -v SIM}), which never saw it.
     */
    static VenueId venueReached(Order order) {
        OrderStatus status = order.status();
        return status == OrderStatus.DENIED || status == OrderStatus.INITIALIZED ? null : order.venueId();
    }

    /** One line that says what an order is and where it stands, e.g. after submit or cancel. */
    static String order(Order order) {
        StringBuilder line = new StringBuilder()
                .append("Order ").append(order.id())
                .append(" (").append(order.clientOrderId()).append(") ")
                .append(order.side()).append(' ').append(order.quantity()).append(' ')
                .append(order.instrumentId()).append(' ').append(order.request().type());
        Price limit = order.request().limitPrice();
        if (limit != null) {
            line.append(" @ ").append(limit);
        }
        line.append(": ").append(order.status());
        if (order.filledQuantity().isPositive()) {
            line.append(", filled ").append(order.filledQuantity()).append(" @ ").append(orNone(order.averagePrice()));
        }
        VenueId venue = venueReached(order);
        if (venue != null) {
            line.append(" on ").append(venue);
        }
        if (order.reason() != null) {
            line.append(" - ").append(order.reason());
        }
        // A refusal always shows its code, the one the HTTP API and the metrics give.
        if (order.refusalCode() != null) {
            line.append(" [").append(order.refusalCode()).append(']');
        }
        return line.toString();
    }
}
