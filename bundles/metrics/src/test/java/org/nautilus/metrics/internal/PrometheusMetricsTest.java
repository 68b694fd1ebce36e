package org.nautilus.metrics.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
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
import org.nautilus.api.domain.RejectCode;
import org.nautilus.api.domain.Side;
import org.nautilus.api.domain.VenueId;
import org.nautilus.api.metrics.MetricsSource;
import org.nautilus.api.oms.OrderEvent;
import org.nautilus.api.oms.OrderEventType;

class PrometheusMetricsTest {

    private final PrometheusMetrics metrics = new PrometheusMetrics();
    private final OrderMetrics orders = new OrderMetrics(metrics.registry());
    private static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");

    @AfterEach
    void close() {
        metrics.close();
    }

    @Test
    void jvmSeriesAreInTheTextFormat() {
        String text = metrics.scrape();
        assertThat(text).contains("# TYPE jvm_memory_used_bytes gauge", "jvm_threads_live_threads",
                "jvm_gc_", "process_uptime_seconds");
    }

    @Test
    void aSourceIsReadAtEveryScrapeAndItsSeriesGoWhenItStopsReportingThem() {
        AtomicLong groups = new AtomicLong(3);
        boolean[] withRoute = {true};
        MetricsSource source = out -> {
            out.counter("nautilus_journal_groups_total", "Group commits", groups.get());
            if (withRoute[0]) {
                out.gauge("nautilus_route_started", "1 if started", 1, "route", "quotes");
            }
        };
        metrics.add(source);
        assertThat(metrics.scrape()).contains("# HELP nautilus_journal_groups_total Group commits",
                "# TYPE nautilus_journal_groups_total counter", "nautilus_journal_groups_total 3.0",
                "nautilus_route_started{route=\"quotes\"} 1.0");
        groups.set(7);
        withRoute[0] = false;
        String later = metrics.scrape();
        assertThat(later).contains("nautilus_journal_groups_total 7.0").doesNotContain("nautilus_route_started");
        metrics.remove(source);
        assertThat(metrics.scrape()).doesNotContain("nautilus_journal_groups_total");
    }

    @Test
    void badSeriesAreRefusedWithTheReasonAndTheOthersStay() {
        SourceSeries series = new SourceSeries(metrics.registry());
        assertThatThrownBy(() -> series.counter("nautilus_groups", "no suffix", 1))
                .hasMessageContaining("must end in _total");
        assertThatThrownBy(() -> series.gauge("nautilus-lag", "dash", 1))
                .hasMessageContaining("is not a Prometheus name");
        assertThatThrownBy(() -> series.gauge("nautilus_lag", "odd", 1, "route"))
                .hasMessageContaining("name/value pairs");
        metrics.add(out -> {
            out.gauge("nautilus_good", "fine", 2);
            throw new IllegalStateException("broken source");
        });
        assertThat(metrics.scrape()).contains("nautilus_good 2.0");
    }

    @Test
    void anOrdersEventsMoveItsCounters() {
        Order order = order(OrderStatus.INITIALIZED, "0");
        orders.onEvent(new OrderEvent(1, OrderEventType.INITIALIZED, order, null, null, T0, 1));
        orders.onEvent(
                new OrderEvent(2, OrderEventType.SUBMITTED, order(OrderStatus.SUBMITTED, "0"), null, null, T0, 2));
        orders.onEvent(new OrderEvent(3, OrderEventType.ACCEPTED, order(OrderStatus.ACCEPTED, "0"), null, null,
                T0.plusMillis(3), 3));
        Order filled = order(OrderStatus.FILLED, "10");
        Fill fill = new Fill("X-1", filled.id(), filled.portfolioId(), filled.instrumentId(), VenueId.of("SIM"),
                Side.BUY, Quantity.of("10"), Price.of("191.82"), Money.ZERO, T0.plusMillis(4));
        orders.onEvent(new OrderEvent(4, OrderEventType.FILL, filled, fill, null, T0.plusMillis(4), 4));
        Order denied = order(OrderStatus.DENIED, "0");
        denied = new Order(denied.id(), denied.request(), denied.status(), denied.filledQuantity(), null,
                denied.venueId(), "max-order-quantity: max order quantity 1000 exceeded: 5000",
                RejectCode.MAX_ORDER_QUANTITY, T0, T0);
        orders.onEvent(new OrderEvent(2, OrderEventType.DENIED, denied,
                null, "max-order-quantity: max order quantity 1000 exceeded: 5000", T0.plusNanos(200_000), 5));
        // A REJECTED order recorded without a code counts as the venue's generic refusal.
        Order rejected = order(OrderStatus.REJECTED, "0");
        orders.onEvent(new OrderEvent(2, OrderEventType.REJECTED, rejected, null, "venue says no [NOT_A_CODE]",
                T0.plusNanos(300_000), 6));
        String text = metrics.scrape();
        assertThat(text).contains(
                "nautilus_order_events_total{type=\"FILL\"} 1.0",
                "nautilus_order_events_total{type=\"ACCEPTED\"} 1.0",
                "nautilus_orders_total{outcome=\"FILLED\"} 1.0",
                "nautilus_orders_total{outcome=\"DENIED\"} 1.0",
                "nautilus_orders_total{outcome=\"CANCELED\"} 0.0",
                "nautilus_fills_total 1.0",
                "nautilus_order_rejections_total{code=\"MAX_ORDER_QUANTITY\"} 1.0",
                "nautilus_order_rejections_total{code=\"VENUE_REJECTED\"} 1.0",
                "nautilus_order_rejections_total{code=\"MAX_NOTIONAL\"} 0.0",
                "nautilus_order_ack_seconds_count 3",
                "nautilus_order_ack_seconds_bucket{le=\"2.5E-4\"} 1",
                "nautilus_order_ack_seconds_bucket{le=\"0.005\"} 3");
    }

    private static Order order(OrderStatus status, String filled) {
        OrderRequest request = OrderRequest.market(ClientOrderId.of("c-1"), PortfolioId.of("default"),
                InstrumentId.of("AAPL"), Side.BUY, Quantity.of("10"));
        return new Order(OrderId.of(1), request, status, Quantity.of(filled),
                "0".equals(filled) ? null : Price.of("191.82"), VenueId.of("SIM"), null, T0, T0);
    }
}
