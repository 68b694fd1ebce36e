package org.nautilus.benchmarks.longmap;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.LongBinaryOperator;
import java.util.function.LongUnaryOperator;
import org.agrona.collections.Long2LongHashMap;
import org.nautilus.grid.internal.store.LongLongMap;

/**
 * grid's {@link LongLongMap} (64 shards that grow apart) against Agrona's {@link Long2LongHashMap} (one table) as the
 * journaling store's order index ({@code OrderLog}): order id to its first journal record, filled by the store's
 * committer, whose every stall delays every acknowledgement. Per map: the time to index {@code N} orders, the longest
 * single insert (a growth of the table, copied in one go or one shard at a time), the inserts slower than 1 ms, and
 * the lookups per second afterwards. Maps alternate within one run (ratios are what to compare on a shared machine).
 *
 * <p>Args: orders (default 8,000,000), rounds (default 3). Ends with {@code longmap: <ratio> x} (the longest insert
 * of Agrona's map over ours).
 */
public final class LongMapMain {

    private static final long MISSING = LongLongMap.MISSING;

    /** The two maps behind one interface; a lambda pair keeps the loop identical for both. */
    private record Subject(String name, LongBinaryOperator putIfAbsent, LongUnaryOperator get) {
    }

    private LongMapMain() {
    }

    public static void main(String[] args) {
        int orders = args.length > 0 ? Integer.parseInt(args[0]) : 8_000_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        System.out.printf("longmap: %,d order ids indexed per map (OrderLog's starting size 65,536), %d rounds%n",
                orders, rounds);
        double worstRatio = 0;
        double[] oursMax = new double[rounds];
        double[] agronaMax = new double[rounds];
        for (int round = 0; round < rounds; round++) {
            double[] ours = run(ours(), orders);
            double[] agrona = run(agrona(), orders);
            oursMax[round] = ours[1];
            agronaMax[round] = agrona[1];
            worstRatio = Math.max(worstRatio, agrona[1] / ours[1]);
        }
        System.out.printf("longest insert, ms: LongLongMap %s, Long2LongHashMap %s%n", list(oursMax),
                list(agronaMax));
        System.out.printf("longmap: %.0f x%n", median(agronaMax) / median(oursMax));
    }

    private static Subject ours() {
        LongLongMap map = new LongLongMap(1 << 16);
        return new Subject("LongLongMap (64 shards)", map::putIfAbsent, map::get);
    }

    private static Subject agrona() {
        Long2LongHashMap map = new Long2LongHashMap(1 << 16, 0.6f, MISSING);
        return new Subject("Agrona Long2LongHashMap", map::putIfAbsent, map::get);
    }

    /** @return {total ms, longest insert ms, inserts over 1 ms, lookups per second} */
    private static double[] run(Subject subject, int orders) {
        System.gc();
        long longest = 0;
        int slow = 0;
        long start = System.nanoTime();
        long last = start;
        for (int i = 1; i <= orders; i++) {
            // Order ids rise; a record holds ~100 orders (the committer's groups under load).
            if (subject.putIfAbsent().applyAsLong(i, i / 100) != MISSING) {
                throw new IllegalStateException("order " + i + " indexed twice");
            }
            long now = System.nanoTime();
            long took = now - last;
            longest = Math.max(longest, took);
            if (took > 1_000_000) {
                slow++;
            }
            last = now;
        }
        double total = (last - start) / 1e6;
        long sum = 0;
        long lookups = System.nanoTime();
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < orders; i++) {
            sum += subject.get().applyAsLong(random.nextLong(1, orders + 1L));
        }
        double perSecond = orders / ((System.nanoTime() - lookups) / 1e9);
        if (sum < 0) {
            throw new IllegalStateException("checksum " + sum);
        }
        System.out.printf("  %-26s index %,d in %,.0f ms, longest insert %.1f ms, %d insert(s) over 1 ms, "
                + "%,.0f lookups/s%n", subject.name(), orders, total, longest / 1e6, slow, perSecond);
        return new double[] {total, longest / 1e6, slow, perSecond};
    }

    private static String list(double[] values) {
        StringBuilder out = new StringBuilder();
        for (double v : values) {
            out.append(out.length() == 0 ? "" : " / ").append(String.format("%.1f", v));
        }
        return out.toString();
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
