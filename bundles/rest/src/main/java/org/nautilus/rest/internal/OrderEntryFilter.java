package org.nautilus.rest.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.servlet.AsyncContext;
import javax.servlet.AsyncEvent;
import javax.servlet.AsyncListener;
import javax.servlet.Filter;
import javax.servlet.FilterChain;
import javax.servlet.ServletException;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.nautilus.api.marketdata.MarketDataService;
import org.nautilus.api.oms.OrderService;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Order entry's hot path: {@code POST /api/v1/orders} and {@code POST /api/v1/orders:batch} served by a servlet
 * filter of the HTTP Whiteboard in front of the JAX-RS application, so an order costs Jetty and Pax Web only, not
 * CXF's interceptor chain and second pass to resume an {@code AsyncResponse} (profiled: most of the 1.4 ms of CPU an
 * order cost over JAX-RS). Same JSON, error shape, codes and {@code Idempotency-Key} semantics as every other resource
 * (it shares {@link Json} and {@link ErrorMapper}); the other methods of {@code /api/v1/orders} (the blotter) pass on
 * to JAX-RS.
 *
 * <p>The access bundle's filter runs first (a higher ranking) and authenticates the request; one that reaches here
 * without a user is refused, so order entry is never open because that bundle is missing. The request is taken
 * asynchronously: no thread waits for the journal. The answer is written on a Jetty thread ({@link AsyncContext#start})
 * because the order completes on the store's acknowledger, which must not block on a client's socket.
 */
@Component(service = Filter.class, property = {
        "osgi.http.whiteboard.filter.name=nautilus.order-entry",
        "osgi.http.whiteboard.filter.pattern=" + OrderEntryFilter.ORDERS,
        "osgi.http.whiteboard.filter.pattern=" + OrderEntryFilter.BATCH,
        "osgi.http.whiteboard.filter.asyncSupported=true",
        // Every context: the JAX-RS whiteboard serves /api/v1 from a context of its own.
        "osgi.http.whiteboard.context.select=(osgi.http.whiteboard.context.name=*)"})
public final class OrderEntryFilter implements Filter {

    static final String ORDERS = "/api/v1/orders";
    static final String BATCH = "/api/v1/orders:batch";
    /** The operations served here (the OpenAPI document's test counts them with the JAX-RS ones). */
    static final List<String> OPERATIONS = List.of("POST " + ORDERS, "POST " + BATCH);
    /** How long an order may take to become durable before the client is told to look it up instead. */
    static final long ACK_TIMEOUT_MILLIS = 30_000;

    private static final Logger LOG = LoggerFactory.getLogger(OrderEntryFilter.class);

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    volatile OrderService orders;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    volatile MarketDataService marketData;

    private final OrderEntry entry = new OrderEntry(() -> orders, () -> marketData);

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        String method = request.getMethod();
        if (method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS")) {
            chain.doFilter(req, res);
            return;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        boolean batch = path.equals(BATCH);
        if (!batch && !path.equals(ORDERS)) {
            chain.doFilter(req, res);
            return;
        }
        if (!method.equals("POST")) {
            write(response, OrderEntry.failure(new ApiException(405, "METHOD_NOT_ALLOWED", "this resource does not "
                    + "answer " + method + "; it answers " + (batch ? "[POST]" : "[GET, POST]")
                    + " (see /api/v1/openapi.json)", null)));
            return;
        }
        if (request.getUserPrincipal() == null) {
            // The access bundle authenticates before this filter; without it, nobody may order.
            write(response, OrderEntry.failure(new ApiException(401, "UNAUTHENTICATED", "order entry needs an "
                    + "authenticated user and this node's HTTP access control (nautilus-access) is not running",
                    null)));
            return;
        }
        String contentType = request.getContentType();
        String key = request.getHeader(OrderEntry.IDEMPOTENCY_KEY);
        CompletionStage<OrderEntry.Answer> answer = batch
                ? entry.submitBatch(contentType, request.getInputStream(), key)
                : entry.submit(contentType, request.getInputStream(), key);
        OrderEntry.Answer now = answer.toCompletableFuture().getNow(null);
        if (now != null) {
            // Refused before the OMS, a denial, a replay: answered on this thread, nothing to wait for.
            write(response, now);
            return;
        }
        AsyncContext async = request.startAsync();
        async.setTimeout(ACK_TIMEOUT_MILLIS);
        AtomicBoolean answered = new AtomicBoolean();
        async.addListener(new AsyncListener() {
            @Override
            public void onTimeout(AsyncEvent event) throws IOException {
                if (answered.compareAndSet(false, true)) {
                    write((HttpServletResponse) event.getAsyncContext().getResponse(),
                            OrderEntry.failure(new ApiException(504, "ACK_TIMEOUT", "the order was not durable within "
                                    + ACK_TIMEOUT_MILLIS / 1000 + " s; look it up by its client order id before "
                                    + "sending it again", null)));
                    event.getAsyncContext().complete();
                }
            }

            @Override
            public void onComplete(AsyncEvent event) {
            }

            @Override
            public void onError(AsyncEvent event) {
                answered.set(true);
            }

            @Override
            public void onStartAsync(AsyncEvent event) {
            }
        });
        answer.whenComplete((done, failure) -> async.start(() -> {
            if (!answered.compareAndSet(false, true)) {
                return;
            }
            try {
                write((HttpServletResponse) async.getResponse(), failure == null ? done : OrderEntry.failure(failure));
            } catch (IOException | RuntimeException e) {
                LOG.debug("order entry: the answer could not be written (client gone?): {}", e.toString());
            } finally {
                async.complete();
            }
        }));
    }

    private static void write(HttpServletResponse response, OrderEntry.Answer answer) throws IOException {
        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        response.setStatus(answer.status());
        response.setContentType(Json.MEDIA_TYPE);
        response.setContentLength(body.length);
        if (answer.location() != null) {
            response.setHeader("Location", answer.location());
        }
        if (answer.replayed()) {
            response.setHeader("Idempotent-Replayed", "true");
        }
        response.getOutputStream().write(body);
    }
}
