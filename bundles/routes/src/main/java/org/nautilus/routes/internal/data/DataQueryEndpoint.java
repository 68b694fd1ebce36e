package org.nautilus.routes.internal.data;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.apache.camel.Consumer;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultEndpoint;
import org.apache.camel.support.DefaultProducer;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.marketdata.BarSpec;
import org.nautilus.api.research.store.FactorStore;
import org.nautilus.api.research.store.TimeRange;

/**
 * {@code to: nautilus-data:query?...}: reads the factor store, point in time; the body becomes the answer.
 * <ul>
 *   <li>{@code kind=history} (default), {@code factor}, optional {@code symbols} (comma-separated; default every
 *   instrument with values), {@code from}/{@code to} (days): the factor's values, a list of {@code FactorValue}
 *   by instrument then time;</li>
 *   <li>{@code kind=cross-section}, {@code factor}: each instrument's latest value known at the moment;</li>
 *   <li>{@code kind=fundamentals}, {@code symbols} (one): the instrument's fundamentals known at the moment, a
 *   list of {@code Fundamental}.</li>
 * </ul>
 * The moment is the header {@value #AS_OF_HEADER} (an {@code Instant}, or text: a day meaning its end, or an
 * instant), else the {@code asOf} parameter (same forms), else now. {@code bars} names a bar series (e.g. PT24H).
 */
final class DataQueryEndpoint extends DefaultEndpoint {

    static final String AS_OF_HEADER = "NautilusAsOf";

    enum Kind {
        HISTORY, CROSS_SECTION, FUNDAMENTALS
    }

    /** What one query endpoint asks; {@code asOf} null means the header's or now. */
    record Query(Kind kind, String factor, List<InstrumentId> symbols, BarSpec bars, TimeRange range, Instant asOf) {

        Query {
            if (kind != Kind.FUNDAMENTALS && (factor == null || factor.isBlank())) {
                throw new IllegalArgumentException("a " + kind.name().toLowerCase(Locale.ROOT).replace('_', '-')
                        + " query needs a 'factor'");
            }
            if (kind == Kind.FUNDAMENTALS && symbols.size() != 1) {
                throw new IllegalArgumentException("a fundamentals query needs one instrument in 'symbols', got "
                        + symbols.size());
            }
        }
    }

    private final Query query;
    private final DataServices services;

    DataQueryEndpoint(String uri, DataComponent component, Query query, DataServices services) {
        super(uri, component);
        this.query = query;
        this.services = services;
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException(getEndpointUri()
                + " answers queries: use it in 'to' (a timer or another route's message triggers it)");
    }

    @Override
    public Producer createProducer() {
        return new DefaultProducer(this) {
            @Override
            public void process(Exchange exchange) {
                Instant asOf = moment(exchange.getMessage().getHeader(AS_OF_HEADER), query.asOf());
                FactorStore store = services.storeOrFail();
                exchange.getMessage().setBody(switch (query.kind()) {
                    case HISTORY -> store.history(query.factor(), query.symbols(), query.bars(), query.range(), asOf);
                    case CROSS_SECTION -> store.crossSection(query.factor(), query.bars(), asOf);
                    case FUNDAMENTALS -> store.fundamentals(query.symbols().get(0), asOf);
                });
            }
        };
    }

    private static Instant moment(Object header, Instant parameter) {
        if (header instanceof Instant instant) {
            return instant;
        }
        if (header != null) {
            return TimeRange.moment(AS_OF_HEADER, header.toString());
        }
        return parameter == null ? Instant.now() : parameter;
    }
}
