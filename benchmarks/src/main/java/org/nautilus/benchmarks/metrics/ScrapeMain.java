package org.nautilus.benchmarks.metrics;

import java.time.Instant;
import java.util.Arrays;
import org.nautilus.api.domain.ClientOrderId;
import org.nautilus.api.domain.Fill;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Money;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.OrderId;
import org.nautilus.api.domain.OrderRequest;
import org.nautilus.api.domain.OrderStatus;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.domain.Side;
import org.nautilus.api.domain.VenueId;
import org.nautilus.api.oms.OrderEvent;
import org.nautilus.api.oms.OrderEventType;
import org.nautilus.metrics.internal.OrderMetrics;
import org.nautilus.metrics.internal.PrometheusMetrics;

/**
 * How long one Prometheus scrape takes with every series present: the JVM binders, order series fed with events (all
 * types, 12 rejection codes, the ack histogram), and sources shaped like a busy node's (instruments, subscribers,
 * routes, rules, store, cluster). Prints the scrape time percentiles; ends with 'metrics: P50 ms/scrape'.
 * Arguments: [instruments (200)] [scrapes (300)].
 */
public final class ScrapeMain {

    public static void main(String[] args) {
        int instruments = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int scrapes = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        try (PrometheusMetrics metrics = new PrometheusMetrics()) {
            OrderMetrics orders = new OrderMetrics(metrics.registry());
            feed(orders);
            long[] counter = {0};
            metrics.add(out -> {
                long n = ++counter[0];
                for (int i = 0; i < instruments; i++) {
                    String id = "SYM" + i;
                    out.counter("nautilus_marketdata_quotes_total", "Quotes received", n * 31 + i, "instrument", id);
                    out.counter("nautilus_marketdata_trades_total", "Trades received", n * 7 + i, "instrument", id);
                    out.counter("nautilus_marketdata_bars_total", "Bars closed", n + i, "instrument", id);
                    out.counter("nautilus_marketdata_late_ticks_total", "Late ticks", i, "instrument", id);
                }
                for (int s = 0; s < 20; s++) {
                    String name = "Subscriber#" + s;
                    out.counter("nautilus_marketdata_delivered_total", "Delivered", n * 100, "subscriber", name);
                    out.counter("nautilus_marketdata_dropped_total", "Dropped", 0, "subscriber", name);
                    out.gauge("nautilus_marketdata_backlog_events", "Backlog", s, "subscriber", name);
                }
                for (int r = 0; r < 20; r++) {
                    out.counter("nautilus_route_exchanges_total", "Exchanges", n * 10, "route", "route-" + r);
                    out.counter("nautilus_route_failures_total", "Failures", 0, "route", "route-" + r);
                    out.gauge("nautilus_route_started", "Started", 1, "route", "route-" + r);
                }
                for (int r = 0; r < 13; r++) {
                    out.counter("nautilus_risk_denials_total", "Denials", r, "rule", "rule-" + r);
                }
                out.counter("nautilus_store_group_commits_total", "Group commits", n * 1000);
                out.counter("nautilus_store_commands_total", "Commands", n * 4000);
                out.gauge("nautilus_journal_lag_commands", "Lag", 3);
                out.gauge("nautilus_cluster_nodes", "Nodes", 3);
            });
            String first = metrics.scrape();
            long series = first.lines().filter(l -> !l.startsWith("#") && !l.isBlank()).count();
            for (int i = 0; i < Math.min(50, scrapes); i++) {
                metrics.scrape();
            }
            long[] nanos = new long[scrapes];
            for (int i = 0; i < scrapes; i++) {
                long t0 = System.nanoTime();
                metrics.scrape();
                nanos[i] = System.nanoTime() - t0;
            }
            Arrays.sort(nanos);
            System.out.printf("series (sample lines) per scrape: %d, text %d KB%n", series, first.length() / 1024);
            System.out.printf("scrape ms: p50 %.2f  p90 %.2f  p99 %.2f  max %.2f (%d scrapes after 50 warm-up)%n",
                    ms(nanos, 0.50), ms(nanos, 0.90), ms(nanos, 0.99), nanos[nanos.length - 1] / 1e6, scrapes);
            System.out.printf("metrics: %.2f ms/scrape%n", ms(nanos, 0.50));
        }
    }

    private static double ms(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) (q * sorted.length))] / 1e6;
    }

    /** 100k events of every type, 12 rejection codes, acknowledgements from 50 us to 20 ms. */
    private static void feed(OrderMetrics orders) {
        Instant t0 = Instant.parse("2026-12-06T10:00:00Z");
        OrderEventType[] types = OrderEventType.values();
        for (int i = 0; i < 100_000; i++) {
            OrderEventType type = types[i % types.length];
            OrderStatus status = switch (type) {
                case FILL -> OrderStatus.PARTIALLY_FILLED;
                case DENIED -> OrderStatus.DENIED;
                case REJECTED -> OrderStatus.REJECTED;
                case CANCELED -> OrderStatus.CANCELED;
                case EXPIRED -> OrderStatus.EXPIRED;
                default -> OrderStatus.ACCEPTED;
            };
            OrderRequest request = OrderRequest.market(ClientOrderId.of("c" + i), PortfolioId.of("p"),
                    InstrumentId.of("AAPL"), Side.BUY, Quantity.ofWhole(10));
            Order order = new Order(OrderId.of(i + 1), request, status,
                    status == OrderStatus.PARTIALLY_FILLED ? Quantity.ofWhole(1) : Quantity.ZERO, null,
                    VenueId.of("SIM"), null, t0, t0);
            String reason = type == OrderEventType.DENIED || type == OrderEventType.REJECTED
                    ? "rule: no [CODE_" + (i % 12) + "]"
                    : null;
            Fill fill = type != OrderEventType.FILL ? null
                    : new Fill(
                            "x" + i, order.id(), order.portfolioId(), order.instrumentId(), VenueId.of("SIM"), Side.BUY,
                            Quantity.ofWhole(1), Price.of("100"), Money.ZERO, t0);
            orders.onEvent(
                    new OrderEvent(2, type, order, fill, reason, t0.plusNanos(50_000L + (i % 400) * 50_000L), 0));
        }
    }
}
