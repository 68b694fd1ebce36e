package org.nautilus.venue.simulated.internal.matching;

import static org.assertj.core.api.Assertions.assertThat;

import exchange.core2.core.common.L2MarketData;
import exchange.core2.core.common.MatcherEventType;
import exchange.core2.core.common.MatcherTradeEvent;
import exchange.core2.core.common.cmd.CommandResultCode;
import exchange.core2.core.common.cmd.OrderCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nautilus.api.domain.OrderType;
import org.nautilus.api.domain.TimeInForce;
import org.nautilus.testsupport.exchangecore.ExchangeCoreBook;

/**
 * Matching parity with exchange-core 0.5.3: the same seeded random stream of GTC limit orders, IOC limit
 * orders, market orders, cancels, price moves (cancel-replace, priority lost) and size reductions (priority
 * kept) goes to our {@link OrderBook} and to exchange-core's order books (the "direct" ART-based one and
 * the naive one). Every command must produce the same trades (taker, maker, price, size, in order), the
 * same canceled remainders, and the books must end with the same depth at every level.
 */
class ExchangeCoreParityTest {

    static final int GTC = 0;
    static final int IOC = 1;
    static final int MARKET = 2;
    static final int CANCEL = 3;
    static final int MOVE = 4;
    static final int REDUCE = 5;

    /** One command of the stream. {@code size} is the order size, or the reduction for REDUCE. */
    record Command(int kind, long orderId, long uid, boolean buy, long price, long size) {
    }

    /**
     * A random stream around a random-walking mid price: mostly resting limits near the mid, some crossing
     * ones, IOCs, markets, and cancels / moves / reductions of recent orders.
     */
    static List<Command> stream(long seed, int count, int users) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Command> commands = new ArrayList<>(count);
        long[] prices = new long[count + 1];
        boolean[] sides = new boolean[count + 1];
        long mid = 10_000;
        long nextId = 1;
        for (int i = 0; i < count; i++) {
            if (random.nextInt(50) == 0) {
                mid = Math.max(100, mid + random.nextInt(-5, 6));
            }
            int dice = random.nextInt(100);
            long placed = nextId - 1;
            if (dice < 55 || placed < 10) {
                boolean buy = random.nextBoolean();
                // Mostly passive (behind the mid), sometimes through it.
                long offset = random.nextInt(-3, 25);
                long price = buy ? mid - offset : mid + offset;
                long id = nextId++;
                prices[(int) id] = price;
                sides[(int) id] = buy;
                commands.add(new Command(GTC, id, uid(id, users), buy, price, 1 + random.nextInt(100)));
            } else if (dice < 65) {
                boolean buy = random.nextBoolean();
                long price = buy ? mid + random.nextInt(0, 8) : mid - random.nextInt(0, 8);
                long id = nextId++;
                commands.add(
                        new Command(dice < 61 ? IOC : MARKET, id, uid(id, users), buy, price, 1 + random.nextInt(150)));
            } else {
                // Recent orders are the likely ones still working.
                long id = Math.max(1, placed - random.nextInt((int) Math.min(placed, 200)));
                if (dice < 85) {
                    commands.add(new Command(CANCEL, id, uid(id, users), sides[(int) id], 0, 0));
                } else if (dice < 93) {
                    long price = prices[(int) id] + (random.nextBoolean() ? 1 : -1) * (1 + random.nextInt(10));
                    if (prices[(int) id] != 0 && price > 0) {
                        prices[(int) id] = price;
                        commands.add(new Command(MOVE, id, uid(id, users), sides[(int) id], price, 0));
                    }
                } else {
                    commands.add(new Command(REDUCE, id, uid(id, users), sides[(int) id], 0, 1 + random.nextInt(40)));
                }
            }
        }
        return commands;
    }

    static long uid(long orderId, int users) {
        return 1 + orderId * 7919 % users;
    }

    @ParameterizedTest(name = "seed {0}, {1} commands, {2} users, exchange-core {3}")
    @CsvSource({
            "1, 20000, 1000, DIRECT",
            "2, 20000, 1000, NAIVE",
            "3, 50000, 5000, DIRECT",
            "4, 20000, 100000, DIRECT",
            "5, 20000, 100000, NAIVE",
            "6, 20000, 10, DIRECT"
    })
    void ourBookTradesExactlyLikeExchangeCore(long seed, int count, int users, String implementation) {
        List<Command> commands = stream(seed, count, users);
        Ours ours = new Ours();
        Theirs theirs = new Theirs(implementation.equals("DIRECT"));
        int trades = 0;
        for (int i = 0; i < commands.size(); i++) {
            Command c = commands.get(i);
            List<String> expected = theirs.apply(c);
            List<String> actual = ours.apply(c);
            assertThat(actual).as("command #%s %s", i, c).isEqualTo(expected);
            trades += (int) expected.stream().filter(e -> e.startsWith("trade")).count();
            if (i % 1000 == 0) {
                ours.book.verifyIntegrity();
                assertThat(ours.depth()).as("depth after command #%s", i).isEqualTo(theirs.depth());
            }
        }
        assertThat(ours.depth()).isEqualTo(theirs.depth());
        // The stream must really exercise matching, not just rest orders.
        assertThat(trades).isGreaterThan(count / 10);
    }

    /** Our book, with the commands mapped onto its API. */
    static final class Ours implements MatchListener {
        final OrderBook book = new OrderBook(this, SelfMatchPolicy.ALLOW, 1 << 12);
        final List<String> events = new ArrayList<>();

        List<String> apply(Command c) {
            events.clear();
            switch (c.kind()) {
                case GTC ->
                        book.submit(c.orderId(), c.uid(), c.buy(), OrderType.LIMIT, TimeInForce.GTC, false, c.price(),
                                0, c.size(), 0);
                case IOC ->
                        book.submit(c.orderId(), c.uid(), c.buy(), OrderType.LIMIT, TimeInForce.IOC, false, c.price(),
                                0, c.size(), 0);
                case MARKET ->
                        book.submit(c.orderId(), c.uid(), c.buy(), OrderType.MARKET, TimeInForce.IOC, false, 0, 0,
                                c.size(), 0);
                case CANCEL -> book.cancel(c.orderId());
                case MOVE -> book.move(c.orderId(), c.price());
                case REDUCE -> book.reduce(c.orderId(), c.size());
                default -> throw new IllegalArgumentException("kind " + c.kind());
            }
            return List.copyOf(events);
        }

        List<String> depth() {
            return Theirs.format(book, 10_000);
        }

        @Override
        public void onAccepted(long orderId) {
        }

        @Override
        public void onRejected(long orderId, Reason reason) {
            events.add("rejected " + orderId + " " + reason);
        }

        @Override
        public void onTrade(long takerOrderId, long makerOrderId, boolean takerBuy, long price, long quantity) {
            events.add("trade " + takerOrderId + "<-" + makerOrderId + " " + price + "x" + quantity);
        }

        @Override
        public void onCanceled(long orderId, long canceledQuantity, Reason reason) {
            events.add("removed " + orderId + " " + canceledQuantity);
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

    /** exchange-core's book, driven with OrderCommands. */
    static final class Theirs {
        final ExchangeCoreBook book;

        Theirs(boolean direct) {
            book = new ExchangeCoreBook(direct ? ExchangeCoreBook.Implementation.DIRECT
                    : ExchangeCoreBook.Implementation.NAIVE);
        }

        List<String> apply(Command c) {
            OrderCommand cmd = switch (c.kind()) {
                case GTC -> book.gtc(c.orderId(), c.uid(), c.buy(), c.price(), c.size());
                case IOC -> book.ioc(c.orderId(), c.uid(), c.buy(), c.price(), c.size());
                case MARKET -> book.market(c.orderId(), c.uid(), c.buy(), c.size());
                case CANCEL -> book.cancel(c.orderId(), c.uid());
                case MOVE -> book.move(c.orderId(), c.uid(), c.price());
                case REDUCE -> book.reduce(c.orderId(), c.uid(), c.size());
                default -> throw new IllegalArgumentException("kind " + c.kind());
            };
            CommandResultCode result = cmd.resultCode;
            List<String> out = new ArrayList<>();
            // exchange-core puts an IOC's reject event at the head of the chain; we report it after the trades.
            List<String> removals = new ArrayList<>();
            long taker = cmd.orderId;
            for (MatcherTradeEvent e = cmd.matcherEvent; e != null; e = e.nextEvent) {
                if (e.eventType == MatcherEventType.TRADE) {
                    out.add("trade " + taker + "<-" + e.matchedOrderId + " " + e.price + "x" + e.size);
                } else if (e.eventType == MatcherEventType.REJECT || e.eventType == MatcherEventType.REDUCE) {
                    // REJECT: an IOC's unfilled rest; REDUCE: a cancel, or a reduction that emptied the order.
                    boolean emptied = e.eventType == MatcherEventType.REJECT || e.activeOrderCompleted;
                    if (emptied) {
                        removals.add("removed " + taker + " " + e.size);
                    }
                }
            }
            out.addAll(removals);
            if (result != CommandResultCode.SUCCESS && result != CommandResultCode.MATCHING_UNKNOWN_ORDER_ID) {
                out.add("result " + result);
            }
            return out;
        }

        List<String> depth() {
            L2MarketData data = book.depth(10_000);
            List<String> out = new ArrayList<>();
            for (int i = 0; i < data.bidSize; i++) {
                out.add("bid " + data.bidPrices[i] + "x" + data.bidVolumes[i]);
            }
            for (int i = 0; i < data.askSize; i++) {
                out.add("ask " + data.askPrices[i] + "x" + data.askVolumes[i]);
            }
            return out;
        }

        static List<String> format(OrderBook book, int max) {
            long[] prices = new long[max];
            long[] quantities = new long[max];
            int[] counts = new int[max];
            List<String> out = new ArrayList<>();
            int n = book.depth(true, max, prices, quantities, counts);
            for (int i = 0; i < n; i++) {
                out.add("bid " + prices[i] + "x" + quantities[i]);
            }
            n = book.depth(false, max, prices, quantities, counts);
            for (int i = 0; i < n; i++) {
                out.add("ask " + prices[i] + "x" + quantities[i]);
            }
            return out;
        }
    }
}
