package org.nautilus.routes.internal.component;

import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.marketdata.Bar;
import org.nautilus.api.marketdata.MarketDataListener;
import org.nautilus.api.marketdata.Quote;
import org.nautilus.api.marketdata.Subscription;
import org.nautilus.api.marketdata.Trade;

/**
 * Subscribes to the gateway while the route runs; each quote, trade or bar becomes one exchange, processed on the
 * subscription's own delivery thread (so a slow route only delays itself).
 */
final class MarketDataConsumer extends DefaultConsumer implements MarketDataListener {

    private final Gateways gateways;
    private final Set<InstrumentId> instruments;
    private final Set<MarketDataEndpoint.Type> types;
    private Subscription subscription;

    MarketDataConsumer(MarketDataEndpoint endpoint, Processor processor, Gateways gateways,
            Set<InstrumentId> instruments, Set<MarketDataEndpoint.Type> types) {
        super(endpoint, processor);
        this.gateways = gateways;
        this.instruments = Set.copyOf(instruments);
        this.types = Set.copyOf(types);
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        subscription = gateways.marketData().subscribe(instruments, this);
    }

    @Override
    protected void doStop() throws Exception {
        if (subscription != null) {
            subscription.close();
            subscription = null;
        }
        super.doStop();
    }

    @Override
    public void onQuote(Quote quote) {
        if (types.contains(MarketDataEndpoint.Type.QUOTE)) {
            emit(quote, "quote");
        }
    }

    @Override
    public void onTrade(Trade trade) {
        if (types.contains(MarketDataEndpoint.Type.TRADE)) {
            emit(trade, "trade");
        }
    }

    @Override
    public void onBar(Bar bar) {
        if (types.contains(MarketDataEndpoint.Type.BAR)) {
            emit(bar, "bar");
        }
    }

    private void emit(Object body, String type) {
        Exchange exchange = createExchange(true);
        exchange.getMessage().setBody(body);
        exchange.getMessage().setHeader("NautilusType", type);
        try {
            getProcessor().process(exchange);
        } catch (Exception e) {
            exchange.setException(e);
        }
        if (exchange.getException() != null) {
            getExceptionHandler().handleException("Error processing " + type, exchange, exchange.getException());
        }
        releaseExchange(exchange, true);
    }
}
