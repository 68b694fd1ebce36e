package org.nautilus.benchmarks.matching;

import java.util.SplittableRandom;

/**
 * A seeded random stream of order-book commands, the same for both engines, stored as primitive arrays so
 * that replaying it costs nothing: about 55 % GTC limit orders around a random-walking mid (mostly passive,
 * some through the spread), 6 % IOC limits, 4 % market orders, 20 % cancels, 8 % price moves and 7 %
 * size reductions of recent orders. The mid reverts to its start, so the book stays in a steady state.
 * (The parity test in nautilus-venue-simulated uses the same recipe.)
 */
final class OrderStream {

    static final byte GTC = 0;
    static final byte IOC = 1;
    static final byte MARKET = 2;
    static final byte CANCEL = 3;
    static final byte MOVE = 4;
    static final byte REDUCE = 5;

    final int size;
    final byte[] kind;
    final long[] orderId;
    final long[] uid;
    final boolean[] buy;
    final long[] price;
    final long[] quantity;

    OrderStream(long seed, int size, int users) {
        this.size = size;
        kind = new byte[size];
        orderId = new long[size];
        uid = new long[size];
        buy = new boolean[size];
        price = new long[size];
        quantity = new long[size];
        SplittableRandom random = new SplittableRandom(seed);
        long[] prices = new long[size + 1];
        boolean[] sides = new boolean[size + 1];
        long start = 10_000;
        long mid = start;
        long nextId = 1;
        for (int i = 0; i < size; i++) {
            if (random.nextInt(50) == 0) {
                // A random walk pulled back towards the start.
                mid = Math.max(100, mid + random.nextInt(-5, 6) + (mid < start ? 1 : mid > start ? -1 : 0));
            }
            int dice = random.nextInt(100);
            long placed = nextId - 1;
            if (dice < 55 || placed < 10) {
                boolean b = random.nextBoolean();
                long offset = random.nextInt(-3, 25);
                long p = b ? mid - offset : mid + offset;
                long id = nextId++;
                prices[(int) id] = p;
                sides[(int) id] = b;
                set(i, GTC, id, users, b, p, 1 + random.nextInt(100));
            } else if (dice < 65) {
                boolean b = random.nextBoolean();
                long p = b ? mid + random.nextInt(0, 8) : mid - random.nextInt(0, 8);
                long id = nextId++;
                set(i, dice < 61 ? IOC : MARKET, id, users, b, p, 1 + random.nextInt(150));
            } else {
                long id = Math.max(1, placed - random.nextInt((int) Math.min(placed, 200)));
                if (dice < 85) {
                    set(i, CANCEL, id, users, sides[(int) id], 0, 0);
                } else if (dice < 93) {
                    long p = prices[(int) id] + (random.nextBoolean() ? 1 : -1) * (1 + random.nextInt(10));
                    prices[(int) id] = p;
                    set(i, MOVE, id, users, sides[(int) id], p, 0);
                } else {
                    set(i, REDUCE, id, users, sides[(int) id], 0, 1 + random.nextInt(40));
                }
            }
        }
    }

    private void set(int i, byte k, long id, int users, boolean b, long p, long q) {
        kind[i] = k;
        orderId[i] = id;
        uid[i] = 1 + id * 7919 % users;
        buy[i] = b;
        price[i] = p;
        quantity[i] = q;
    }
}
