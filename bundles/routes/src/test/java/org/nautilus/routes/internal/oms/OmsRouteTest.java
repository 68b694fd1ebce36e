package org.nautilus.routes.internal.oms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nautilus.api.domain.ClientOrderId;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.OrderId;
import org.nautilus.api.domain.OrderRequest;
import org.nautilus.api.domain.OrderStatus;
import org.nautilus.api.domain.OrderType;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.domain.Side;
import org.nautilus.api.domain.TimeInForce;
import org.nautilus.api.domain.VenueId;
import org.nautilus.api.oms.OrderEvent;
import org.nautilus.api.oms.OrderEventType;
import org.nautilus.api.oms.OrderService;
import org.nautilus.routes.internal.component.Gateways;
import org.nautilus.routes.internal.runtime.CamelRuntime;

class OmsRouteTest {

    private static final Instant NOW = Instant.parse("2024-03-01T14:30:00Z");

    private final List<OrderRequest> submitted = new CopyOnWriteArrayList<>();
    private final AtomicLong ids = new AtomicLong();
    /** The OMS as the routes see it: records what is submitted and accepts it. */
    private final OrderService oms = (OrderService) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {OrderService.class}, (proxy, method, args) -> {
                if (method.getName().equals("submit") && args[0] instanceof OrderRequest request) {
                    submitted.add(request);
                    return new Order(OrderId.of(ids.incrementAndGet()), request, OrderStatus.ACCEPTED, Quantity.ZERO,
                            null, VenueId.of("SIM"), null, NOW, NOW);
                }
                throw new UnsupportedOperationException(method.getName());
            });
    private final TestSubscriptions events = new TestSubscriptions();
    private final Gateways gateways = new Gateways(() -> null, () -> oms, events);
    private final CamelRuntime runtime = new CamelRuntime(getClass().getClassLoader(), gateways, Clock.systemUTC());

    @AfterEach
    void stop() {
        runtime.close();
    }

    @Test
    void orderLinesSentToTheOmsBecomeOrdersWithTheEndpointsDefaults() throws Exception {
        runtime.context().addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:orders").to("nautilus:oms?portfolio=alpha&venue=SIM&timeInForce=GTC");
            }
        });
        ProducerTemplate producer = runtime.context().createProducerTemplate();

        Object result = producer.requestBody("direct:orders", "BUY,AAPL,100,190.05\nSELL,MSFT,5,,my-id-1");

        assertThat(result).asList().hasSize(2);
        OrderRequest limit = submitted.get(0);
        assertThat(limit.side()).isEqualTo(Side.BUY);
        assertThat(limit.type()).isEqualTo(OrderType.LIMIT);
        assertThat(limit.limitPrice()).isEqualTo(Price.of("190.05"));
        assertThat(limit.portfolioId()).isEqualTo(PortfolioId.of("alpha"));
        assertThat(limit.venueId()).isEqualTo(VenueId.of("SIM"));
        assertThat(limit.timeInForce()).isEqualTo(TimeInForce.GTC);
        OrderRequest market = submitted.get(1);
        assertThat(market.type()).isEqualTo(OrderType.MARKET);
        assertThat(market.clientOrderId()).isEqualTo(ClientOrderId.of("my-id-1"));

        Object single = producer.requestBody("direct:orders", Map.of("side", "sell", "symbol", "AAPL", "quantity", 3));
        assertThat(single).isInstanceOf(Order.class);
    }

    @Test
    void aBadOrderLineFailsTheExchangeAndSubmitsNothing() throws Exception {
        runtime.context().addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:orders").to("nautilus:oms");
            }
        });
        assertThatThrownBy(() -> runtime.context().createProducerTemplate()
                .requestBody("direct:orders", "BUY,AAPL,100\nHOLD,AAPL,1"))
                        .isInstanceOf(CamelExecutionException.class)
                        .hasStackTraceContaining("bad order line 'HOLD,AAPL,1': side must be BUY or SELL, got 'HOLD'");
        assertThat(submitted).isEmpty();
    }

    @Test
    void orderEventsReachARouteOfTheTypesItAskedFor() throws Exception {
        runtime.context().addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("nautilus:oms?events=FILL,CANCELED").to("seda:reports");
            }
        });
        OrderRequest request = OrderRequest.market(ClientOrderId.of("c1"), PortfolioId.of("default"),
                InstrumentId.of("AAPL"), Side.BUY, Quantity.ofWhole(1));
        Order order = new Order(OrderId.of(1), request, OrderStatus.CANCELED, Quantity.ZERO, null, null, "user", NOW,
                NOW);

        events.publish(new OrderEvent(1, OrderEventType.ACCEPTED, order, null, null, NOW, 0));
        events.publish(new OrderEvent(2, OrderEventType.CANCELED, order, null, "user", NOW, 0));

        Object received = runtime.context().createConsumerTemplate().receiveBody("seda:reports", 5000);
        assertThat(received).isInstanceOf(OrderEvent.class);
        assertThat(((OrderEvent) received).type()).isEqualTo(OrderEventType.CANCELED);
        assertThat(runtime.context().createConsumerTemplate().receiveBodyNoWait("seda:reports")).isNull();
    }

    @Test
    void withoutAnOmsTheExchangeFailsClearly() throws Exception {
        CamelRuntime bare = new CamelRuntime(getClass().getClassLoader(), new Gateways(() -> null), Clock.systemUTC());
        try {
            bare.context().addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:orders").to("nautilus:oms");
                }
            });
            assertThatThrownBy(() -> bare.context().createProducerTemplate().requestBody("direct:orders", "BUY,AAPL,1"))
                    .hasRootCauseMessage("the order service is not available: is the bundle nautilus-oms active?");
        } finally {
            bare.close();
        }
    }
}
