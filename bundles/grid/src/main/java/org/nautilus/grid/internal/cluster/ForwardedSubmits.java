package org.nautilus.grid.internal.cluster;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.ignite.Ignite;
import org.apache.ignite.lang.IgniteBiPredicate;
import org.nautilus.api.oms.OrderServiceUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Submits forwarded to the node running the OMS without a thread per order on either side: the request goes as an
 * Ignite message, the leader applies it with its OMS's asynchronous submit and sends the answer back as another
 * message once the order is durable, matched by a number. The service proxy every other forwarded call uses holds the
 * caller's thread and one of the leader's service-pool threads (8 here) for the whole call, durable commit included:
 * every follower together had at most 8 orders in flight, whatever its clients sent.
 *
 * <p>A request whose leader leaves the cluster, or does not answer within the timeout, fails with the retryable
 * {@link OrderServiceUnavailableException}: its outcome is unknown, and a retry with the same client order id is
 * applied at most once. A node that no longer holds the OMS leadership answers that at once, so a request sent to a
 * leader that has just handed over is retried on the new one instead of waiting.
 */
final class ForwardedSubmits implements AutoCloseable {

    static final String REQUESTS = "nautilus.oms.submit";
    static final String ANSWERS = "nautilus.oms.submit.answer";
    /** How often requests are checked for a leader that left or a timeout. */
    static final long SWEEP_MS = 200;

    private static final Logger LOG = LoggerFactory.getLogger(ForwardedSubmits.class);

    /** A request sent: to which node, until when it may wait, what its caller waits on. */
    private record Pending(UUID leader, long deadlineNanos, CompletableFuture<String> answer) {
    }

    /** What the leader does with a request: the local OMS's asynchronous submit, its answer encoded on the executor. */
    interface Leader {
        CompletionStage<String> submitAsync(String arguments, Executor encoder);
    }

    private final Ignite ignite;
    private final Supplier<Optional<UUID>> leaderNode;
    private final BooleanSupplier holdsLeadership;
    private final Leader local;
    private final long timeoutNanos;
    private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    /** Encodes and sends the leader's answers, off the store's thread that completes the orders. */
    private final ExecutorService answers;
    private final ScheduledExecutorService sweeper;
    private final IgniteBiPredicate<UUID, Object> onRequest = this::request;
    private final IgniteBiPredicate<UUID, Object> onAnswer = this::answer;

    /**
     * @param leaderNode      the node running the OMS now, if any (looked up for each request)
     * @param holdsLeadership whether this node holds the OMS leadership now
     * @param local           this node's side when it is the leader
     * @param timeoutMillis   how long a request waits for its answer
     */
    ForwardedSubmits(Ignite ignite, Supplier<Optional<UUID>> leaderNode, BooleanSupplier holdsLeadership,
            Leader local, long timeoutMillis) {
        this.ignite = ignite;
        this.leaderNode = leaderNode;
        this.holdsLeadership = holdsLeadership;
        this.local = local;
        this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        this.answers = Executors.newSingleThreadExecutor(daemon("nautilus-oms-answers"));
        this.sweeper = Executors.newSingleThreadScheduledExecutor(daemon("nautilus-oms-forwarded"));
        ignite.message().localListen(REQUESTS, onRequest);
        ignite.message().localListen(ANSWERS, onAnswer);
        sweeper.scheduleWithFixedDelay(this::sweep, SWEEP_MS, SWEEP_MS, TimeUnit.MILLISECONDS);
    }

    /** Sends a submit's arguments to the leader; the stage completes with its encoded answer ({@link OmsDispatcher}). */
    CompletionStage<String> submit(String arguments) {
        UUID leader = leaderNode.get().orElseThrow(
                () -> new OrderServiceUnavailableException(
                        "no node runs the OMS at this moment (it is moving); retry"));
        long id = ids.incrementAndGet();
        CompletableFuture<String> answer = new CompletableFuture<>();
        pending.put(id, new Pending(leader, System.nanoTime() + timeoutNanos, answer));
        try {
            ignite.message(ignite.cluster().forNodeId(leader)).send(REQUESTS, id + "\n" + arguments);
        } catch (RuntimeException e) {
            pending.remove(id);
            answer.completeExceptionally(e);
        }
        return answer;
    }

    /** On the leader, on an Ignite public-pool thread: must not wait for the order (the OMS's own wait aside). */
    private boolean request(UUID from, Object message) {
        String text = (String) message;
        int split = text.indexOf('\n');
        String id = text.substring(0, split);
        CompletionStage<String> answer = holdsLeadership.getAsBoolean()
                ? local.submitAsync(text.substring(split + 1), answers)
                : CompletableFuture.completedFuture(OmsDispatcher.error(OmsDispatcher.UNAVAILABLE,
                        "the OMS has moved off the node this was sent to; retry"));
        answer.thenAccept(json -> reply(from, id + "\n" + json));
        return true;
    }

    private void reply(UUID to, String message) {
        try {
            ignite.message(ignite.cluster().forNodeId(to)).send(ANSWERS, message);
        } catch (RuntimeException e) {
            // The sender left: its request times out or fails there, and it retries with the same client order id.
            LOG.debug("cluster: could not answer a forwarded submit to node {}: {}", to, e.toString());
        }
    }

    /** On the sender, on an Ignite public-pool thread. */
    private boolean answer(UUID from, Object message) {
        String text = (String) message;
        int split = text.indexOf('\n');
        Pending request = pending.remove(Long.parseLong(text.substring(0, split)));
        if (request != null) {
            request.answer().complete(text.substring(split + 1));
        }
        return true;
    }

    private void sweep() {
        try {
            long now = System.nanoTime();
            Map<UUID, Boolean> present = new HashMap<>();
            for (Map.Entry<Long, Pending> e : pending.entrySet()) {
                Pending request = e.getValue();
                boolean gone = !present.computeIfAbsent(request.leader(), n -> ignite.cluster().node(n) != null);
                if ((gone || now - request.deadlineNanos() > 0) && pending.remove(e.getKey(), request)) {
                    request.answer().completeExceptionally(new OrderServiceUnavailableException(gone
                            ? "the node running the OMS left the cluster before it answered; retry"
                            : "the node running the OMS did not answer within "
                                    + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms; retry"));
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("cluster: could not check the forwarded submits; retrying", e);
        }
    }

    /** Stops listening; requests still waiting fail as retryable (this node is stopping). */
    @Override
    public void close() {
        try {
            ignite.message().stopLocalListen(REQUESTS, onRequest);
            ignite.message().stopLocalListen(ANSWERS, onAnswer);
        } catch (RuntimeException e) {
            LOG.debug("cluster: Ignite stopped before the forwarded submits' listeners: {}", e.toString());
        }
        sweeper.shutdownNow();
        answers.shutdown();
        for (Long id : pending.keySet()) {
            Pending request = pending.remove(id);
            if (request != null) {
                request.answer().completeExceptionally(
                        new OrderServiceUnavailableException("this node is stopping; retry on another node"));
            }
        }
    }

    private static ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
