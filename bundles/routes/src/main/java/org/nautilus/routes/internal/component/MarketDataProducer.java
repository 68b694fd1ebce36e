package org.nautilus.routes.internal.component;

import java.time.Clock;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultProducer;
import org.nautilus.api.marketdata.Bar;
import org.nautilus.api.marketdata.MarketDataService;
import org.nautilus.api.marketdata.Quote;
import org.nautilus.api.marketdata.Trade;

/**
 * Publishes the body's quotes, trades and bars to the gateway (an {@link EndOfStream} closes the open bars of its
 * instruments). All of the body is converted before anything is
 * published, so a malformed line fails the exchange without publishing half of it. The number published is set
 * in the header {@code NautilusPublished}.
 */
final class MarketDataProducer extends DefaultProducer {

    static final String PUBLISHED = "NautilusPublished";

    private final Gateways gateways;
    private final Clock clock;

    MarketDataProducer(MarketDataEndpoint endpoint, Gateways gateways, Clock clock) {
        super(endpoint);
        this.gateways = gateways;
        this.clock = clock;
    }

    @Override
    public void process(Exchange exchange) {
        List<Object> events = MarketDataMessages.toEvents(exchange.getMessage().getBody(), clock);
        MarketDataService marketData = gateways.marketData();
        for (Object event : events) {
            if (event instanceof Quote quote) {
                marketData.publish(quote);
            } else if (event instanceof Trade trade) {
                marketData.publish(trade);
            } else if (event instanceof Bar bar) {
                marketData.publish(bar);
            } else if (event instanceof EndOfStream end) {
                end.instruments().forEach(marketData::closeBars);
            }
        }
        exchange.getMessage().setHeader(PUBLISHED, events.size());
    }
}
