package org.nautilus.benchmarks.matching;

import exchange.core2.collections.objpool.ObjectsPool;
import exchange.core2.core.common.CoreSymbolSpecification;
import exchange.core2.core.common.MatcherEventType;
import exchange.core2.core.common.MatcherTradeEvent;
import exchange.core2.core.common.OrderAction;
import exchange.core2.core.common.OrderType;
import exchange.core2.core.common.SymbolType;
import exchange.core2.core.common.cmd.CommandResultCode;
import exchange.core2.core.common.cmd.OrderCommand;
import exchange.core2.core.common.cmd.OrderCommandType;
import exchange.core2.core.common.config.LoggingConfiguration;
import exchange.core2.core.orderbook.IOrderBook;
import exchange.core2.core.orderbook.OrderBookDirectImpl;
import exchange.core2.core.orderbook.OrderBookEventsHelper;
import org.nautilus.api.domain.TimeInForce;
import org.nautilus.venue.simulated.internal.matching.MatchListener;
import org.nautilus.venue.simulated.internal.matching.OrderBook;
import org.nautilus.venue.simulated.internal.matching.Reason;
import org.nautilus.venue.simulated.internal.matching.SelfMatchPolicy;

/** The two matching engines behind one tiny interface: apply command {@code i} of a stream. */
final class Engines {

    private Engines() {
    }

    interface Engine {
        void apply(OrderStream s, int i);

        /** Trades so far (a result the JIT cannot drop). */
        long trades();
    }

    /** Our book (nautilus-venue-simulated), self-match ALLOW like exchange-core. */
    static final class Nautilus implements Engine, MatchListener {
        private final OrderBook book = new OrderBook(this, SelfMatchPolicy.ALLOW);
        private long trades;

        @Override
        public void apply(OrderStream s, int i) {
            long id = s.orderId[i];
            switch (s.kind[i]) {
                case OrderStream.GTC -> book.submit(id, s.uid[i], s.buy[i], org.nautilus.api.domain.OrderType.LIMIT,
                        TimeInForce.GTC, false, s.price[i], 0, s.quantity[i], 0);
                case OrderStream.IOC -> book.submit(id, s.uid[i], s.buy[i], org.nautilus.api.domain.OrderType.LIMIT,
                        TimeInForce.IOC, false, s.price[i], 0, s.quantity[i], 0);
                case OrderStream.MARKET -> book.submit(id, s.uid[i], s.buy[i], org.nautilus.api.domain.OrderType.MARKET,
                        TimeInForce.IOC, false, 0, 0, s.quantity[i], 0);
                case OrderStream.CANCEL -> book.cancel(id);
                case OrderStream.MOVE -> book.move(id, s.price[i]);
                case OrderStream.REDUCE -> book.reduce(id, s.quantity[i]);
                default -> throw new IllegalStateException("kind " + s.kind[i]);
            }
        }

        @Override
        public long trades() {
            return trades;
        }

        @Override
        public void onAccepted(long orderId) {
        }

        @Override
        public void onRejected(long orderId, Reason reason) {
        }

        @Override
        public void onTrade(long takerOrderId, long makerOrderId, boolean takerBuy, long price, long quantity) {
            trades++;
        }

        @Override
        public void onCanceled(long orderId, long canceledQuantity, Reason reason) {
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

    /**
     * exchange-core 0.5.3's fastest book ({@link OrderBookDirectImpl}, ART trees + object pools), fed the way its
     * own pipeline feeds it: one reused command slot (a ring-buffer entry), the events consumed after each command.
     * (0.5.3's events helper allocates every event itself, its pooling is compiled out; the supplier given here
     * is there for versions that use it.)
     */
    static final class ExchangeCore implements Engine {
        private final IOrderBook book;
        private final OrderCommand cmd = new OrderCommand();
        private MatcherTradeEvent free;
        private long trades;

        ExchangeCore() {
            CoreSymbolSpecification spec = CoreSymbolSpecification.builder().symbolId(1)
                    .type(SymbolType.CURRENCY_EXCHANGE_PAIR).baseCurrency(1).quoteCurrency(2).baseScaleK(1)
                    .quoteScaleK(1).takerFee(0).makerFee(0).build();
            OrderBookEventsHelper helper = new OrderBookEventsHelper(this::event);
            // The object pool sized as exchange-core's MatchingEngineRouter sizes it (the test pool drops what
            // it cannot hold and makes the book allocate).
            java.util.Map<Integer, Integer> poolSizes = new java.util.HashMap<>();
            poolSizes.put(ObjectsPool.DIRECT_ORDER, 1024 * 1024);
            poolSizes.put(ObjectsPool.DIRECT_BUCKET, 1024 * 64);
            poolSizes.put(ObjectsPool.ART_NODE_4, 1024 * 32);
            poolSizes.put(ObjectsPool.ART_NODE_16, 1024 * 16);
            poolSizes.put(ObjectsPool.ART_NODE_48, 1024 * 8);
            poolSizes.put(ObjectsPool.ART_NODE_256, 1024 * 4);
            book = new OrderBookDirectImpl(spec, new ObjectsPool(poolSizes), helper, LoggingConfiguration.DEFAULT);
        }

        private MatcherTradeEvent event() {
            MatcherTradeEvent e = free;
            if (e == null) {
                return new MatcherTradeEvent();
            }
            free = e.nextEvent;
            e.nextEvent = null;
            return e;
        }

        @Override
        public void apply(OrderStream s, int i) {
            OrderCommand c = cmd;
            c.orderId = s.orderId[i];
            c.uid = s.uid[i];
            c.symbol = 1;
            c.matcherEvent = null;
            c.resultCode = CommandResultCode.VALID_FOR_MATCHING_ENGINE;
            boolean buy = s.buy[i];
            switch (s.kind[i]) {
                case OrderStream.GTC -> place(c, OrderType.GTC, buy, s.price[i], s.quantity[i]);
                case OrderStream.IOC -> place(c, OrderType.IOC, buy, s.price[i], s.quantity[i]);
                case OrderStream.MARKET -> place(c, OrderType.IOC, buy, buy ? Long.MAX_VALUE / 4 : 1, s.quantity[i]);
                case OrderStream.CANCEL -> c.command = OrderCommandType.CANCEL_ORDER;
                case OrderStream.MOVE -> {
                    c.command = OrderCommandType.MOVE_ORDER;
                    c.price = s.price[i];
                }
                case OrderStream.REDUCE -> {
                    c.command = OrderCommandType.REDUCE_ORDER;
                    c.size = s.quantity[i];
                }
                default -> throw new IllegalStateException("kind " + s.kind[i]);
            }
            IOrderBook.processCommand(book, c);
            // Consume the events, as the pipeline's results stage does (and recycle them where the helper pools).
            MatcherTradeEvent e = c.matcherEvent;
            while (e != null) {
                if (e.eventType == MatcherEventType.TRADE) {
                    trades++;
                }
                MatcherTradeEvent next = e.nextEvent;
                e.nextEvent = free;
                free = e;
                e = next;
            }
        }

        private static void place(OrderCommand c, OrderType type, boolean buy, long price, long size) {
            c.command = OrderCommandType.PLACE_ORDER;
            c.orderType = type;
            c.action = buy ? OrderAction.BID : OrderAction.ASK;
            c.price = price;
            c.reserveBidPrice = buy ? Long.MAX_VALUE / 4 : 0;
            c.size = size;
        }

        @Override
        public long trades() {
            return trades;
        }
    }
}
