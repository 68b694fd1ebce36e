package org.nautilus.risk.internal.engine;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.risk.SubmittedOrder;

/**
 * The orders of one portfolio the engine approved recently: every approval time (for the rate throttle) in a
 * ring buffer kept sorted, and the last few approved requests per instrument (for the duplicate check).
 *
 * <p>Not thread-safe: the engine uses it only while holding its portfolio's lock.
 */
final class SubmitHistory {

    /** Approved requests kept per instrument for the duplicate check. */
    static final int RECENT_PER_INSTRUMENT = 16;

    private final int maxTimes;
    private long[] times = new long[64];
    private int head;
    private int size;
    private final Map<InstrumentId, ArrayDeque<SubmittedOrder>> recent = new HashMap<>();

    /** @param maxTimes the most approval times kept; beyond it the oldest are dropped (counts saturate) */
    SubmitHistory(int maxTimes) {
        this.maxTimes = maxTimes;
    }

    /** Records an approval; times older than {@code retentionNanos} before it are dropped. */
    void record(SubmittedOrder order, long retentionNanos) {
        long t = nanos(order.at());
        if (size > 0) {
            t = Math.max(t, at(size - 1)); // a clock step back must not unsort the ring
        }
        long cutoff = t - retentionNanos;
        while (size > 0 && times[head] < cutoff) {
            head = (head + 1) % times.length;
            size--;
        }
        if (size == times.length) {
            if (times.length < maxTimes) {
                grow();
            } else {
                head = (head + 1) % times.length;
                size--;
            }
        }
        times[(head + size) % times.length] = t;
        size++;

        ArrayDeque<SubmittedOrder> deque = recent.computeIfAbsent(order.request().instrumentId(),
                k -> new ArrayDeque<>(RECENT_PER_INSTRUMENT));
        deque.addFirst(order);
        if (deque.size() > RECENT_PER_INSTRUMENT) {
            deque.removeLast();
        }
    }

    /** Approvals at or after {@code since}. */
    int countSince(Instant since) {
        long s = nanos(since);
        int lo = 0;
        int hi = size;
        while (lo < hi) { // first index whose time is >= s
            int mid = (lo + hi) >>> 1;
            if (at(mid) < s) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return size - lo;
    }

    /** Approved requests in {@code instrument} at or after {@code since}, newest first. */
    List<SubmittedOrder> recent(InstrumentId instrument, Instant since) {
        ArrayDeque<SubmittedOrder> deque = recent.get(instrument);
        if (deque == null) {
            return List.of();
        }
        // Count first, so the list is allocated once at its size (this runs on every pre-trade check).
        int n = 0;
        for (SubmittedOrder o : deque) {
            if (o.at().isBefore(since)) {
                break;
            }
            n++;
        }
        if (n == 0) {
            return List.of();
        }
        List<SubmittedOrder> result = new ArrayList<>(n);
        for (SubmittedOrder o : deque) {
            if (result.size() == n) {
                break;
            }
            result.add(o);
        }
        return result;
    }

    /** The newest approved request in {@code instrument} at or after {@code since} that {@code match} accepts. */
    Optional<SubmittedOrder> find(InstrumentId instrument, Instant since, Predicate<SubmittedOrder> match) {
        ArrayDeque<SubmittedOrder> deque = recent.get(instrument);
        if (deque != null) {
            for (SubmittedOrder o : deque) {
                if (o.at().isBefore(since)) {
                    break;
                }
                if (match.test(o)) {
                    return Optional.of(o);
                }
            }
        }
        return Optional.empty();
    }

    private long at(int index) {
        return times[(head + index) % times.length];
    }

    private void grow() {
        long[] bigger = new long[Math.min(times.length * 2, maxTimes)];
        for (int i = 0; i < size; i++) {
            bigger[i] = at(i);
        }
        times = bigger;
        head = 0;
    }

    static long nanos(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
    }
}
