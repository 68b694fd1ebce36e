package org.nautilus.routes.internal.data;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Consumer;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultEndpoint;
import org.apache.camel.support.DefaultProducer;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.marketdata.Bar;
import org.nautilus.api.marketdata.BarSpec;
import org.nautilus.api.research.data.NewsItem;
import org.nautilus.api.research.store.Fundamental;
import org.nautilus.api.research.store.TimeRange;

/**
 * {@code to: nautilus-data:store}: writes bars (a bar or a list; each instrument's bars replace what the store had
 * for the range they cover), fundamentals (into the bitemporal table) and news items (into the sentiment service).
 * The header {@value #WRITTEN_HEADER} says how many were written.
 */
final class DataStoreEndpoint extends DefaultEndpoint {

    static final String WRITTEN_HEADER = "NautilusDataWritten";

    private final DataServices services;

    DataStoreEndpoint(String uri, DataComponent component, DataServices services) {
        super(uri, component);
        this.services = services;
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException(getEndpointUri()
                + " writes into the store: use it in 'to'; to read a file use nautilus-data:NAME?file=...");
    }

    @Override
    public Producer createProducer() {
        return new DefaultProducer(this) {
            @Override
            public void process(Exchange exchange) {
                Object body = exchange.getMessage().getBody();
                List<?> items = body instanceof Collection<?> c ? new ArrayList<>(c)
                        : body == null ? List.of() : List.of(body);
                exchange.getMessage().setHeader(WRITTEN_HEADER, write(items));
            }
        };
    }

    private long write(List<?> items) {
        if (items.isEmpty()) {
            return 0;
        }
        Object first = items.get(0);
        if (first instanceof Bar) {
            Map<InstrumentId, List<Bar>> byInstrument = new LinkedHashMap<>();
            for (Object item : items) {
                Bar bar = as(Bar.class, item);
                byInstrument.computeIfAbsent(bar.instrumentId(), i -> new ArrayList<>()).add(bar);
            }
            long written = 0;
            for (Map.Entry<InstrumentId, List<Bar>> entry : byInstrument.entrySet()) {
                List<Bar> bars = entry.getValue();
                Bar last = bars.get(bars.size() - 1);
                written += services.storeOrFail().replaceBars(entry.getKey(), BarSpec.time(last.interval()),
                        new TimeRange(bars.get(0).end(), last.end()), bars);
            }
            return written;
        }
        if (first instanceof Fundamental) {
            return services.storeOrFail().writeFundamentals(items.stream().map(i -> as(Fundamental.class, i)).toList());
        }
        if (first instanceof NewsItem) {
            return services.sentimentOrFail().add(items.stream().map(i -> as(NewsItem.class, i)).toList());
        }
        throw new IllegalArgumentException(getEndpointUri() + " takes bars, fundamentals or news items, got "
                + first.getClass().getName());
    }

    private <T> T as(Class<T> type, Object item) {
        if (!type.isInstance(item)) {
            throw new IllegalArgumentException(getEndpointUri() + ": a list mixes " + type.getSimpleName() + " with "
                    + item.getClass().getName() + "; send one kind per exchange");
        }
        return type.cast(item);
    }
}
