package org.nautilus.benchmarks.matching;

import exchange.core2.core.common.MatcherEventType;
import exchange.core2.core.common.MatcherTradeEvent;
import exchange.core2.core.common.cmd.OrderCommand;
import org.nautilus.api.domain.OrderType;
import org.nautilus.api.domain.TimeInForce;
import org.nautilus.testsupport.exchangecore.ExchangeCoreBook;
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
                case OrderStream.GTC -> book.submit(id, s.uid[i], s.buy[i], OrderType.LIMIT,
                        TimeInForce.GTC, false, s.price[i], 0, s.quantity[i], 0);
                case OrderStream.IOC -> book.submit(id, s.uid[i], s.buy[i], OrderType.LIMIT,
                        TimeInForce.IOC, false, s.price[i], 0, s.quantity[i], 0);
                case OrderStream.MARKET -> book.submit(id, s.uid[i], s.buy[i], OrderType.MARKET,
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
     * exchange-core 0.5.3's fastest book ({@link ExchangeCoreBook}: the direct ART-based one with pools sized as its
     * router sizes them, one reused command slot, events recycled as its pipeline's results stage does).
     */
    static final class ExchangeCore implements Engine {
        private final ExchangeCoreBook book = new ExchangeCoreBook(ExchangeCoreBook.Implementation.DIRECT);
        private long trades;

        @Override
        public void apply(OrderStream s, int i) {
            long id = s.orderId[i];
            long uid = s.uid[i];
            boolean buy = s.buy[i];
            OrderCommand c = switch (s.kind[i]) {
                case OrderStream.GTC -> book.gtc(id, uid, buy, s.price[i], s.quantity[i]);
                case OrderStream.IOC -> book.ioc(id, uid, buy, s.price[i], s.quantity[i]);
                case OrderStream.MARKET -> book.market(id, uid, buy, s.quantity[i]);
                case OrderStream.CANCEL -> book.cancel(id, uid);
                case OrderStream.MOVE -> book.move(id, uid, s.price[i]);
                case OrderStream.REDUCE -> book.reduce(id, uid, s.quantity[i]);
                default -> throw new IllegalStateException("kind " + s.kind[i]);
            };
            for (MatcherTradeEvent e = c.matcherEvent; e != null; e = e.nextEvent) {
                if (e.eventType == MatcherEventType.TRADE) {
                    trades++;
                }
            }
        }

        @Override
        public long trades() {
            return trades;
        }
    }
}
