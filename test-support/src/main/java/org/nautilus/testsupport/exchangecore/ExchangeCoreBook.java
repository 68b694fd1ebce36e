package org.nautilus.testsupport.exchangecore;

import exchange.core2.collections.objpool.ObjectsPool;
import exchange.core2.core.common.CoreSymbolSpecification;
import exchange.core2.core.common.L2MarketData;
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
import exchange.core2.core.orderbook.OrderBookNaiveImpl;
import java.util.HashMap;
import java.util.Map;

/**
 * exchange-core 0.5.3's order book for one symbol (prices and sizes in raw units, no fees), fed the way its own
 * pipeline feeds it: one reused command slot (a ring-buffer entry), and the events of a command recycled when the next
 * one is applied. The one adapter to exchange-core: the matching parity test compares our book with it, the matching
 * benchmark measures against it. Needs {@code exchange.core2:exchange-core} on the caller's class path (optional here).
 */
public final class ExchangeCoreBook {

    /** The books exchange-core ships. */
    public enum Implementation {
        /** The fastest: ART trees and object pools. */
        DIRECT,
        /** The reference: plain sorted maps. */
        NAIVE
    }

    /** An unlimited buy reservation: the book must never refuse a bid for want of funds. */
    private static final long BID_RESERVE = Long.MAX_VALUE / 4;

    private final IOrderBook book;
    private final OrderCommand cmd = new OrderCommand();
    private MatcherTradeEvent free;

    public ExchangeCoreBook(Implementation implementation) {
        CoreSymbolSpecification spec = CoreSymbolSpecification.builder().symbolId(1)
                .type(SymbolType.CURRENCY_EXCHANGE_PAIR).baseCurrency(1).quoteCurrency(2).baseScaleK(1)
                .quoteScaleK(1).takerFee(0).makerFee(0).build();
        OrderBookEventsHelper helper = new OrderBookEventsHelper(this::event);
        // The object pool sized as exchange-core's MatchingEngineRouter sizes it (the test pool drops what it cannot
        // hold and makes the book allocate).
        Map<Integer, Integer> poolSizes = new HashMap<>();
        poolSizes.put(ObjectsPool.DIRECT_ORDER, 1024 * 1024);
        poolSizes.put(ObjectsPool.DIRECT_BUCKET, 1024 * 64);
        poolSizes.put(ObjectsPool.ART_NODE_4, 1024 * 32);
        poolSizes.put(ObjectsPool.ART_NODE_16, 1024 * 16);
        poolSizes.put(ObjectsPool.ART_NODE_48, 1024 * 8);
        poolSizes.put(ObjectsPool.ART_NODE_256, 1024 * 4);
        ObjectsPool pool = new ObjectsPool(poolSizes);
        book = implementation == Implementation.DIRECT
                ? new OrderBookDirectImpl(spec, pool, helper, LoggingConfiguration.DEFAULT)
                : new OrderBookNaiveImpl(spec, pool, helper, LoggingConfiguration.DEFAULT);
    }

    /** A good-till-cancel limit order; its trades and result are in the returned command until the next call. */
    public OrderCommand gtc(long orderId, long uid, boolean buy, long price, long size) {
        return place(OrderType.GTC, orderId, uid, buy, price, size);
    }

    /** An immediate-or-cancel limit order. */
    public OrderCommand ioc(long orderId, long uid, boolean buy, long price, long size) {
        return place(OrderType.IOC, orderId, uid, buy, price, size);
    }

    /** A market order: an IOC at the most aggressive price. */
    public OrderCommand market(long orderId, long uid, boolean buy, long size) {
        return place(OrderType.IOC, orderId, uid, buy, buy ? BID_RESERVE : 1, size);
    }

    public OrderCommand cancel(long orderId, long uid) {
        OrderCommand c = next(OrderCommandType.CANCEL_ORDER, orderId, uid);
        return process(c);
    }

    /** Moves a resting order to a new price (cancel-replace: priority lost). */
    public OrderCommand move(long orderId, long uid, long price) {
        OrderCommand c = next(OrderCommandType.MOVE_ORDER, orderId, uid);
        c.price = price;
        return process(c);
    }

    /** Reduces a resting order's size (priority kept). */
    public OrderCommand reduce(long orderId, long uid, long by) {
        OrderCommand c = next(OrderCommandType.REDUCE_ORDER, orderId, uid);
        c.size = by;
        return process(c);
    }

    /** The book's depth, up to {@code levels} per side. */
    public L2MarketData depth(int levels) {
        return book.getL2MarketDataSnapshot(levels);
    }

    private OrderCommand place(OrderType type, long orderId, long uid, boolean buy, long price, long size) {
        OrderCommand c = next(OrderCommandType.PLACE_ORDER, orderId, uid);
        c.orderType = type;
        c.action = buy ? OrderAction.BID : OrderAction.ASK;
        c.price = price;
        c.reserveBidPrice = buy ? BID_RESERVE : 0;
        c.size = size;
        return process(c);
    }

    /** The command slot, emptied, its previous events recycled (as the pipeline's results stage does). */
    private OrderCommand next(OrderCommandType type, long orderId, long uid) {
        OrderCommand c = cmd;
        MatcherTradeEvent e = c.matcherEvent;
        while (e != null) {
            MatcherTradeEvent after = e.nextEvent;
            e.nextEvent = free;
            free = e;
            e = after;
        }
        c.matcherEvent = null;
        c.command = type;
        c.orderId = orderId;
        c.uid = uid;
        c.symbol = 1;
        c.resultCode = CommandResultCode.VALID_FOR_MATCHING_ENGINE;
        return c;
    }

    private OrderCommand process(OrderCommand c) {
        c.resultCode = IOrderBook.processCommand(book, c);
        return c;
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
}
