package org.nautilus.venue.simulated.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.nautilus.api.domain.FixedPoint;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.OrderId;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.domain.VenueId;
import org.nautilus.api.marketdata.Quote;
import org.nautilus.api.marketdata.Trade;
import org.nautilus.api.time.LivePlatformClock;
import org.nautilus.api.time.PlatformClock;
import org.nautilus.api.venue.BookDepth;
import org.nautilus.api.venue.ExecutionListener;
import org.nautilus.api.venue.FeeSchedule;
import org.nautilus.api.venue.Venue;
import org.nautilus.api.venue.VenueConnectionListener;
import org.nautilus.api.venue.VenueExecution;
import org.nautilus.api.venue.VenueOrder;
import org.nautilus.api.venue.VenuePosition;
import org.nautilus.api.venue.VenueQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated exchange: one {@link VenueBook} (order book + matching engine) per instrument, fed by the
 * simulated market through a market maker that quotes the feed's bid/ask (see {@link VenueBook}).
 *
 * <p>Threading: commands for one book run one at a time under the book's lock. With no latency a submit,
 * cancel or amend runs on the caller's thread, which gets ACCEPTED and any immediate fills before the call
 * returns; with latency they run on the venue's {@link PlatformClock} after the delay. Quotes are applied on
 * that clock too (the latest quote per instrument wins, older ones are skipped), so fills of resting
 * orders caused by the market moving come from it. Live, the clock is a thread of the venue's own; in a backtest it
 * is the simulated clock, and the venue reads no wall clock and waits for nothing.
 */
public final class SimulatedExchange implements Venue, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SimulatedExchange.class);

    private final PlatformClock clock;
    /** Whether {@link #close()} closes {@link #clock}: only a clock the venue made itself. */
    private final boolean ownsClock;
    private final MarketAccess market;
    private final ConcurrentHashMap<InstrumentId, VenueBook> books = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<PortfolioId, Long> owners = new ConcurrentHashMap<>();
    private final AtomicLong ownerSequence = new AtomicLong();
    private final AtomicLong executionIds = new AtomicLong();
    private volatile VenueConfig config;
    /** {@code false} while the simulated link to the OMS is down: reports are lost, the books keep matching. */
    private volatile boolean connected = true;
    private volatile VenueConnectionListener connectionListener;
    /** The fee rates of {@link #config} as fixed-point fractions, computed once per configuration. */
    private volatile long makerRate;
    private volatile long takerRate;
    /** The fee per share and the minimum per order of {@link #config}, fixed point. */
    private volatile long perShareFee;
    private volatile long minimumFee;
    /** The liquidity factor of {@link #config} as a fixed-point number, computed once per configuration. */
    private volatile long liquidityFactor;
    /** The market impact of taker fills, or null (none: a taker fills at the book's price). */
    private final PriceImpact impact;

    /** A live venue: time from {@code clock}, delays and quotes on a matching thread of its own. */
    public SimulatedExchange(VenueConfig config, Clock clock, MarketAccess market) {
        this(config, new LivePlatformClock(clock, "nautilus-venue-" + config.id() + "-matching",
                e -> LOG.error("venue {}: matching thread task failed", config.id(), e)), true, EXPIRY_PERIOD, market,
                null);
    }

    /**
     * A venue on the given platform clock (a backtest's simulated clock), which the caller owns and closes; GTD orders
     * are checked for expiry every {@code expiryPeriod} of that clock.
     */
    public SimulatedExchange(VenueConfig config, PlatformClock clock, Duration expiryPeriod, MarketAccess market) {
        this(config, clock, false, expiryPeriod, market, null);
    }

    /**
     * A venue on the given platform clock whose taker fills also pay {@code impact} (see {@link PriceImpact}); a
     * backtest's size-dependent slippage.
     */
    public SimulatedExchange(VenueConfig config, PlatformClock clock, Duration expiryPeriod, MarketAccess market,
            PriceImpact impact) {
        this(config, clock, false, expiryPeriod, market, impact);
    }

    private SimulatedExchange(VenueConfig config, PlatformClock clock, boolean ownsClock, Duration expiryPeriod,
            MarketAccess market, PriceImpact impact) {
        applyConfig(config);
        this.clock = clock;
        this.ownsClock = ownsClock;
        this.market = market;
        this.impact = impact;
        clock.every(expiryPeriod, this::expireOrders);
    }

    /** Executions kept per book for reconciliation queries; older ones are forgotten. */
    static final int EXECUTIONS_KEPT = 10_000;

    /** How often a live venue checks GTD orders for expiry. */
    private static final Duration EXPIRY_PERIOD = Duration.ofMillis(100);

    /** Applies a new configuration (fees, latency, liquidity, self-match); the id cannot change. */
    public void reconfigure(VenueConfig newConfig) {
        if (!newConfig.id().equals(config.id())) {
            throw new IllegalArgumentException("venue.id cannot change from " + config.id() + " to " + newConfig.id()
                    + " at runtime: create a new configuration instead");
        }
        applyConfig(newConfig);
        books.values().forEach(book -> book.selfMatchPolicy(newConfig.selfMatch()));
    }

    private void applyConfig(VenueConfig newConfig) {
        makerRate = VenueConfig.rateRaw(newConfig.fees().makerBps());
        takerRate = VenueConfig.rateRaw(newConfig.fees().takerBps());
        perShareFee = FixedPoint.fromBigDecimal(newConfig.fees().perShare());
        minimumFee = FixedPoint.fromBigDecimal(newConfig.fees().minimum());
        liquidityFactor = newConfig.liquidityFactorRaw();
        config = newConfig;
    }

    /** The fee of an execution as a fixed-point fraction of its notional (2 bps = 0.0002). */
    long feeRate(boolean maker) {
        return maker ? makerRate : takerRate;
    }

    /** The fee per share (unit) executed, fixed point. */
    long perShareFee() {
        return perShareFee;
    }

    /** The least an order pays in all, fixed point (0: none). */
    long minimumFee() {
        return minimumFee;
    }

    /** The market impact of taker fills, or null. */
    PriceImpact impact() {
        return impact;
    }

    /** The market maker's size per level as a multiple of the quote's size, fixed point (read on every quote). */
    long liquidityFactor() {
        return liquidityFactor;
    }

    VenueConfig config() {
        return config;
    }

    Clock clock() {
        return clock.clock();
    }

    MarketAccess market() {
        return market;
    }

    String nextExecutionId() {
        return config.id() + "-" + executionIds.incrementAndGet();
    }

    long ownerOf(PortfolioId portfolio) {
        // A plain read first: the lambda captures this venue, so computeIfAbsent would allocate it per order.
        Long owner = owners.get(portfolio);
        return owner != null ? owner : owners.computeIfAbsent(portfolio, p -> ownerSequence.incrementAndGet());
    }

    // ------------------------------------------------------------------ Venue

    @Override
    public VenueId id() {
        return config.id();
    }

    @Override
    public String description() {
        VenueConfig c = config;
        return "simulated exchange, fee maker " + c.fees().makerBps().toPlainString() + " / taker "
                + c.fees().takerBps().toPlainString() + " bps, latency " + c.latency().toMillis() + " ms, liquidity x"
                + c.liquidityFactor().stripTrailingZeros().toPlainString() + " over " + c.liquidityLevels() + " levels";
    }

    @Override
    public void submit(Order order, ExecutionListener listener) {
        VenueBook book = book(order.instrumentId());
        runAfter(config.latency(), () -> book.submit(order, listener));
    }

    @Override
    public void cancel(Order order, ExecutionListener listener) {
        if (!connected) {
            throw new IllegalStateException("venue " + config.id() + " is disconnected: the cancel cannot be sent");
        }
        VenueBook book = books.get(order.instrumentId());
        if (book != null) {
            runAfter(config.cancelLatency(), () -> book.cancel(order));
        }
    }

    @Override
    public boolean supportsAmend() {
        return true;
    }

    @Override
    public void amend(Order amended, ExecutionListener listener) {
        VenueBook book = book(amended.instrumentId());
        runAfter(config.amendLatency(), () -> book.amend(amended, listener));
    }

    @Override
    public Optional<BookDepth> depth(InstrumentId instrument, int levels) {
        VenueBook book = books.get(instrument);
        if (book == null) {
            Optional<Quote> quote = market.lastQuote(instrument);
            if (quote.isEmpty()) {
                return Optional.empty();
            }
            book = book(instrument);
        }
        return Optional.of(book.depth(levels));
    }

    @Override
    public Optional<FeeSchedule> fees() {
        return Optional.of(config.fees());
    }

    @Override
    public Duration latency() {
        return config.latency();
    }

    @Override
    public VenueQuery<List<VenueOrder>> openOrders() {
        if (!connected) {
            return VenueQuery.failed("venue " + config.id() + " is disconnected");
        }
        List<VenueOrder> open = new ArrayList<>();
        books.values().forEach(book -> book.openOrders(open));
        open.sort(Comparator.comparing(VenueOrder::venueOrderId));
        return VenueQuery.answered(open);
    }

    @Override
    public VenueQuery<List<VenueExecution>> executions(Instant since) {
        if (!connected) {
            return VenueQuery.failed("venue " + config.id() + " is disconnected");
        }
        List<VenueExecution> executions = new ArrayList<>();
        books.values().forEach(book -> book.executions(since, executions));
        executions.sort(Comparator.comparing(VenueExecution::timestamp));
        return VenueQuery.answered(executions);
    }

    @Override
    public VenueQuery<List<VenuePosition>> positions() {
        return VenueQuery.unsupported("the simulated exchange keeps no account across restarts");
    }

    @Override
    public boolean connected() {
        return connected;
    }

    @Override
    public void connectionListener(VenueConnectionListener listener) {
        connectionListener = listener;
    }

    /**
     * Simulates a lost link to the OMS: from now on reports are dropped (lost) while the books keep matching, and
     * cancels are refused, until {@link #reconnect()}.
     */
    public void disconnect(String reason) {
        connected = false;
        LOG.warn("venue {}: link down ({})", config.id(), reason);
        VenueConnectionListener listener = connectionListener;
        if (listener != null) {
            listener.disconnected(config.id(), reason);
        }
    }

    /** Brings the simulated link back; the OMS then reconciles (open orders, executions while away). */
    public void reconnect() {
        connected = true;
        LOG.info("venue {}: link up", config.id());
        VenueConnectionListener listener = connectionListener;
        if (listener != null) {
            listener.connected(config.id());
        }
    }

    // ------------------------------------------------------------------ market

    /** A new quote from the simulated market: the market maker requotes on the matching thread. */
    public void onQuote(Quote quote) {
        VenueBook book = book(quote.instrumentId());
        if (book.offerQuote(quote)) {
            try {
                clock.execute(book.applyLatestQuoteTask);
            } catch (IllegalStateException e) {
                LOG.debug("venue {} closed, quote for {} dropped", config.id(), quote.instrumentId());
            }
        }
    }

    /**
     * A trade of the simulated market (the data's own, not one of this venue's): with queue position on, it executes
     * resting client orders at or through its price once the quantity queued ahead of them is gone (see
     * {@link QueuePositions}); without it, it changes nothing. Applied on the matching thread, in order with quotes.
     */
    public void onTrade(Trade trade) {
        if (!config.queuePosition()) {
            return;
        }
        VenueBook book = book(trade.instrumentId());
        try {
            clock.execute(() -> book.marketTrade(trade.price().raw(), trade.size().raw()));
        } catch (IllegalStateException e) {
            LOG.debug("venue {} closed, trade of {} dropped", config.id(), trade.instrumentId());
        }
    }

    /** The quantity queued ahead of a resting client order (queue position on), or -1 if it is not resting. */
    public long queueAhead(OrderId orderId, InstrumentId instrument) {
        VenueBook book = books.get(instrument);
        return book == null ? -1 : book.queueAhead(orderId);
    }

    /**
     * Quotes of one instrument to show one after the other, none skipped (a bar's open, then its close), on the
     * matching thread; a quote older than the one shown is skipped.
     */
    public void onQuotes(List<Quote> quotes) {
        if (quotes.isEmpty()) {
            return;
        }
        VenueBook book = book(quotes.get(0).instrumentId());
        try {
            clock.execute(() -> book.applyInOrder(quotes));
        } catch (IllegalStateException e) {
            LOG.debug("venue {} closed, quotes for {} dropped", config.id(), quotes.get(0).instrumentId());
        }
    }

    /** Open client orders across all books. */
    public int openOrderCount() {
        int total = 0;
        for (VenueBook book : books.values()) {
            total += book.openClientOrders();
        }
        return total;
    }

    @Override
    public void close() {
        if (ownsClock) {
            clock.close();
        }
    }

    VenueBook book(InstrumentId instrument) {
        // A plain read first: the lambda captures this venue, so computeIfAbsent would allocate it per order.
        VenueBook book = books.get(instrument);
        return book != null ? book : books.computeIfAbsent(instrument, id -> new VenueBook(this, id));
    }

    /** Runs a client command after its latency (new order, amend or cancel), or now without one. */
    private void runAfter(Duration delay, Runnable command) {
        if (delay.isZero()) {
            command.run();
            return;
        }
        try {
            clock.schedule(delay, command);
        } catch (IllegalStateException e) {
            throw new IllegalStateException("venue " + config.id() + " is stopped", e);
        }
    }

    private void expireOrders() {
        long now = clock.now().toEpochMilli();
        for (VenueBook book : books.values()) {
            try {
                book.expire(now);
            } catch (RuntimeException e) {
                LOG.error("venue {}: expiring orders of {} failed", config.id(), book.instrumentId(), e);
            }
        }
    }
}
