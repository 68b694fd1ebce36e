package org.nautilus.grid.internal.journal;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A histogram of durations in nanoseconds recorded by ONE thread (the committer: its syncs, its groups' writes,
 * its units' waits) and read by any: log-linear buckets, 16 per power of two, so a percentile is within 6.25 %
 * above the true value. Allocation-free and lock-free on the recording side; a reader's {@link #snapshot()} may
 * miss the records of the last moments.
 */
public final class Durations {

    private static final int SUB_BITS = 4;
    private static final int SUB = 1 << SUB_BITS;
    private static final int BUCKETS = SUB + (63 - SUB_BITS) * SUB;

    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);
    private final AtomicLongArray totals = new AtomicLongArray(2);

    /** Records one duration (negative ones as 0); by the one recording thread only. */
    public void record(long nanos) {
        long value = Math.max(0, nanos);
        int i = bucket(value);
        counts.setRelease(i, counts.getPlain(i) + 1);
        if (value > totals.getPlain(1)) {
            totals.setRelease(1, value);
        }
        totals.setRelease(0, totals.getPlain(0) + 1);
    }

    public Snapshot snapshot() {
        long[] copy = new long[BUCKETS];
        for (int i = 0; i < BUCKETS; i++) {
            copy[i] = counts.getAcquire(i);
        }
        return new Snapshot(copy, totals.getAcquire(1));
    }

    static int bucket(long value) {
        if (value < SUB) {
            return (int) value;
        }
        int exponent = 63 - Long.numberOfLeadingZeros(value);
        int sub = (int) (value >>> (exponent - SUB_BITS)) & (SUB - 1);
        return SUB + (exponent - SUB_BITS) * SUB + sub;
    }

    /** The highest value of bucket {@code i}. */
    static long highest(int i) {
        if (i < SUB) {
            return i;
        }
        int exponent = (i - SUB) / SUB + SUB_BITS;
        int sub = (i - SUB) % SUB;
        long width = 1L << (exponent - SUB_BITS);
        return ((SUB + sub) * width) + width - 1;
    }

    /** The counts at one moment. */
    public static final class Snapshot {
        private final long[] counts;
        private final long max;
        private final long count;

        Snapshot(long[] counts, long max) {
            this.counts = counts;
            this.max = max;
            long n = 0;
            for (long c : counts) {
                n += c;
            }
            this.count = n;
        }

        public long count() {
            return count;
        }

        /** The largest duration recorded since the start (not only since an earlier snapshot). */
        public long maxNanos() {
            return max;
        }

        /** The durations recorded since {@code earlier}, a snapshot of the same histogram. */
        public Snapshot minus(Snapshot earlier) {
            long[] diff = new long[counts.length];
            long highest = 0;
            for (int i = 0; i < counts.length; i++) {
                diff[i] = counts[i] - earlier.counts[i];
                if (diff[i] > 0) {
                    highest = highest(i);
                }
            }
            return new Snapshot(diff, Math.min(highest, max));
        }

        /** The duration at or under which {@code percent} % of the records fall (0 when empty). */
        public long percentileNanos(double percent) {
            if (count == 0) {
                return 0;
            }
            long rank = Math.max(1, (long) Math.ceil(percent / 100.0 * count));
            long seen = 0;
            for (int i = 0; i < counts.length; i++) {
                seen += counts[i];
                if (seen >= rank) {
                    return Math.min(highest(i), max);
                }
            }
            return max;
        }

        /** {@code p50 ... p99 ... p99.9 ... max ...} in microseconds. */
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%,d: p50 %.0f us, p99 %.0f us, p99.9 %.0f us, max %.0f us",
                    count, percentileNanos(50) / 1e3, percentileNanos(99) / 1e3, percentileNanos(99.9) / 1e3,
                    max / 1e3);
        }
    }
}
