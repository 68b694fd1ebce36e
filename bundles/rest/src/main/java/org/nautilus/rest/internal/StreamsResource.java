package org.nautilus.rest.internal;

import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
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
import org.nautilus.api.oms.OrderEventFeed;
import org.nautilus.api.oms.OrderEventSubscriber;
import org.nautilus.api.research.signal.SignalListener;
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
 * {@code /api/v1/stream/quotes}, model signals at {@code /api/v1/stream/signals}. Each client has its own bounded buffer ({@link EventStream}); a heartbeat every
 * {@value #HEARTBEAT_SECONDS} s finds clients that went away.
 *
 * <p>All order streams share ONE subscription to the committed order events ({@link OrderStreams}), from the
 * cluster's {@link OrderEventFeed} on any node, so a node that does not run the OMS streams its orders too: each event
 * is turned into JSON once and the same text is queued for every client that wants it. A subscription and a JSON rendering per client
 * cost 100 threads and 100 renderings per event with 100 clients, and slowed order entry itself.
 */
@Component(service = StreamsResource.class, property = "osgi.jaxrs.resource=true")
@Path("/api/v1/stream")
public class StreamsResource {

    static final int BUFFER = 4096;
    static final int HEARTBEAT_SECONDS = 15;
    /** How long a client's first event waits for more to go out with it in one write ({@link EventStream}). */
    static final long LINGER_MILLIS = 10;
    /**
     * The shared OMS subscription's queue, in events: every client's buffer is {@link #BUFFER}, and the fan-out
     * only queues (it never writes), so it falls this far behind only when the node itself is starved.
     */
    static final int ORDER_QUEUE = 65_536;

    private static final SseFrame HEARTBEAT = new SseFrame("heartbeat", null, "{}");

    private final BundleContext context;
    private final ScheduledExecutorService sender = Executors.newScheduledThreadPool(2,
            Threads.daemon("nautilus-http-sse"));
    private final ScheduledExecutorService heartbeat = Executors
            .newSingleThreadScheduledExecutor(Threads.daemon("nautilus-http-sse-heartbeat"));
    private final Set<EventStream> streams = new CopyOnWriteArraySet<>();
    private final AtomicInteger counter = new AtomicInteger();
    private final OrderStreams orderStreams = new OrderStreams(this::orderEvents);

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    volatile MarketDataService marketData;
    /** The cluster's committed order events; absent without a grid cluster (then the local OMS's whiteboard). */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    volatile OrderEventFeed feed;

    @Activate
    public StreamsResource(BundleContext context) {
        this.context = context;
        heartbeat.scheduleAtFixedRate(() -> streams.forEach(s -> s.offer(HEARTBEAT)),
                HEARTBEAT_SECONDS, HEARTBEAT_SECONDS, TimeUnit.SECONDS);
    }

    @Deactivate
    void deactivate() {
        heartbeat.shutdownNow();
        streams.forEach(s -> s.drop("the HTTP API is stopping"));
        orderStreams.unsubscribe();
        sender.shutdown();
    }

    @GET
    @Path("orders")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void orders(@Context SseEventSink sink, @Context Sse sse, @QueryParam("portfolio") String portfolio) {
        String wanted = Params.blankToNull(portfolio);
        String name = "http-orders-" + counter.incrementAndGet();
        OrderStreams.Client[] client = new OrderStreams.Client[1];
        EventStream stream = new EventStream(name, sink, sse, BUFFER, sender, LINGER_MILLIS, () -> {
            streams.removeIf(EventStream::isClosed);
            orderStreams.remove(client[0]);
        });
        client[0] = new OrderStreams.Client(stream, wanted);
        streams.add(stream);
        stream.offer(new SseFrame("subscribed", null, "{\"stream\":\"" + name + "\"}"));
        orderStreams.add(client[0]);
    }

    /**
     * Where the order streams' events come from: the cluster's feed where the grid offers it (every node of a
     * cluster, the OMS's included: the feed does not care where the OMS runs or whether it moves), else a whiteboard
     * subscriber of the OMS on this node (a single node with the store's journal, where the OMS runs here).
     */
    private OrderStreams.Source orderEvents() {
        OrderEventFeed current = feed;
        if (current != null) {
            return streams -> current.subscribe("http-order-streams", streams, Set.of(), ORDER_QUEUE)::close;
        }
        return streams -> {
            Dictionary<String, Object> properties = new Hashtable<>();
            properties.put("subscriber.name", "http-order-streams");
            properties.put(OrderEventSubscriber.QUEUE_SIZE_PROPERTY, ORDER_QUEUE);
            ServiceRegistration<OrderEventSubscriber> registration = context.registerService(
                    OrderEventSubscriber.class, streams, properties);
            return () -> {
                try {
                    registration.unregister();
                } catch (IllegalStateException alreadyGone) {
                    // The bundle is stopping and took the service with it.
                }
            };
        };
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
        EventStream stream = new EventStream(name, sink, sse, BUFFER, sender, LINGER_MILLIS, () -> {
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
                stream.offer(new SseFrame("quote", null, Json.write(quote)));
            }
        }));
        stream.offer(new SseFrame("subscribed", null, "{\"stream\":\"" + name + "\"}"));
    }

    /**
     * Model signals as the serving publishes them: one {@code signals} event per batch (model, version, alias,
     * shadow, bar close time, one signal per instrument, the instruments missing), from {@code model} only when
     * given, challengers scoring in shadow too with {@code shadow=true}. Each client is a {@link SignalListener} of
     * its own (the serving's whiteboard), gone with the client.
     */
    @GET
    @Path("signals")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void signals(@Context SseEventSink sink, @Context Sse sse, @QueryParam("model") String model,
            @QueryParam("shadow") boolean shadow) {
        String name = "http-signals-" + counter.incrementAndGet();
        AtomicReference<ServiceRegistration<SignalListener>> registration = new AtomicReference<>();
        Runnable unregister = () -> {
            ServiceRegistration<SignalListener> current = registration.getAndSet(null);
            if (current != null) {
                try {
                    current.unregister();
                } catch (IllegalStateException alreadyGone) {
                    // The bundle is stopping and took the service with it.
                }
            }
        };
        EventStream stream = new EventStream(name, sink, sse, BUFFER, sender, LINGER_MILLIS, () -> {
            streams.removeIf(EventStream::isClosed);
            unregister.run();
        });
        streams.add(stream);
        Dictionary<String, Object> properties = new Hashtable<>();
        String wanted = Params.blankToNull(model);
        if (wanted != null) {
            properties.put(SignalListener.MODEL_PROPERTY, wanted);
        }
        properties.put(SignalListener.SHADOW_PROPERTY, Boolean.toString(shadow));
        stream.offer(new SseFrame("subscribed", null, "{\"stream\":\"" + name + "\"}"));
        registration.set(context.registerService(SignalListener.class,
                batch -> stream.offer(new SseFrame("signals", null, Json.write(batch))), properties));
        if (stream.isClosed()) { // closed before it was registered: its close found nothing to unregister
            unregister.run();
        }
    }
}
