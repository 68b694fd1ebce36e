package org.nautilus.routes.internal.runtime;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.NamedNode;
import org.apache.camel.Route;
import org.apache.camel.spi.RoutePolicy;
import org.apache.camel.spi.RoutePolicyFactory;
import org.apache.camel.support.RoutePolicySupport;

/**
 * Counts completed and failed exchanges per route without JMX: a route policy on every route.
 */
final class RouteCounters implements RoutePolicyFactory {

    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    @Override
    public RoutePolicy createRoutePolicy(CamelContext camelContext, String routeId, NamedNode route) {
        Counter counter = new Counter();
        counters.put(routeId, counter);
        return new RoutePolicySupport() {
            @Override
            public void onExchangeDone(Route r, Exchange exchange) {
                if (exchange.isFailed()) {
                    counter.failed.increment();
                } else {
                    counter.completed.increment();
                }
            }

            @Override
            public void onRemove(Route r) {
                counters.remove(r.getRouteId(), counter);
            }
        };
    }

    long completed(String routeId) {
        Counter c = counters.get(routeId);
        return c == null ? 0 : c.completed.sum();
    }

    long failed(String routeId) {
        Counter c = counters.get(routeId);
        return c == null ? 0 : c.failed.sum();
    }

    private static final class Counter {
        final LongAdder completed = new LongAdder();
        final LongAdder failed = new LongAdder();
    }
}
