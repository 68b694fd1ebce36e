package org.nautilus.routes.internal.component;

import java.time.Duration;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.camel.Component;
import org.apache.camel.Consumer;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultEndpoint;
import org.apache.camel.support.DefaultProducer;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.OrderStatus;
import org.nautilus.api.marketdata.Bar;
import org.nautilus.api.marketdata.Quote;
import org.nautilus.api.marketdata.Trade;
import org.nautilus.api.oms.OrderService;
import org.nautilus.api.strategy.StrategyInfo;
import org.nautilus.api.strategy.StrategyState;

/**
 * {@code to: nautilus:strategy?name=ma-cross&timeout=60000}, after {@code to: nautilus:marketdata}: waits, on the
 * route's thread, until the live strategy has handled every market data event of its instruments that passed this
 * step (counted from the step's start: start the strategy first) and its orders are done (none on its way to, or
 * waiting for an answer from, a venue) with every fill heard by the strategy. A replay through it is step-locked to
 * the strategy: the next event is published only once the strategy has decided on this one and its orders have
 * their answers, which a backtest's loop guarantees and a wall-clock pace only makes likely. The body passes
 * unchanged. A strategy missing, not running, or not settled within {@code timeout} ms fails the exchange, naming it.
 */
public final class StrategyStepEndpoint extends DefaultEndpoint {

    /** Order states on the way to a venue or waiting for its answer. */
    private static final Set<OrderStatus> IN_FLIGHT = Set.of(OrderStatus.INITIALIZED, OrderStatus.SUBMITTED,
            OrderStatus.PENDING_UPDATE, OrderStatus.PENDING_CANCEL);

    private final Gateways gateways;
    private final String name;
    private final Duration timeout;

    public StrategyStepEndpoint(String uri, Component component, Gateways gateways, String name, Duration timeout) {
        super(uri, component);
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException(uri + ": 'name' is required: the live strategy to wait for");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException(uri + ": 'timeout' must be a positive number of ms, got "
                    + timeout.toMillis());
        }
        this.gateways = gateways;
        this.name = name.strip();
        this.timeout = timeout;
    }

    @Override
    public Producer createProducer() {
        return new DefaultProducer(this) {
            /** The strategy's handled events when this step started, and the events of its instruments since. */
            private long baseline = -1;
            private long passed;

            @Override
            public void process(Exchange exchange) {
                StrategyInfo info = info();
                if (baseline < 0) {
                    // The first event is published already and may be handled: count from before it.
                    baseline = Math.max(0, info.events() - count(exchange.getIn().getBody(), info.instruments()));
                }
                passed += count(exchange.getIn().getBody(), info.instruments());
                long deadline = System.nanoTime() + timeout.toNanos();
                while (!settled(info)) {
                    if (System.nanoTime() - deadline > 0) {
                        throw new IllegalStateException("strategy " + name + " did not settle within "
                                + timeout.toMillis() + " ms: handled " + (info.events() - baseline) + " of "
                                + passed + " events, " + info.fills() + " fill(s) heard");
                    }
                    LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(200));
                    info = info();
                }
            }

            private boolean settled(StrategyInfo info) {
                if (info.events() - baseline < passed) {
                    return false;
                }
                OrderService orders = gateways.orders();
                long fills = 0;
                for (Order order : orders.orders()) {
                    if (order.portfolioId().equals(info.portfolio())) {
                        if (IN_FLIGHT.contains(order.status())) {
                            return false;
                        }
                        fills += orders.fills(order.id()).size();
                    }
                }
                return fills == info.fills();
            }
        };
    }

    private StrategyInfo info() {
        StrategyInfo info = gateways.strategies().strategy(name).orElseThrow(
                () -> new IllegalStateException(getEndpointUri() + ": no live strategy named " + name));
        if (info.state() != StrategyState.RUNNING) {
            throw new IllegalStateException(getEndpointUri() + ": strategy " + name + " is " + info.state()
                    + (info.lastError() == null ? "" : " (" + info.lastError() + ")") + ", not RUNNING");
        }
        return info;
    }

    /** The market data events of the strategy's instruments in a body (one event, or a batch). */
    private static long count(Object body, Set<InstrumentId> instruments) {
        if (body instanceof Collection<?> batch) {
            long n = 0;
            for (Object o : batch) {
                n += count(o, instruments);
            }
            return n;
        }
        InstrumentId id = body instanceof Bar b ? b.instrumentId()
                : body instanceof Quote q ? q.instrumentId() : body instanceof Trade t ? t.instrumentId() : null;
        return id != null && instruments.contains(id) ? 1 : 0;
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException(getEndpointUri() + " only produces ('to:'): put it after "
                + "'to: nautilus:marketdata' in a replay route");
    }
}
