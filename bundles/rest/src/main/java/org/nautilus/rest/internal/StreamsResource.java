package org.nautilus.rest.internal;

import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.sse.Sse;
import javax.ws.rs.sse.SseEventSink;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.marketdata.MarketDataListener;
import org.nautilus.api.marketdata.MarketDataService;
import org.nautilus.api.marketdata.Quote;
import org.nautilus.api.marketdata.Subscription;
import org.nautilus.api.oms.OrderEvent;
import org.nautilus.api.oms.OrderEventSubscriber;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Server-sent events: every committed order event (fills included) at {@code /api/v1/stream/orders}, quotes at
 * {@code /api/v1/stream/quotes}. Each client has its own bounded buffer ({@link EventStream}); a heartbeat every
 * {@value #HEARTBEAT_SECONDS} s finds clients that went away.
 */
@Component(service = StreamsResource.class, property = "osgi.jaxrs.resource=true")
@Path("/api/v1/stream")
public class StreamsResource {

    static final int BUFFER = 4096;
    static final int HEARTBEAT_SECONDS = 15;

    private final BundleContext context;
    private final ExecutorService sender = Executors.newFixedThreadPool(2, Threads.daemon("nautilus-http-sse"));
    private final ScheduledExecutorService heartbeat = Executors
            .newSingleThreadScheduledExecutor(Threads.daemon("nautilus-http-sse-heartbeat"));
    private final Set<EventStream> streams = new CopyOnWriteArraySet<>();
    private final AtomicInteger counter = new AtomicInteger();

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    volatile MarketDataService marketData;

    @Activate
    public StreamsResource(BundleContext context) {
        this.context = context;
        heartbeat.scheduleAtFixedRate(() -> streams.forEach(s -> s.offer("heartbeat", null, "{}")),
                HEARTBEAT_SECONDS, HEARTBEAT_SECONDS, TimeUnit.SECONDS);
    }

    @Deactivate
    void deactivate() {
        heartbeat.shutdownNow();
        streams.forEach(s -> s.drop("the HTTP API is stopping"));
        sender.shutdown();
    }

    @GET
    @Path("orders")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void orders(@Context SseEventSink sink, @Context Sse sse, @QueryParam("portfolio") String portfolio) {
        String wanted = Params.blankToNull(portfolio);
        String name = "http-orders-" + counter.incrementAndGet();
        AtomicReference<ServiceRegistration<OrderEventSubscriber>> registration = new AtomicReference<>();
        EventStream stream = new EventStream(name, sink, sse, BUFFER, sender, () -> unregister(registration));
        streams.add(stream);
        OrderEventSubscriber subscriber = new OrderEventSubscriber() {
            @Override
            public void onEvent(OrderEvent event) {
                if (wanted == null || event.portfolioId().value().equals(wanted)) {
                    stream.offer(event.type().name(), event.portfolioId().value() + ":" + event.sequence(),
                            Json.write(OrdersResource.EventView.of(event)));
                }
            }

            @Override
            public void onDropped(String why) {
                stream.drop("the OMS dropped this stream: " + why);
            }
        };
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("subscriber.name", name);
        properties.put(OrderEventSubscriber.QUEUE_SIZE_PROPERTY, BUFFER);
        registration.set(context.registerService(OrderEventSubscriber.class, subscriber, properties));
        stream.offer("subscribed", null, "{\"stream\":\"" + name + "\"}");
    }

    private void unregister(AtomicReference<ServiceRegistration<OrderEventSubscriber>> registration) {
        streams.removeIf(EventStream::isClosed);
        ServiceRegistration<OrderEventSubscriber> current = registration.getAndSet(null);
        if (current != null) {
            try {
                current.unregister();
            } catch (IllegalStateException alreadyGone) {
                // The bundle is stopping and took the service with it.
            }
        }
    }

    @GET
    @Path("quotes")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void quotes(@Context SseEventSink sink, @Context Sse sse, @QueryParam("symbols") String symbols) {
        MarketDataService gateway = marketData;
        if (gateway == null) {
            throw new ApiException(503, "MARKET_DATA_UNAVAILABLE", "the market data gateway is not running", null);
        }
        Set<InstrumentId> instruments = new LinkedHashSet<>();
        if (symbols == null || symbols.isBlank()) {
            gateway.instruments().forEach(i -> instruments.add(i.id()));
        } else {
            for (String symbol : symbols.split(",")) {
                if (!symbol.isBlank()) {
                    instruments.add(MarketResource.known(gateway, symbol.strip()));
                }
            }
        }
        String name = "http-quotes-" + counter.incrementAndGet();
        AtomicReference<Subscription> subscription = new AtomicReference<>();
        EventStream stream = new EventStream(name, sink, sse, BUFFER, sender, () -> {
            streams.removeIf(EventStream::isClosed);
            Subscription current = subscription.getAndSet(null);
            if (current != null) {
                current.close();
            }
        });
        streams.add(stream);
        subscription.set(gateway.subscribe(instruments, new MarketDataListener() {
            @Override
            public void onQuote(Quote quote) {
                stream.offer("quote", null, Json.write(quote));
            }
        }));
        stream.offer("subscribed", null, "{\"stream\":\"" + name + "\"}");
    }
}
