package org.nautilus.benchmarks.matching;

import java.util.Arrays;
import java.util.HashMap;
import java.util.SplittableRandom;
import org.nautilus.api.domain.OrderType;
import org.nautilus.api.domain.TimeInForce;
import org.nautilus.venue.simulated.internal.matching.MatchListener;
import org.nautilus.venue.simulated.internal.matching.OrderBook;
import org.nautilus.venue.simulated.internal.matching.Reason;
import org.nautilus.venue.simulated.internal.matching.SelfMatchPolicy;

/**
 * A seeded random stream of order-book commands, the same for both engines, stored as primitive arrays so
 * that replaying it costs nothing: about 55 % GTC limit orders around a random-walking mid (mostly passive,
 * some through the spread), 6 % IOC limits, 4 % market orders, 20 % cancels, 8 % price moves and 7 %
 * size reductions of working orders (more cancels when the book holds {@value #MAX_LIVE} orders). The mid
 * reverts to its start. 1,000 users; orders of the same user may trade with each other, as in exchange-core.
 */
final class OrderStream {

    static final byte GTC = 0;
    static final byte IOC = 1;
    static final byte MARKET = 2;
    static final byte CANCEL = 3;
    static final byte MOVE = 4;
    static final byte REDUCE = 5;

    /** The book is kept at no more than this many working orders. */
    static final int MAX_LIVE = 5_000;

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
        // Our book replays the stream while it is generated, so that cancels, moves and reductions target
        // orders that really are working (as a trader's would): the stream stays a steady-state book of at
        // most MAX_LIVE orders. Both engines then replay the finished arrays; they match identically (see
        // ExchangeCoreParityTest), so the orders are working in exchange-core's book as well.
        Live live = new Live();
        OrderBook oracle = new OrderBook(live, SelfMatchPolicy.ALLOW, 1 << 14);
        long start = 10_000;
        long mid = start;
        long nextId = 1;
        for (int i = 0; i < size; i++) {
            if (random.nextInt(50) == 0) {
                // A random walk pulled back towards the start.
                mid = Math.max(100, mid + random.nextInt(-5, 6) + (mid < start ? 1 : mid > start ? -1 : 0));
            }
            int dice = random.nextInt(100);
            if (live.count < 10 || (dice < 55 && live.count < MAX_LIVE)) {
                boolean b = random.nextBoolean();
                long offset = random.nextInt(-3, 25);
                set(i, GTC, nextId++, users, b, b ? mid - offset : mid + offset, 1 + random.nextInt(100));
            } else if (dice < 65) {
                boolean b = random.nextBoolean();
                long p = b ? mid + random.nextInt(0, 8) : mid - random.nextInt(0, 8);
                set(i, dice < 61 ? IOC : MARKET, nextId++, users, b, p, 1 + random.nextInt(150));
            } else {
                long id = live.ids[random.nextInt(live.count)];
                if (dice < 85 || live.count >= MAX_LIVE) {
                    set(i, CANCEL, id, users, false, 0, 0);
                } else if (dice < 93) {
                    long p = Math.max(1, oracle.price(id) + (random.nextBoolean() ? 1 : -1) * (1 + random.nextInt(10)));
                    set(i, MOVE, id, users, false, p, 0);
                } else {
                    set(i, REDUCE, id, users, false, 0, 1 + random.nextInt(40));
                }
            }
            replay(oracle, live, i);
        }
    }

    /** Applies command {@code i} to the oracle book and updates the set of working orders. */
    private void replay(OrderBook oracle, Live live, int i) {
        long id = orderId[i];
        live.touched = 0;
        switch (kind[i]) {
            case GTC -> oracle.submit(id, uid[i], buy[i], OrderType.LIMIT, TimeInForce.GTC, false, price[i], 0,
                    quantity[i], 0);
            case IOC -> oracle.submit(id, uid[i], buy[i], OrderType.LIMIT, TimeInForce.IOC, false, price[i], 0,
                    quantity[i], 0);
            case MARKET ->
                    oracle.submit(id, uid[i], buy[i], OrderType.MARKET, TimeInForce.IOC, false, 0, 0, quantity[i], 0);
            case CANCEL -> oracle.cancel(id);
            case MOVE -> oracle.move(id, price[i]);
            case REDUCE -> oracle.reduce(id, quantity[i]);
            default -> throw new IllegalStateException("kind " + kind[i]);
        }
        live.touch(id);
        for (int t = 0; t < live.touched; t++) {
            long touched = live.touchedIds[t];
            if (oracle.isWorking(touched)) {
                live.add(touched);
            } else {
                live.remove(touched);
            }
        }
    }

    /** The ids of the working orders, with O(1) add and remove. */
    private static final class Live implements MatchListener {
        long[] ids = new long[MAX_LIVE + 16];
        int count;
        final HashMap<Long, Integer> positions = new HashMap<>();
        long[] touchedIds = new long[1024];
        int touched;

        void add(long id) {
            if (!positions.containsKey(id)) {
                positions.put(id, count);
                ids[count++] = id;
            }
        }

        void remove(long id) {
            Integer at = positions.remove(id);
            if (at != null) {
                long last = ids[--count];
                if (at != count) {
                    ids[at] = last;
                    positions.put(last, at);
                }
            }
        }

        void touch(long id) {
            if (touched == touchedIds.length) {
                touchedIds = Arrays.copyOf(touchedIds, touched * 2);
            }
            touchedIds[touched++] = id;
        }

        @Override
        public void onAccepted(long orderId) {
        }

        @Override
        public void onRejected(long orderId, Reason reason) {
        }

        @Override
        public void onTrade(long takerOrderId, long makerOrderId, boolean takerBuy, long price, long quantity) {
            touch(makerOrderId);
        }

        @Override
        public void onCanceled(long orderId, long canceledQuantity, Reason reason) {
            touch(orderId);
        }

        @Override
        public void onTriggered(long orderId) {
        }

        @Override
        public void onReplaced(long orderId, long price, long quantity) {
        }

        @Override
        public void onAmendRejected(long orderId, Reason reason) {
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
