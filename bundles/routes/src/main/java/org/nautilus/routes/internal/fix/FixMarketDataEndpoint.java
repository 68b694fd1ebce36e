package org.nautilus.routes.internal.fix;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.Component;
import org.apache.camel.Consumer;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.component.quickfixj.QuickfixjEndpoint;
import org.apache.camel.component.quickfixj.QuickfixjEventCategory;
import org.apache.camel.support.DefaultEndpoint;
import org.apache.camel.support.DefaultProducer;
import org.nautilus.api.marketdata.MarketDataService;
import org.nautilus.api.marketdata.Quote;
import org.nautilus.api.marketdata.Trade;
import org.nautilus.routes.internal.component.Gateways;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import quickfix.Message;
import quickfix.Session;
import quickfix.SessionID;

/**
 * {@code nautilus:fix-marketdata?symbols=AAPL,MSFT}, placed after a {@code quickfix:} consumer: when the session
 * logs on it sends a MarketDataRequest for the symbols; the venue's snapshots and incremental refreshes become
 * quotes and trades published to the gateway. Other FIX events pass through untouched.
 */
public final class FixMarketDataEndpoint extends DefaultEndpoint {

    private static final Logger LOG = LoggerFactory.getLogger(FixMarketDataEndpoint.class);

    private final Gateways gateways;
    private final List<String> symbols;
    private final FixMarketData translator;
    private final AtomicLong requests = new AtomicLong();

    public FixMarketDataEndpoint(String uri, Component component, Gateways gateways, Clock clock,
            List<String> symbols) {
        super(uri, component);
        if (symbols.isEmpty()) {
            throw new IllegalArgumentException(uri + ": 'symbols' is required, e.g. symbols=AAPL,MSFT");
        }
        this.gateways = gateways;
        this.symbols = List.copyOf(symbols);
        this.translator = new FixMarketData(clock);
    }

    @Override
    public Producer createProducer() {
        return new DefaultProducer(this) {
            @Override
            public void process(Exchange exchange) throws Exception {
                handle(exchange);
            }
        };
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException(getEndpointUri() + " is used in 'to', after a quickfix: consumer");
    }

    private void handle(Exchange exchange) throws Exception {
        Object category = exchange.getMessage().getHeader(QuickfixjEndpoint.EVENT_CATEGORY_KEY);
        SessionID session = exchange.getMessage().getHeader(QuickfixjEndpoint.SESSION_ID_KEY, SessionID.class);
        if (category == QuickfixjEventCategory.SessionLogon) {
            String id = "nautilus-md-" + requests.incrementAndGet();
            Session.sendToTarget(FixMarketData.request(id, symbols), session);
            LOG.info("FIX session {} logged on: market data request {} sent for {}", session, id, symbols);
        } else if (category == QuickfixjEventCategory.AppMessageReceived) {
            Message message = exchange.getMessage().getMandatoryBody(Message.class);
            List<Object> events;
            synchronized (translator) {
                events = translator.onMessage(message);
            }
            if (!events.isEmpty()) {
                MarketDataService marketData = gateways.marketData();
                for (Object event : events) {
                    if (event instanceof Quote quote) {
                        marketData.publish(quote);
                    } else {
                        marketData.publish((Trade) event);
                    }
                }
            }
        }
    }
}
