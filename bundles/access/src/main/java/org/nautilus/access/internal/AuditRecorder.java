package org.nautilus.access.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.nautilus.api.audit.Actor;
import org.nautilus.api.audit.AuditRecord;
import org.nautilus.api.audit.AuditService;
import org.nautilus.api.audit.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records the HTTP API's actions in the audit journal off the request path: one thread drains everything queued
 * meanwhile into ONE durable write ({@link AuditService#recordAll}). One journal commit per request (what a
 * {@code record} per request costs) made the audit thread, not the OMS, the limit of order entry over HTTP: every
 * order's commit carried one audit entry, so groups stayed at one or two orders.
 *
 * <p>Refused attempts (401/403) are recorded too, but at most {@link #REFUSALS_PER_SECOND} a second: a flood of bad
 * credentials must not fill the journal. The ones over the limit are counted and the next recorded refusal says how
 * many were left out ({@code suppressed} field).
 */
final class AuditRecorder implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AuditRecorder.class);

    /** Actions waiting to be recorded; past this the newest are counted and logged, never waited for. */
    static final int QUEUE = 10_000;
    /** The most entries one write carries. */
    static final int MAX_BATCH = 1_000;
    /** Refused attempts recorded per second at most (a token bucket, this many tokens, refilled every second). */
    static final int REFUSALS_PER_SECOND = 20;

    private final Supplier<AuditService> journal;
    private final LongSupplier nanoClock;
    private final BlockingQueue<AuditRecord> queue = new ArrayBlockingQueue<>(QUEUE);
    private final AtomicLong unrecorded = new AtomicLong();
    private final AtomicLong suppressedRefusals = new AtomicLong();
    private final Thread thread;
    private volatile boolean closing;
    private long refusalWindowStart;
    private int refusalsInWindow;

    AuditRecorder(Supplier<AuditService> journal, LongSupplier nanoClock, boolean start) {
        this.journal = journal;
        this.nanoClock = nanoClock;
        this.refusalWindowStart = nanoClock.getAsLong();
        this.thread = new Thread(this::run, "nautilus-http-audit");
        thread.setDaemon(true);
        if (start) {
            thread.start();
        }
    }

    /** Queues an action that passed ({@code user} did {@code method path}, answered {@code status}). */
    void action(String user, String method, String path, int status) {
        offer(AuditRecord.action(Actor.of(user, Channel.HTTP), method, path, null,
                method + " " + path + " -> " + status, Map.of("status", Integer.toString(status))));
    }

    /**
     * Queues a refused attempt unless this second's allowance is spent (then only counted).
     *
     * @param user who it claimed to be, or {@code null} when unknown (no or unreadable credentials)
     */
    void refused(String user, String method, String path, int status, String reason) {
        long suppressed;
        synchronized (this) {
            long now = nanoClock.getAsLong();
            if (now - refusalWindowStart >= TimeUnit.SECONDS.toNanos(1)) {
                refusalWindowStart = now;
                refusalsInWindow = 0;
            }
            if (refusalsInWindow >= REFUSALS_PER_SECOND) {
                suppressedRefusals.incrementAndGet();
                return;
            }
            refusalsInWindow++;
            suppressed = suppressedRefusals.getAndSet(0);
        }
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("status", Integer.toString(status));
        fields.put("reason", reason);
        if (suppressed > 0) {
            fields.put("suppressed", Long.toString(suppressed));
        }
        offer(AuditRecord.action(Actor.of(user == null ? "anonymous" : user, Channel.HTTP), "REFUSED",
                method + " " + path, null, method + " " + path + " -> " + status + ": " + reason
                        + (suppressed > 0 ? " (" + suppressed + " more refused attempts not recorded before this)"
                                : ""),
                fields));
    }

    private void offer(AuditRecord entry) {
        if (!queue.offer(entry)) {
            long dropped = unrecorded.incrementAndGet();
            if (Long.bitCount(dropped) == 1) {
                LOG.error("audit: {} HTTP action(s) not recorded, the recorder is {} behind (latest: {})", dropped,
                        QUEUE, entry.detail());
            }
        }
    }

    long unrecorded() {
        return unrecorded.get();
    }

    /** Records what is queued now, in one write; {@code false} if nothing was. (The thread's step; tests call it.) */
    boolean drainOnce(long waitMillis) throws InterruptedException {
        AuditRecord first = queue.poll(waitMillis, TimeUnit.MILLISECONDS);
        if (first == null) {
            return false;
        }
        List<AuditRecord> batch = new ArrayList<>(Math.min(MAX_BATCH, queue.size() + 1));
        batch.add(first);
        queue.drainTo(batch, MAX_BATCH - 1);
        AuditService audit = journal.get();
        if (audit == null) {
            LOG.warn("audit journal unavailable: {} HTTP action(s) not recorded (first: {})", batch.size(),
                    first.detail());
            return true;
        }
        try {
            audit.recordAll(batch);
        } catch (RuntimeException e) {
            LOG.error("audit: {} HTTP action(s) could not be recorded (first: {}): {}", batch.size(), first.detail(),
                    e.toString());
        }
        return true;
    }

    private void run() {
        try {
            while (!closing || !queue.isEmpty()) {
                drainOnce(200);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws InterruptedException {
        closing = true;
        thread.join(TimeUnit.SECONDS.toMillis(10));
        if (thread.isAlive() || !queue.isEmpty()) {
            LOG.warn("audit: {} HTTP action(s) still queued at shutdown were not recorded", queue.size());
            thread.interrupt();
        }
    }
}
