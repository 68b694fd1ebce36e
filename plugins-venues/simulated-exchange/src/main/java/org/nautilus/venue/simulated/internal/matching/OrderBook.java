package org.nautilus.venue.simulated.internal.matching;

import java.util.Arrays;
import org.nautilus.api.domain.OrderType;
import org.nautilus.api.domain.TimeInForce;

/**
 * The order book of one instrument and its matching engine: price-time priority, trades at the resting
 * order's price, partial fills, MARKET / LIMIT / STOP / STOP_LIMIT orders, DAY / GTC / GTD (resting),
 * IOC and FOK, post-only, cancel, amend (cancel-replace) and self-match prevention.
 *
 * <p>Prices and quantities are {@code long}s in any fixed unit (the venue passes FixedPoint raw values).
 * Not thread-safe: one writer at a time owns the book (the venue serializes access per book). Everything
 * the book does is reported, in order, to the {@link MatchListener}; a rejection is reported, never thrown.
 * Once warmed up, matching allocates nothing: orders and levels are pooled, the id index holds the orders
 * themselves, price levels live in sorted arrays with the best price at the end.
 *
 * <p>Stops trigger when the market reaches the stop price: a buy stop when a trade prints at or above it
 * or the best ask is at or above it, a sell stop when a trade prints at or below it or the best bid is at
 * or below it. A stop whose price is already reached when it arrives triggers at once.
 */
public final class OrderBook {

    /** Returned by the best-price queries when the side is empty. */
    public static final long NO_PRICE = Long.MIN_VALUE;
    /** The taker id of an execution against a trade outside the book ({@link #executeResting}); never an order's. */
    public static final long OUTSIDE = 0;

    private final MatchListener listener;
    private SelfMatchPolicy selfMatch;

    private final BookSide bids = new BookSide(true);
    private final BookSide asks = new BookSide(false);
    private final StopList buyStops = new StopList(true);
    private final StopList sellStops = new StopList(false);
    /** Resting and waiting orders by id; an incoming order is indexed only once it rests. */
    private final OrderIndex orders;
    private BookOrder freeOrders;

    /** Extremes of the prices traded during the current command, for stop triggers. */
    private long commandHighTrade = NO_PRICE;
    private long commandLowTrade = Long.MAX_VALUE;
    private long lastTradePrice = NO_PRICE;
    private int batchDepth;

    // GTD expiries, unsorted (GTD orders are few); stale entries are dropped lazily.
    private long[] gtdIds = new long[16];
    private long[] gtdTimes = new long[16];
    private int gtdCount;

    public OrderBook(MatchListener listener, SelfMatchPolicy selfMatch, int expectedOrders) {
        this.listener = listener;
        this.selfMatch = selfMatch;
        this.orders = new OrderIndex(expectedOrders);
    }

    public OrderBook(MatchListener listener, SelfMatchPolicy selfMatch) {
        this(listener, selfMatch, 1024);
    }

    public void selfMatchPolicy(SelfMatchPolicy policy) {
        this.selfMatch = policy;
    }

    // ------------------------------------------------------------------ commands

    /**
     * A new order.
     *
     * @param orderId     unique among working orders
     * @param owner       the account: orders of the same owner never trade with each other unless the
     *                    self-match policy is ALLOW
     * @param price       limit price for LIMIT and STOP_LIMIT, ignored otherwise
     * @param stopPrice   trigger price for STOP and STOP_LIMIT, ignored otherwise
     * @param expireAt    epoch millis at which a GTD order expires (see {@link #expire}), 0 for none
     */
    public void submit(long orderId, long owner, boolean buy, OrderType type, TimeInForce timeInForce,
            boolean postOnly, long price, long stopPrice, long quantity, long expireAt) {
        boolean hasLimit = type == OrderType.LIMIT || type == OrderType.STOP_LIMIT;
        boolean isStop = type == OrderType.STOP || type == OrderType.STOP_LIMIT;
        if (quantity <= 0) {
            listener.onRejected(orderId, Reason.INVALID_QUANTITY);
            return;
        }
        if ((hasLimit && price <= 0) || (isStop && stopPrice <= 0)) {
            listener.onRejected(orderId, Reason.INVALID_PRICE);
            return;
        }
        if (orders.get(orderId) != null) {
            listener.onRejected(orderId, Reason.DUPLICATE_ORDER_ID);
            return;
        }
        if (postOnly && type == OrderType.LIMIT && wouldTake(buy, price)) {
            listener.onRejected(orderId, Reason.POST_ONLY_WOULD_TAKE);
            return;
        }
        BookOrder order = allocate();
        order.id = orderId;
        order.owner = owner;
        order.buy = buy;
        order.type = type;
        order.timeInForce = timeInForce;
        order.postOnly = postOnly && type == OrderType.LIMIT;
        order.price = hasLimit ? price : 0;
        order.stopPrice = isStop ? stopPrice : 0;
        order.quantity = quantity;
        order.filled = 0;
        order.leaves = quantity;
        order.expireAt = expireAt;
        listener.onAccepted(orderId);
        if (expireAt > 0) {
            addExpiry(orderId, expireAt);
        }
        beginCommand();
        if (isStop) {
            order.waitingForTrigger = true;
            order.indexed = true;
            orders.add(order);
            (buy ? buyStops : sellStops).add(order);
        } else {
            execute(order);
        }
        endCommand();
    }

    /** Cancels a working order; returns {@code false} (and reports nothing) if it is not working. */
    public boolean cancel(long orderId) {
        BookOrder order = orders.get(orderId);
        if (order == null) {
            return false;
        }
        beginCommand();
        remove(order, Reason.CANCELED);
        endCommand();
        return true;
    }

    /**
     * Amends a working order (cancel-replace): new limit price (LIMIT, STOP_LIMIT), new stop price (STOP,
     * STOP_LIMIT) and new total quantity, fills included. Reducing the quantity at the same price keeps
     * time priority; any other change loses it and the order is matched again as if new (it may trade).
     * A quantity at or below the filled quantity cancels the rest. Refusals are reported with
     * {@link MatchListener#onAmendRejected}.
     *
     * @return {@code true} if the amend took effect
     */
    public boolean amend(long orderId, long newPrice, long newStopPrice, long newQuantity) {
        BookOrder order = orders.get(orderId);
        if (order == null) {
            listener.onAmendRejected(orderId, Reason.UNKNOWN_ORDER);
            return false;
        }
        return amend(order, newPrice, newStopPrice, newQuantity);
    }

    /**
     * Moves a working limit order to a new price, keeping its quantity (exchange-core's MOVE_ORDER): it
     * loses time priority and may trade at once. Same as {@link #amend} with the order's quantity.
     */
    public boolean move(long orderId, long newPrice) {
        BookOrder order = orders.get(orderId);
        if (order == null) {
            listener.onAmendRejected(orderId, Reason.UNKNOWN_ORDER);
            return false;
        }
        return amend(order, newPrice, order.stopPrice, order.quantity);
    }

    /**
     * Reduces a working order's unfilled quantity by up to {@code by} (exchange-core's REDUCE_ORDER): it keeps
     * time priority; reduced to nothing, it is canceled.
     */
    public boolean reduce(long orderId, long by) {
        BookOrder order = orders.get(orderId);
        if (order == null) {
            listener.onAmendRejected(orderId, Reason.UNKNOWN_ORDER);
            return false;
        }
        if (by <= 0) {
            listener.onAmendRejected(orderId, Reason.INVALID_QUANTITY);
            return false;
        }
        return amend(order, order.price, order.stopPrice, order.quantity - Math.min(by, order.leaves));
    }

    private boolean amend(BookOrder order, long newPrice, long newStopPrice, long newQuantity) {
        long orderId = order.id;
        boolean hasLimit = order.type == OrderType.LIMIT || order.type == OrderType.STOP_LIMIT;
        if (newQuantity < 0) {
            listener.onAmendRejected(orderId, Reason.INVALID_QUANTITY);
            return false;
        }
        if ((hasLimit && newPrice <= 0) || (order.waitingForTrigger && newStopPrice <= 0)) {
            listener.onAmendRejected(orderId, Reason.INVALID_PRICE);
            return false;
        }
        beginCommand();
        if (newQuantity <= order.filled) {
            remove(order, Reason.AMENDED_TO_FILLED);
            endCommand();
            return true;
        }
        long newLeaves = newQuantity - order.filled;
        if (order.waitingForTrigger) {
            StopList stops = order.buy ? buyStops : sellStops;
            stops.remove(order);
            order.price = hasLimit ? newPrice : 0;
            order.stopPrice = newStopPrice;
            order.quantity = newQuantity;
            order.leaves = newLeaves;
            stops.add(order);
            listener.onReplaced(orderId, order.price, newQuantity);
        } else if (newPrice == order.price && newLeaves <= order.leaves) {
            // Quantity down at the same price: the order keeps its place in the queue.
            order.level.quantity -= order.leaves - newLeaves;
            order.leaves = newLeaves;
            order.quantity = newQuantity;
            listener.onReplaced(orderId, order.price, newQuantity);
        } else {
            if (order.postOnly && wouldTake(order.buy, newPrice)) {
                endCommand();
                listener.onAmendRejected(orderId, Reason.POST_ONLY_WOULD_TAKE);
                return false;
            }
            unrest(order);
            order.price = newPrice;
            order.quantity = newQuantity;
            order.leaves = newLeaves;
            listener.onReplaced(orderId, newPrice, newQuantity);
            execute(order);
        }
        endCommand();
        return true;
    }

    /**
     * Executes up to {@code quantity} of a resting limit order against a trade that happened outside this book (a
     * backtest's market data trade), at the order's price: reported as {@link MatchListener#onTrade} with taker id
     * {@link #OUTSIDE}. The order keeps its place while it has quantity left.
     *
     * @return the quantity executed (0 if the order is not resting)
     */
    public long executeResting(long orderId, long quantity) {
        BookOrder order = orders.get(orderId);
        if (order == null || order.level == null || quantity <= 0) {
            return 0;
        }
        long executed = Math.min(quantity, order.leaves);
        PriceLevel level = order.level;
        beginCommand();
        order.leaves -= executed;
        order.filled += executed;
        level.quantity -= executed;
        noteTrade(level.price);
        listener.onTrade(OUTSIDE, order.id, !order.buy, level.price, executed);
        if (order.leaves == 0) {
            level.unlink(order);
            if (level.isEmpty()) {
                (order.buy ? bids : asks).remove(level);
            }
            orders.remove(order.id);
            release(order);
        }
        endCommand();
        return executed;
    }

    /** Expires the GTD orders whose expire time is at or before {@code nowMillis}; returns how many. */
    public int expire(long nowMillis) {
        if (gtdCount == 0) {
            return 0;
        }
        int expired = 0;
        beginCommand();
        for (int i = 0; i < gtdCount;) {
            BookOrder order = orders.get(gtdIds[i]);
            boolean stale = order == null || order.expireAt != gtdTimes[i];
            if (stale || gtdTimes[i] <= nowMillis) {
                gtdIds[i] = gtdIds[--gtdCount];
                gtdTimes[i] = gtdTimes[gtdCount];
                if (!stale) {
                    remove(order, Reason.EXPIRED);
                    expired++;
                }
            } else {
                i++;
            }
        }
        endCommand();
        return expired;
    }

    /**
     * Groups several commands so that stop triggers are evaluated once, at {@link #endBatch()}, on the
     * final state: a market maker replacing its quotes must not trigger stops in the gap between its cancel
     * and its new orders.
     */
    public void beginBatch() {
        batchDepth++;
    }

    public void endBatch() {
        if (batchDepth == 0) {
            throw new IllegalStateException("endBatch without beginBatch");
        }
        if (--batchDepth == 0) {
            runStops();
        }
    }

    // ------------------------------------------------------------------ queries

    public long bestBid() {
        PriceLevel level = bids.best();
        return level == null ? NO_PRICE : level.price;
    }

    public long bestAsk() {
        PriceLevel level = asks.best();
        return level == null ? NO_PRICE : level.price;
    }

    /** The quantity resting at {@code price} on one side (0 if no order rests there). */
    public long levelQuantity(boolean bidSide, long price) {
        PriceLevel level = (bidSide ? bids : asks).find(price);
        return level == null ? 0 : level.quantity;
    }

    /** Whether a working order buys (false also for an order that is not working). */
    public boolean isBid(long orderId) {
        BookOrder order = orders.get(orderId);
        return order != null && order.buy;
    }

    /** Whether the order rests in the book (a limit order at its price; not a stop waiting for its trigger). */
    public boolean isResting(long orderId) {
        BookOrder order = orders.get(orderId);
        return order != null && order.level != null;
    }

    public long lastTradePrice() {
        return lastTradePrice;
    }

    /** Number of working orders, stops included. */
    public int orderCount() {
        return orders.size();
    }

    public boolean isWorking(long orderId) {
        return orders.get(orderId) != null;
    }

    /** Unfilled quantity of a working order, or -1 if it is not working. */
    public long leaves(long orderId) {
        BookOrder order = orders.get(orderId);
        return order == null ? -1 : order.leaves;
    }

    /** Limit price of a working order (0 for a stop-market order), or {@link #NO_PRICE} if it is not working. */
    public long price(long orderId) {
        BookOrder order = orders.get(orderId);
        return order == null ? NO_PRICE : order.price;
    }

    /** Filled quantity of a working order, or -1 if it is not working. */
    public long filled(long orderId) {
        BookOrder order = orders.get(orderId);
        return order == null ? -1 : order.filled;
    }

    public int levelCount(boolean bidSide) {
        return (bidSide ? bids : asks).levelCount();
    }

    /**
     * Copies up to {@code maxLevels} levels of one side, best first, into the arrays; returns how many.
     */
    public int depth(boolean bidSide, int maxLevels, long[] prices, long[] quantities, int[] orderCounts) {
        BookSide side = bidSide ? bids : asks;
        int n = Math.min(maxLevels, side.levelCount());
        for (int i = 0; i < n; i++) {
            PriceLevel level = side.level(i);
            prices[i] = level.price;
            quantities[i] = level.quantity;
            orderCounts[i] = level.orders;
        }
        return n;
    }

    /** Total quantity resting on one side (stops not included). */
    public long restingQuantity(boolean bidSide) {
        BookSide side = bidSide ? bids : asks;
        long total = 0;
        for (int i = 0; i < side.levelCount(); i++) {
            total += side.level(i).quantity;
        }
        return total;
    }

    /** Total unfilled quantity of the stop orders waiting for their trigger. */
    public long waitingStopQuantity() {
        long total = 0;
        for (int i = 0; i < buyStops.size(); i++) {
            total += buyStops.get(i).leaves;
        }
        for (int i = 0; i < sellStops.size(); i++) {
            total += sellStops.get(i).leaves;
        }
        return total;
    }

    /**
     * Checks the book's internal consistency (levels sorted and not crossed, level totals equal to their
     * orders, every working order indexed and nothing else); throws {@link IllegalStateException}
     * describing the first fault. A diagnostic for tests and support, O(orders).
     */
    public void verifyIntegrity() {
        int counted = verifySide(bids) + verifySide(asks) + verifyStops(buyStops) + verifyStops(sellStops);
        if (counted != orders.size()) {
            throw new IllegalStateException("index holds " + orders.size() + " orders, book " + counted);
        }
        if (bids.best() != null && asks.best() != null && bids.best().price >= asks.best().price) {
            throw new IllegalStateException("crossed book: bid " + bids.best().price + " >= ask " + asks.best().price);
        }
    }

    // ------------------------------------------------------------------ matching

    /**
     * Matches an incoming, re-priced or triggered order, then rests it or cancels what is left. The order is
     * indexed if it was working before (re-priced, triggered), otherwise it is indexed only if it rests.
     */
    private void execute(BookOrder order) {
        if (order.timeInForce == TimeInForce.FOK && !fillable(order)) {
            remove(order, Reason.FOK_NOT_FILLABLE);
            return;
        }
        boolean selfMatchStop = match(order);
        if (order.leaves == 0) {
            if (order.indexed) {
                orders.remove(order.id);
            }
            release(order);
        } else if (selfMatchStop) {
            remove(order, Reason.SELF_MATCH);
        } else if (order.type == OrderType.MARKET) {
            remove(order, Reason.NO_LIQUIDITY);
        } else if (order.timeInForce == TimeInForce.IOC || order.timeInForce == TimeInForce.FOK) {
            remove(order, Reason.IOC_REMAINDER);
        } else {
            (order.buy ? bids : asks).findOrCreate(order.price).append(order);
            if (!order.indexed) {
                order.indexed = true;
                orders.add(order);
            }
        }
    }

    /** Takes liquidity for {@code taker}; returns {@code true} if self-match prevention stopped it. */
    private boolean match(BookOrder taker) {
        BookSide opposite = taker.buy ? asks : bids;
        boolean anyPrice = taker.type == OrderType.MARKET;
        boolean buy = taker.buy;
        long limit = taker.price;
        while (taker.leaves > 0) {
            PriceLevel level = opposite.best();
            if (level == null || (!anyPrice && (buy ? level.price > limit : level.price < limit))) {
                return false;
            }
            BookOrder maker = level.head;
            while (maker != null && taker.leaves > 0) {
                BookOrder next = maker.next;
                if (maker.owner == taker.owner && selfMatch != SelfMatchPolicy.ALLOW) {
                    if (selfMatch == SelfMatchPolicy.CANCEL_TAKER) {
                        return true;
                    }
                    // The level is removed below once empty, not by this cancel.
                    long makerId = maker.id;
                    long makerLeaves = maker.leaves;
                    level.quantity -= makerLeaves;
                    level.unlink(maker);
                    orders.remove(makerId);
                    release(maker);
                    listener.onCanceled(makerId, makerLeaves, Reason.SELF_MATCH);
                    if (selfMatch == SelfMatchPolicy.CANCEL_BOTH) {
                        if (level.isEmpty()) {
                            opposite.remove(level);
                        }
                        return true;
                    }
                    maker = next;
                    continue;
                }
                long quantity = Math.min(taker.leaves, maker.leaves);
                taker.leaves -= quantity;
                taker.filled += quantity;
                maker.leaves -= quantity;
                maker.filled += quantity;
                level.quantity -= quantity;
                noteTrade(level.price);
                listener.onTrade(taker.id, maker.id, buy, level.price, quantity);
                if (maker.leaves == 0) {
                    level.unlink(maker);
                    orders.remove(maker.id);
                    release(maker);
                }
                maker = next;
            }
            if (level.isEmpty()) {
                opposite.remove(level);
            }
        }
        return false;
    }

    /** Could {@code taker} fill completely right now? (FOK) Walks the liquidity it would take. */
    private boolean fillable(BookOrder taker) {
        BookSide opposite = taker.buy ? asks : bids;
        boolean anyPrice = taker.type == OrderType.MARKET;
        long needed = taker.leaves;
        for (int depth = 0; depth < opposite.levelCount(); depth++) {
            PriceLevel level = opposite.level(depth);
            if (!anyPrice && !crosses(taker.buy, taker.price, level.price)) {
                return false;
            }
            if (selfMatch == SelfMatchPolicy.ALLOW) {
                needed -= level.quantity;
                if (needed <= 0) {
                    return true;
                }
                continue;
            }
            for (BookOrder maker = level.head; maker != null; maker = maker.next) {
                if (maker.owner == taker.owner) {
                    if (selfMatch == SelfMatchPolicy.CANCEL_MAKER) {
                        continue;
                    }
                    return false;
                }
                needed -= maker.leaves;
                if (needed <= 0) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean wouldTake(boolean buy, long price) {
        PriceLevel best = (buy ? asks : bids).best();
        return best != null && crosses(buy, price, best.price);
    }

    private static boolean crosses(boolean buy, long limit, long restingPrice) {
        return buy ? restingPrice <= limit : restingPrice >= limit;
    }

    /** Takes an order out of the book (and the index) and reports it canceled with {@code reason}. */
    private void remove(BookOrder order, Reason reason) {
        long id = order.id;
        long leaves = order.leaves;
        unrest(order);
        if (order.indexed) {
            orders.remove(id);
        }
        release(order);
        listener.onCanceled(id, leaves, reason);
    }

    /** Unlinks a working order from its price level or stop list, leaving it indexed. */
    private void unrest(BookOrder order) {
        if (order.waitingForTrigger) {
            (order.buy ? buyStops : sellStops).remove(order);
            order.waitingForTrigger = false;
        } else if (order.level != null) {
            PriceLevel level = order.level;
            level.quantity -= order.leaves;
            level.unlink(order);
            if (level.isEmpty()) {
                (order.buy ? bids : asks).remove(level);
            }
        }
    }

    // ------------------------------------------------------------------ stops

    private void beginCommand() {
        if (batchDepth == 0) {
            commandHighTrade = NO_PRICE;
            commandLowTrade = Long.MAX_VALUE;
        }
    }

    private void endCommand() {
        if (batchDepth == 0 && !(buyStops.isEmpty() && sellStops.isEmpty())) {
            runStops();
        }
    }

    private void noteTrade(long price) {
        lastTradePrice = price;
        if (price > commandHighTrade) {
            commandHighTrade = price;
        }
        if (price < commandLowTrade) {
            commandLowTrade = price;
        }
    }

    /** Triggers every stop whose price the market has reached, one at a time, until none is left. */
    private void runStops() {
        while (true) {
            BookOrder triggered = null;
            BookOrder buy = buyStops.first();
            if (buy != null && (commandHighTrade >= buy.stopPrice || bestAsk() >= buy.stopPrice)) {
                triggered = buy;
            } else {
                BookOrder sell = sellStops.first();
                if (sell != null) {
                    long bid = bestBid();
                    if (commandLowTrade <= sell.stopPrice || (bid != NO_PRICE && bid <= sell.stopPrice)) {
                        triggered = sell;
                    }
                }
            }
            if (triggered == null) {
                break;
            }
            (triggered.buy ? buyStops : sellStops).remove(triggered);
            triggered.waitingForTrigger = false;
            triggered.type = triggered.type == OrderType.STOP ? OrderType.MARKET : OrderType.LIMIT;
            listener.onTriggered(triggered.id);
            execute(triggered);
        }
        commandHighTrade = NO_PRICE;
        commandLowTrade = Long.MAX_VALUE;
    }

    private void addExpiry(long orderId, long expireAt) {
        if (gtdCount == gtdIds.length) {
            gtdIds = Arrays.copyOf(gtdIds, gtdCount * 2);
            gtdTimes = Arrays.copyOf(gtdTimes, gtdCount * 2);
        }
        gtdIds[gtdCount] = orderId;
        gtdTimes[gtdCount++] = expireAt;
    }

    // ------------------------------------------------------------------ pool

    private BookOrder allocate() {
        BookOrder order = freeOrders;
        if (order == null) {
            return new BookOrder();
        }
        freeOrders = order.next;
        order.next = null;
        return order;
    }

    private void release(BookOrder order) {
        order.clear();
        order.next = freeOrders;
        freeOrders = order;
    }

    private int verifySide(BookSide side) {
        int count = 0;
        long previous = 0;
        for (int i = 0; i < side.levelCount(); i++) {
            PriceLevel level = side.level(i);
            if (i > 0 && side.atLeastAsGood(level.price, previous)) {
                throw new IllegalStateException("levels out of order at " + level.price);
            }
            previous = level.price;
            long total = 0;
            int n = 0;
            for (BookOrder order = level.head; order != null; order = order.next) {
                if (order.leaves <= 0 || order.level != level || order.price != level.price) {
                    throw new IllegalStateException("bad order " + order.id + " in level " + level.price);
                }
                if (!order.indexed || orders.get(order.id) != order) {
                    throw new IllegalStateException("order " + order.id + " rests but is not indexed");
                }
                total += order.leaves;
                n++;
            }
            if (n == 0 || total != level.quantity || n != level.orders) {
                throw new IllegalStateException("level " + level.price + " says " + level.quantity + "/"
                        + level.orders + " but holds " + total + "/" + n);
            }
            count += n;
        }
        return count;
    }

    private int verifyStops(StopList stops) {
        for (int i = 0; i < stops.size(); i++) {
            BookOrder order = stops.get(i);
            if (!order.waitingForTrigger || !order.indexed || orders.get(order.id) != order) {
                throw new IllegalStateException("stop order " + order.id + " is not waiting and indexed");
            }
        }
        return stops.size();
    }
}
