package org.nautilus.risk.internal.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.OrderRequest;
import org.nautilus.api.domain.Price;
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
    private final Map<InstrumentId, Recent> recent = new HashMap<>();

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

        Recent r = recent.get(order.request().instrumentId());
        if (r == null) {
            r = new Recent();
            recent.put(order.request().instrumentId(), r);
        }
        r.add(order);
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
        Recent r = recent.get(instrument);
        if (r == null) {
            return List.of();
        }
        int n = r.countSince(nanosSaturated(since));
        if (n == 0) {
            return List.of();
        }
        List<SubmittedOrder> result = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            result.add(r.orders[r.slot(k)]);
        }
        return result;
    }

    /**
     * The newest approved request in the request's instrument at or after {@code since} that is the same order
     * under another client order id (see {@link org.nautilus.api.risk.RiskContext#recentIdentical}).
     */
    Optional<SubmittedOrder> identical(OrderRequest request, Instant since) {
        Recent r = recent.get(request.instrumentId());
        if (r == null) {
            return Optional.empty();
        }
        long s = nanosSaturated(since);
        long quantity = request.quantity().raw();
        long limit = raw(request.limitPrice());
        long stop = raw(request.stopPrice());
        int kind = kind(request);
        // The fields compared are copied into arrays: the scan reads no objects until a candidate matches.
        for (int k = 0; k < r.size; k++) {
            int i = r.slot(k);
            if (r.at[i] < s) {
                break;
            }
            if (r.quantity[i] == quantity && r.limit[i] == limit && r.stop[i] == stop && r.kind[i] == kind
                    && !r.orders[i].request().clientOrderId().equals(request.clientOrderId())) {
                return Optional.of(r.orders[i]);
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

    /** {@link #nanos}, saturated at the long range (a query "since the beginning of time" must not fail). */
    private static long nanosSaturated(Instant instant) {
        try {
            return nanos(instant);
        } catch (ArithmeticException e) {
            return instant.getEpochSecond() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    /** No price (a MARKET order's limit, a LIMIT order's stop): request prices are positive. */
    private static final long NO_PRICE = Long.MIN_VALUE;

    private static long raw(Price price) {
        return price == null ? NO_PRICE : price.raw();
    }

    private static int kind(OrderRequest request) {
        return request.side().ordinal() << 8 | request.type().ordinal();
    }

    /**
     * The last {@link #RECENT_PER_INSTRUMENT} approved requests of one instrument, newest first, with the fields
     * the duplicate check compares (side and type, quantity, prices, time) in parallel arrays.
     */
    private static final class Recent {
        final SubmittedOrder[] orders = new SubmittedOrder[RECENT_PER_INSTRUMENT];
        final long[] at = new long[RECENT_PER_INSTRUMENT];
        final long[] quantity = new long[RECENT_PER_INSTRUMENT];
        final long[] limit = new long[RECENT_PER_INSTRUMENT];
        final long[] stop = new long[RECENT_PER_INSTRUMENT];
        final int[] kind = new int[RECENT_PER_INSTRUMENT];
        /** Slot of the newest entry. */
        int newest = -1;
        int size;

        void add(SubmittedOrder order) {
            newest = (newest + 1) % RECENT_PER_INSTRUMENT;
            OrderRequest request = order.request();
            orders[newest] = order;
            at[newest] = nanos(order.at());
            quantity[newest] = request.quantity().raw();
            limit[newest] = raw(request.limitPrice());
            stop[newest] = raw(request.stopPrice());
            kind[newest] = kind(request);
            size = Math.min(size + 1, RECENT_PER_INSTRUMENT);
        }

        /** The slot of the {@code k}-th newest entry. */
        int slot(int k) {
            return Math.floorMod(newest - k, RECENT_PER_INSTRUMENT);
        }

        /** How many of the newest entries are at or after {@code since} (up to the first older one). */
        int countSince(long since) {
            int n = 0;
            while (n < size && at[slot(n)] >= since) {
                n++;
            }
            return n;
        }
    }
}
