package org.nautilus.venue.simulated.internal;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.collections.LongArrayList;
import org.nautilus.api.domain.FixedPoint;
import org.nautilus.api.domain.Instrument;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Money;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.OrderId;
import org.nautilus.api.domain.OrderRequest;
import org.nautilus.api.domain.OrderType;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.domain.RejectCode;
import org.nautilus.api.domain.Side;
import org.nautilus.api.domain.TimeInForce;
import org.nautilus.api.marketdata.Quote;
import org.nautilus.api.venue.BookDepth;
import org.nautilus.api.venue.BookLevel;
import org.nautilus.api.venue.ExecType;
import org.nautilus.api.venue.ExecutionListener;
import org.nautilus.api.venue.ExecutionReport;
import org.nautilus.api.venue.VenueExecution;
import org.nautilus.api.venue.VenueOrder;
import org.nautilus.venue.simulated.internal.matching.MatchListener;
import org.nautilus.venue.simulated.internal.matching.OrderBook;
import org.nautilus.venue.simulated.internal.matching.Reason;
import org.nautilus.venue.simulated.internal.matching.SelfMatchPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One instrument at the simulated exchange: the {@link OrderBook}, the clients' orders in it and the
 * simulated market maker.
 *
 * <p>The market maker turns each quote into resting liquidity: {@code liquidity.levels} levels per side,
 * the first at the quote's bid and ask, the next ones {@code liquidity.level.ticks} ticks further out, each
 * of the quote's size × {@code liquidity.factor} (rounded down to the lot). A new quote replaces the
 * previous one's orders. Its orders are ordinary orders of their own owner, so a client's resting limit
 * order that the new quote crosses trades at the client's price: the market moved through it. A MARKET
 * order takes the levels in turn; what the shown liquidity cannot fill is canceled.
 *
 * <p>All state is guarded by {@link #lock}. Reports are queued while the engine works and delivered after
 * each command, still under the lock, so each order's reports arrive in order whichever thread sent them.
 */
final class VenueBook implements MatchListener {

    private static final Logger LOG = LoggerFactory.getLogger(VenueBook.class);
    /** The owner of the market maker's orders; client owners are positive. */
    private static final long MARKET_MAKER = -1;
    /** The order index's first size (see the constructor). */
    private static final int INITIAL_ORDERS = 16;

    private final SimulatedExchange venue;
    private final InstrumentId instrumentId;
    private final ReentrantLock lock = new ReentrantLock();
    private final OrderBook book;
    /** Client orders by book id (every execution) and by order id (every command): no boxing, no node per entry. */
    private final Long2ObjectHashMap<ClientOrder> byBookId = new Long2ObjectHashMap<>(128, 0.5f);
    private final Long2ObjectHashMap<ClientOrder> byOrderId = new Long2ObjectHashMap<>(128, 0.5f);
    /** The market maker's resting orders, canceled at each requote (no boxing: a requote per quote). */
    private final LongArrayList marketMakerOrders = new LongArrayList();
    private final ArrayDeque<Outgoing> outgoing = new ArrayDeque<>();
    private final AtomicReference<Quote> latestQuote = new AtomicReference<>();
    private boolean delivering;
    /** The time of the quote the market maker shows, or {@code null} before the first: quotes only move forward. */
    private Instant quotedAt;
    /** The quote shown now (a different quote of the same time is shown too, in arrival order). */
    private Quote lastQuoted;
    /** The most recent executions of client orders, oldest first, for reconciliation queries. */
    private final ArrayDeque<VenueExecution> executions = new ArrayDeque<>();
    private boolean seeded;
    /** The last id given to a client order in this book (ids are per book: the book is the matching engine's scope). */
    private long lastBookId;
    /**
     * The last id given to a market maker's order: negative (clients' are positive, {@link OrderBook#OUTSIDE} is 0), so
     * the engine's reports of the market maker's orders (two cancels and two new orders per quote) are told apart
     * without a lookup.
     */
    private long lastMarketMakerId;
    /** The last depth snapshot of each side (see {@link #depth}). */
    private final DepthSide bidLevels = new DepthSide(true);
    private final DepthSide askLevels = new DepthSide(false);
    /** The gateway's definition of the instrument, refreshed on every submit and requote. */
    private Optional<Instrument> instrument = Optional.empty();
    /** The clients' places in their levels' queues, or null without queue position (the venue's setting). */
    private final QueuePositions queues;

    VenueBook(SimulatedExchange venue, InstrumentId instrumentId) {
        this.venue = venue;
        this.instrumentId = instrumentId;
        // Sized for a handful of working orders (the market maker's and a few clients'); the index grows when more
        // rest. A backtest has a book per instrument, and a 2,048-slot table each (the old default) spread every
        // lookup over more memory than the cache holds.
        this.book = new OrderBook(this, venue.config().selfMatch(), INITIAL_ORDERS);
        this.queues = venue.config().queuePosition() ? new QueuePositions(book) : null;
    }

    InstrumentId instrumentId() {
        return instrumentId;
    }

    void selfMatchPolicy(SelfMatchPolicy policy) {
        lock.lock();
        try {
            book.selfMatchPolicy(policy);
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------ client commands

    void submit(Order order, ExecutionListener listener) {
        lock.lock();
        try {
            catchUpWithMarket();
            OrderRequest request = order.request();
            String invalid = validate(request);
            if (invalid != null) {
                queue(listener, ExecutionReport.rejected(order.id(), venue.id(), venue.nextExecutionId(),
                        RejectCode.VENUE_INVALID_ORDER, invalid, now()));
                return;
            }
            if (byOrderId.get(order.id().value()) != null) {
                queue(listener, ExecutionReport.rejected(order.id(), venue.id(), venue.nextExecutionId(),
                        RejectCode.VENUE_DUPLICATE_ORDER,
                        "order " + order.id() + " is already working at " + venue.id(),
                        now()));
                return;
            }
            long bookId = ++lastBookId;
            // An order that was partly filled elsewhere (re-routed) works here for what is left.
            long filledBefore = order.filledQuantity().raw();
            ClientOrder client = new ClientOrder(order.id(), bookId, request.side(), listener,
                    order.quantity().raw() - filledBefore, filledBefore);
            client.limit = raw(request.limitPrice());
            byBookId.put(client.bookId, client);
            byOrderId.put(client.orderId.value(), client);
            book.submit(bookId, venue.ownerOf(request.portfolioId()), request.side() == Side.BUY, request.type(),
                    request.timeInForce(), request.postOnly(), raw(request.limitPrice()), raw(request.stopPrice()),
                    client.quantity, request.expireTime() == null ? 0 : request.expireTime().toEpochMilli());
            if (queues != null) {
                queues.mayRest(bookId);
            }
        } finally {
            deliverAndUnlock();
        }
    }

    void cancel(Order order) {
        lock.lock();
        try {
            ClientOrder client = byOrderId.get(order.id().value());
            if (client != null) {
                book.cancel(client.bookId);
            }
        } finally {
            deliverAndUnlock();
        }
    }

    void amend(Order amended, ExecutionListener listener) {
        lock.lock();
        try {
            ClientOrder client = byOrderId.get(amended.id().value());
            OrderRequest request = amended.request();
            String invalid = client == null ? "order " + amended.id() + " is not working at " + venue.id()
                    : validate(request);
            if (invalid != null) {
                queue(listener, ExecutionReport.of(amended.id(), venue.id(), ExecType.REPLACE_REJECTED,
                        venue.nextExecutionId(), invalid, now()));
                return;
            }
            // The book counts only this venue's part: the amended total minus what was filled before it came here.
            long newTotal = request.quantity().raw() - client.filledBefore;
            long oldPrice = book.price(client.bookId);
            long oldLeaves = book.leaves(client.bookId);
            long newPrice = raw(request.limitPrice());
            boolean changed = book.amend(client.bookId, newPrice, raw(request.stopPrice()), newTotal);
            if (changed) {
                client.limit = newPrice;
            }
            if (changed && queues != null) {
                long newLeaves = newTotal - Math.max(0, book.filled(client.bookId));
                if (newPrice == oldPrice && newLeaves <= oldLeaves) {
                    // Less at the same price keeps the place; the orders behind move up by the difference.
                    queues.left(client.bookId, oldLeaves - newLeaves, false);
                } else {
                    // Any other change is a new arrival at the back of the (new) level.
                    queues.left(client.bookId, oldLeaves, true);
                    queues.mayRest(client.bookId);
                }
            }
        } finally {
            deliverAndUnlock();
        }
    }

    void expire(long nowMillis) {
        lock.lock();
        try {
            book.expire(nowMillis);
        } finally {
            deliverAndUnlock();
        }
    }

    /** A trade of the market at {@code price}: fills resting client orders beyond their queue (see {@link QueuePositions}). */
    void marketTrade(long price, long quantity) {
        lock.lock();
        try {
            if (queues != null) {
                queues.marketTrade(price, quantity);
            }
        } finally {
            deliverAndUnlock();
        }
    }

    /** The quantity queued ahead of a resting client order, or -1 (not resting here, or no queue position). */
    long queueAhead(OrderId orderId) {
        lock.lock();
        try {
            ClientOrder client = byOrderId.get(orderId.value());
            return queues == null || client == null ? -1 : queues.ahead(client.bookId);
        } finally {
            lock.unlock();
        }
    }

    /** The book's top levels; see {@link DepthSide} for what is reused from one snapshot to the next. */
    BookDepth depth(int levels) {
        lock.lock();
        try {
            catchUpWithMarket();
            int n = Math.max(0, levels);
            return new BookDepth(venue.id(), instrumentId, bidLevels.read(book, n), askLevels.read(book, n), now());
        } finally {
            lock.unlock();
        }
    }

    /** The client orders working in this book, for reconciliation. */
    void openOrders(List<VenueOrder> out) {
        lock.lock();
        try {
            byOrderId.values().forEach(c -> out.add(new VenueOrder(c.orderId,
                    venue.id() + "-" + instrumentId + "-" + c.bookId, instrumentId, c.side,
                    new Quantity(c.filledBefore + c.quantity), new Quantity(c.filledBefore + c.filled), null)));
        } finally {
            lock.unlock();
        }
    }

    /** The executions kept (the most recent {@link SimulatedExchange#EXECUTIONS_KEPT}) at or after {@code since}. */
    void executions(Instant since, List<VenueExecution> out) {
        lock.lock();
        try {
            for (VenueExecution execution : executions) {
                if (!execution.timestamp().isBefore(since)) {
                    out.add(execution);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    int openClientOrders() {
        lock.lock();
        try {
            return byOrderId.size();
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------ market maker

    /** Keeps the newest quote; returns {@code true} if no quote was pending (the caller schedules one apply). */
    boolean offerQuote(Quote quote) {
        return latestQuote.getAndSet(quote) == null;
    }

    /** {@link #applyLatestQuote()} as a task for the venue's clock, made once (a quote hands it over every time). */
    final Runnable applyLatestQuoteTask = this::applyLatestQuote;

    void applyLatestQuote() {
        Quote quote = latestQuote.getAndSet(null);
        if (quote != null) {
            lock.lock();
            try {
                requoteIfNewer(quote);
            } finally {
                deliverAndUnlock();
            }
        }
    }

    /** Quotes the market maker shows one after the other (a bar's open, then its close); older ones are skipped. */
    void applyInOrder(List<Quote> quotes) {
        lock.lock();
        try {
            for (Quote quote : quotes) {
                requoteIfNewer(quote);
            }
        } finally {
            deliverAndUnlock();
        }
    }

    /**
     * Before an order is matched: the market maker shows the gateway's last quote if it is newer than its own. Quotes
     * reach the book on the venue's thread, later than the gateway has them; an order must not trade against a
     * quote the strategy that sent it has already seen replaced (live/backtest parity rests on this).
     */
    private void catchUpWithMarket() {
        venue.market().lastQuote(instrumentId).ifPresent(this::requoteIfNewer);
    }

    private void requoteIfNewer(Quote quote) {
        if (quotedAt == null || quote.timestamp().isAfter(quotedAt)
                || (quote.timestamp().equals(quotedAt) && !quote.equals(lastQuoted))) {
            requote(quote);
        }
    }

    private void requote(Quote quote) {
        quotedAt = quote.timestamp();
        lastQuoted = quote;
        VenueConfig config = venue.config();
        instrument = venue.market().instrument(instrumentId);
        long tick = instrument.isPresent() ? instrument.get().tickSize().raw() : config.defaultTick().raw();
        long lot = instrument.isPresent() ? instrument.get().lotSize().raw() : 0;
        long step = Math.multiplyExact(tick, config.levelTicks());
        long factor = venue.liquidityFactor();
        long bidSize = roundDown(FixedPoint.multiply(quote.bidSize().raw(), factor), lot);
        long askSize = roundDown(FixedPoint.multiply(quote.askSize().raw(), factor), lot);
        long farthestBid = OrderBook.NO_PRICE;
        long farthestAsk = OrderBook.NO_PRICE;
        book.beginBatch();
        try {
            for (int i = 0; i < marketMakerOrders.size(); i++) {
                book.cancel(marketMakerOrders.getLong(i));
            }
            marketMakerOrders.clear();
            for (int level = 0; level < config.liquidityLevels(); level++) {
                long bid = quote.bid().raw() - level * step;
                if (bidSize > 0 && bid > 0) {
                    marketMaker(true, bid, bidSize);
                    farthestBid = bid;
                }
                long ask = quote.ask().raw() + level * step;
                if (askSize > 0 && ask > 0) {
                    marketMaker(false, ask, askSize);
                    farthestAsk = ask;
                }
            }
        } finally {
            book.endBatch();
        }
        if (queues != null) {
            queues.requoted(farthestBid, farthestAsk);
        }
    }

    private void marketMaker(boolean buy, long price, long size) {
        long id = --lastMarketMakerId;
        marketMakerOrders.addLong(id);
        book.submit(id, MARKET_MAKER, buy, OrderType.LIMIT, TimeInForce.GTC, false, price, 0, size, 0);
    }

    private static long roundDown(long quantity, long lot) {
        return lot > 0 ? quantity - quantity % lot : quantity;
    }

    // ------------------------------------------------------------------ engine events

    /** Whether a book id is a client's (not the market maker's, not a trade outside the book). */
    private static boolean isClient(long bookId) {
        return bookId > 0;
    }

    @Override
    public void onAccepted(long bookId) {
        if (!isClient(bookId)) {
            return;
        }
        ClientOrder client = byBookId.get(bookId);
        if (client != null) {
            report(client, ExecType.ACCEPTED, null);
        }
    }

    @Override
    public void onRejected(long bookId, Reason reason) {
        if (!isClient(bookId)) {
            LOG.warn("venue {}: the market maker's order in {} was refused: {}", venue.id(), instrumentId, reason);
            return;
        }
        ClientOrder client = forget(bookId);
        if (client != null) {
            queue(client.listener, ExecutionReport.rejected(client.orderId, venue.id(), venue.nextExecutionId(),
                    rejectCode(reason), reason.text(), now()));
        }
    }

    @Override
    public void onTrade(long takerId, long makerId, boolean takerBuy, long price, long quantity) {
        if (queues != null && takerId != OrderBook.OUTSIDE && isClient(makerId)) {
            // Matched in the book (the market moved through a client's price): the orders behind it move up. A trade
            // outside the book (the market's own) has already taken the queues down by its whole quantity.
            queues.left(makerId, quantity, false);
        }
        if (isClient(takerId)) {
            fill(byBookId.get(takerId), false, price, quantity);
        }
        if (isClient(makerId)) {
            fill(byBookId.get(makerId), true, price, quantity);
        }
    }

    @Override
    public void onCanceled(long bookId, long canceledQuantity, Reason reason) {
        if (!isClient(bookId)) {
            return;
        }
        if (queues != null) {
            queues.left(bookId, canceledQuantity, true);
        }
        ClientOrder client = forget(bookId);
        if (client != null) {
            report(client, reason == Reason.EXPIRED ? ExecType.EXPIRED : ExecType.CANCELED, reason.text());
        }
    }

    @Override
    public void onTriggered(long bookId) {
        if (queues != null) {
            queues.mayRest(bookId);
        }
        ClientOrder client = byBookId.get(bookId);
        if (client != null) {
            report(client, ExecType.TRIGGERED, null);
        }
    }

    @Override
    public void onReplaced(long bookId, long price, long quantity) {
        ClientOrder client = byBookId.get(bookId);
        if (client != null) {
            client.quantity = quantity;
            report(client, ExecType.REPLACED, null);
        }
    }

    @Override
    public void onAmendRejected(long bookId, Reason reason) {
        ClientOrder client = byBookId.get(bookId);
        if (client != null) {
            report(client, ExecType.REPLACE_REJECTED, reason.text());
        }
    }

    private void fill(ClientOrder client, boolean maker, long price, long quantity) {
        if (client == null) {
            return;
        }
        if (!maker && venue.impact() != null) {
            price = impacted(client, price);
        }
        Quantity qty = new Quantity(quantity);
        Price px = new Price(price);
        long notional = instrument.isPresent() ? instrument.get().notional(qty, px).raw()
                : FixedPoint.multiply(quantity, price);
        Money commission = new Money(client.commission(FixedPoint.multiply(notional, venue.feeRate(maker))
                + FixedPoint.multiply(quantity, venue.perShareFee()), venue.minimumFee()));
        ExecutionReport report = ExecutionReport.fill(client.orderId, venue.id(), venue.nextExecutionId(), qty, px,
                commission, now());
        queue(client.listener, report);
        if (executions.size() == SimulatedExchange.EXECUTIONS_KEPT) {
            executions.poll();
        }
        executions.add(new VenueExecution(report.executionId(), client.orderId,
                venue.id() + "-" + instrumentId + "-" + client.bookId, instrumentId, client.side, qty, px, commission,
                report.timestamp()));
        client.filled += quantity;
        if (client.filled >= client.quantity) {
            forget(client.bookId);
        }
    }

    /**
     * A taker's fill price moved against it by the venue's {@link PriceImpact} for the whole order, rounded up to the
     * tick, never beyond a limit order's limit, never below one tick.
     */
    private long impacted(ClientOrder client, long price) {
        long move = Math.max(0, venue.impact().of(instrumentId, price, client.quantity));
        if (move == 0) {
            return price;
        }
        long tick = instrument.isPresent() ? instrument.get().tickSize().raw() : venue.config().defaultTick().raw();
        move = -Math.floorDiv(-move, tick) * tick;
        if (client.side == Side.BUY) {
            long paid = price + move;
            return client.limit > 0 ? Math.max(price, Math.min(paid, client.limit)) : paid;
        }
        long paid = Math.max(tick, price - move);
        return client.limit > 0 ? Math.min(price, Math.max(paid, client.limit)) : paid;
    }

    private ClientOrder forget(long bookId) {
        ClientOrder client = byBookId.remove(bookId);
        if (client != null) {
            byOrderId.remove(client.orderId.value());
        }
        return client;
    }

    private void report(ClientOrder client, ExecType type, String reason) {
        queue(client.listener,
                ExecutionReport.of(client.orderId, venue.id(), type, venue.nextExecutionId(), reason, now()));
    }

    /** The book's reason for refusing a new order, as the OMS's reject code. */
    static RejectCode rejectCode(Reason reason) {
        return switch (reason) {
            case DUPLICATE_ORDER_ID -> RejectCode.VENUE_DUPLICATE_ORDER;
            case INVALID_QUANTITY, INVALID_PRICE -> RejectCode.VENUE_INVALID_ORDER;
            case POST_ONLY_WOULD_TAKE -> RejectCode.VENUE_POST_ONLY_WOULD_TAKE;
            default -> RejectCode.VENUE_REJECTED;
        };
    }

    private void queue(ExecutionListener listener, ExecutionReport report) {
        outgoing.add(new Outgoing(listener, report));
    }

    /** Delivers the queued reports (unless a listener re-entered this book: the outer call delivers), then unlocks. */
    private void deliverAndUnlock() {
        try {
            if (queues != null) {
                queues.joinPending();
            }
            if (!delivering) {
                delivering = true;
                try {
                    Outgoing next;
                    while ((next = outgoing.poll()) != null) {
                        if (!venue.connected()) {
                            // The link is down: the report is lost, as on a real connection; the order's state and
                            // the execution stay here, for reconciliation.
                            continue;
                        }
                        try {
                            next.listener.onReport(next.report);
                        } catch (RuntimeException e) {
                            LOG.error("venue {}: execution listener failed on {}", venue.id(), next.report, e);
                        }
                    }
                } finally {
                    delivering = false;
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private String validate(OrderRequest request) {
        instrument = venue.market().instrument(instrumentId);
        if (instrument.isEmpty()) {
            return null;
        }
        Instrument i = instrument.get();
        if (request.limitPrice() != null && !request.limitPrice().isMultipleOf(i.tickSize())) {
            return "limit price " + request.limitPrice() + " is not a multiple of the tick size " + i.tickSize()
                    + " of " + instrumentId;
        }
        if (request.stopPrice() != null && !request.stopPrice().isMultipleOf(i.tickSize())) {
            return "stop price " + request.stopPrice() + " is not a multiple of the tick size " + i.tickSize()
                    + " of " + instrumentId;
        }
        if (!request.quantity().isMultipleOf(i.lotSize())) {
            return "quantity " + request.quantity() + " is not a multiple of the lot size " + i.lotSize()
                    + " of " + instrumentId;
        }
        return null;
    }

    private Instant now() {
        return venue.clock().instant();
    }

    private static long raw(Price price) {
        return price == null ? 0 : price.raw();
    }

    /**
     * One side's last depth snapshot, for {@link #depth}: the smart order router asks for both venues' books on
     * every order, and most levels have not changed since the last snapshot. A level equal in price, quantity and
     * order count to one of the last snapshot's is that same immutable {@link BookLevel}, an unchanged side the
     * same list. The comparison is against the book as it is now (the last snapshot's numbers are kept in arrays,
     * so it reads no objects): nothing stale can be returned. Used under the book's lock.
     */
    private static final class DepthSide {
        private final boolean bids;
        private List<BookLevel> levels = List.of();
        private long[] prices = new long[0];
        private long[] quantities = new long[0];
        private int[] counts = new int[0];
        private int size;
        /** The book's levels now, read into these before comparing. */
        private long[] nowPrices = new long[0];
        private long[] nowQuantities = new long[0];
        private int[] nowCounts = new int[0];

        DepthSide(boolean bids) {
            this.bids = bids;
        }

        List<BookLevel> read(OrderBook book, int n) {
            if (nowPrices.length < n) {
                nowPrices = new long[n];
                nowQuantities = new long[n];
                nowCounts = new int[n];
                prices = Arrays.copyOf(prices, n);
                quantities = Arrays.copyOf(quantities, n);
                counts = Arrays.copyOf(counts, n);
            }
            int count = book.depth(bids, n, nowPrices, nowQuantities, nowCounts);
            boolean same = count == size;
            for (int i = 0; same && i < count; i++) {
                same = nowPrices[i] == prices[i] && nowQuantities[i] == quantities[i] && nowCounts[i] == counts[i];
            }
            if (same) {
                return levels;
            }
            BookLevel[] next = new BookLevel[count];
            int j = 0;
            for (int i = 0; i < count; i++) {
                long price = nowPrices[i];
                // Both are sorted best first: walk past the last snapshot's levels that are better than this one.
                while (j < size && (bids ? prices[j] > price : prices[j] < price)) {
                    j++;
                }
                boolean kept = j < size && prices[j] == price && quantities[j] == nowQuantities[i]
                        && counts[j] == nowCounts[i];
                next[i] = kept ? levels.get(j)
                        : new BookLevel(new Price(price), new Quantity(nowQuantities[i]),
                                nowCounts[i]);
            }
            levels = List.of(next);
            System.arraycopy(nowPrices, 0, prices, 0, count);
            System.arraycopy(nowQuantities, 0, quantities, 0, count);
            System.arraycopy(nowCounts, 0, counts, 0, count);
            size = count;
            return levels;
        }
    }

    /** A client's order in this book. */
    private static final class ClientOrder {
        final OrderId orderId;
        /** The order's id in the book (the key of {@link #byBookId}). */
        final long bookId;
        final Side side;
        final ExecutionListener listener;
        /** Total quantity sent here (after amends). */
        long quantity;
        long filled;
        /** Its limit price (fixed point), 0 for a market order: a taker's impact stops there. */
        long limit;
        /** Filled before the order was sent here. */
        final long filledBefore;
        /** The fees its fills came to, and what they were charged (more while under the minimum). */
        long feesDue;
        long feesCharged;

        /**
         * What a fill of {@code fee} is charged: with a minimum per order, the fills together pay the larger of the
         * minimum and what they came to, the first ones making up the minimum.
         */
        long commission(long fee, long minimum) {
            feesDue += fee;
            long charge = minimum > 0 ? Math.max(minimum, feesDue) - feesCharged : fee;
            feesCharged += charge;
            return charge;
        }

        ClientOrder(OrderId orderId, long bookId, Side side, ExecutionListener listener, long quantity,
                long filledBefore) {
            this.orderId = orderId;
            this.bookId = bookId;
            this.side = side;
            this.listener = listener;
            this.quantity = quantity;
            this.filledBefore = filledBefore;
        }
    }

    private record Outgoing(ExecutionListener listener, ExecutionReport report) {
    }
}
