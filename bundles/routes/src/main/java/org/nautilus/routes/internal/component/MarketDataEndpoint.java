package org.nautilus.routes.internal.component;

import java.time.Clock;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultEndpoint;
import org.nautilus.api.domain.InstrumentId;

/** {@code nautilus:marketdata}: a producer publishes to the gateway, a consumer subscribes to it. */
final class MarketDataEndpoint extends DefaultEndpoint {

    /** What a consumer receives. */
    enum Type {
        QUOTE, TRADE, BAR
    }

    private final Gateways gateways;
    private final Clock clock;
    private final Set<InstrumentId> instruments = new LinkedHashSet<>();
    private final Set<Type> types = EnumSet.noneOf(Type.class);

    MarketDataEndpoint(String uri, NautilusComponent component, Gateways gateways, Clock clock, String instruments,
            String types) {
        super(uri, component);
        this.gateways = gateways;
        this.clock = clock;
        for (String symbol : instruments.split(",")) {
            if (!symbol.isBlank()) {
                this.instruments.add(InstrumentId.of(symbol.strip()));
            }
        }
        for (String type : types.split(",")) {
            if (type.isBlank()) {
                continue;
            }
            try {
                this.types.add(Type.valueOf(type.strip().toUpperCase(Locale.ROOT).replaceAll("S$", "")));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("nautilus:marketdata: unknown type '" + type.strip()
                        + "', use quote, trade and/or bar");
            }
        }
    }

    @Override
    public Producer createProducer() {
        return new MarketDataProducer(this, gateways, clock);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        MarketDataConsumer consumer = new MarketDataConsumer(this, processor, gateways, instruments, types);
        configureConsumer(consumer);
        return consumer;
    }

    @Override
    public boolean isRemote() {
        return false;
    }
}
