package org.nautilus.routes.internal.component;

import java.time.Clock;
import java.util.Map;
import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;
import org.nautilus.routes.internal.fix.FixMarketDataEndpoint;

/**
 * The {@code nautilus:} component, so route files name platform services directly:
 * <ul>
 *   <li>{@code to: nautilus:marketdata} publishes the body's quotes and trades to the gateway;</li>
 *   <li>{@code from: nautilus:marketdata?instruments=AAPL,MSFT&types=bar} receives the gateway's quotes, trades
 *       and/or bars (one exchange each);</li>
 *   <li>{@code to: nautilus:fix-marketdata?symbols=AAPL,MSFT} after a {@code quickfix:} consumer subscribes to the
 *       venue's market data on logon and publishes its snapshots and refreshes.</li>
 * </ul>
 */
public final class NautilusComponent extends DefaultComponent {

    private final Gateways gateways;
    private final Clock clock;

    public NautilusComponent(Gateways gateways, Clock clock) {
        this.gateways = gateways;
        this.clock = clock;
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) {
        String service = remaining.startsWith("//") ? remaining.substring(2) : remaining;
        if (service.equals("marketdata")) {
            String instruments = getAndRemoveParameter(parameters, "instruments", String.class, "");
            String types = getAndRemoveParameter(parameters, "types", String.class, "quote,trade,bar");
            return new MarketDataEndpoint(uri, this, gateways, clock, instruments, types);
        }
        if (service.equals("fix-marketdata")) {
            String symbols = getAndRemoveParameter(parameters, "symbols", String.class, "");
            return new FixMarketDataEndpoint(uri, this, gateways, clock,
                    java.util.Arrays.stream(symbols.split(",")).map(String::strip).filter(x -> !x.isEmpty()).toList());
        }
        throw new IllegalArgumentException("unknown nautilus endpoint 'nautilus:" + service
                + "': the endpoints are nautilus:marketdata and nautilus:fix-marketdata");
    }
}
