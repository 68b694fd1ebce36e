package org.nautilus.risk.internal.engine;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.nautilus.api.domain.Fill;
import org.nautilus.api.domain.FixedPoint;
import org.nautilus.api.domain.Instrument;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Money;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.OrderRequest;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.domain.Position;
import org.nautilus.api.domain.Price;
import org.nautilus.api.marketdata.Bar;
import org.nautilus.api.marketdata.MarketDataService;
import org.nautilus.api.marketdata.Quote;
import org.nautilus.api.marketdata.Subscription;
import org.nautilus.api.portfolio.PositionService;
import org.nautilus.api.risk.RiskContext;
import org.nautilus.api.risk.RiskDecision;
import org.nautilus.api.risk.RiskMetrics;
import org.nautilus.api.risk.RiskRuleInfo;
import org.nautilus.api.risk.SubmittedOrder;
import org.nautilus.api.store.RiskStateStore;
import org.nautilus.risk.support.Valuation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The risk engine, plain Java: runs the rule chain ({@link RuleChain}) on each order with a
 * {@link RiskContext} built from the market data gateway, the position keeper, the open orders the OMS reports
 * and the engine's own per-portfolio state (approved-order history, daily P&amp;L baseline); and computes the
 * risk metrics.
 *
 * <p>Threading: the orders of one portfolio are checked one at a time under that portfolio's lock, so the
 * stateful checks (throttle, duplicates) see a consistent history and a check-then-record cannot race;
 * different portfolios are checked in parallel. Everything else is immutable or concurrent.
 *
 * <p>Valuation: when the market data gateway reports mark changes ({@link MarketDataService#subscribeMarks}), each
 * portfolio's gross and net exposure and P&amp;L are kept as running totals ({@link RunningValuation}), moved by each
 * mark change (the holdings of that instrument) and each fill the OMS reports ({@link #onFill}: the position is read
 * again from the keeper before the next read of the totals), so the daily loss and leverage checks cost the same
 * whatever the size of the portfolio. The periodic {@link #refresh} also compares every position with the one applied
 * and applies any change no fill announced (positions loaded by another node). Without mark reports (or with
 * {@code runningValuation} off) every read values the whole portfolio at the current marks, as before: the same
 * numbers, exactly.
 */
public final class RiskEngine implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RiskEngine.class);

    private final RuleChain chain;
    private final MarketDataService marketData;
    private final PositionService positions;
    private final Clock clock;
    private final OpenOrderBook openOrders = new OpenOrderBook();
    private final Map<PortfolioId, PortfolioState> states = new ConcurrentHashMap<>();
    private final Context context = new Context();
    private volatile EngineConfig config;
    /** Where the daily P&amp;L baselines are kept durably; {@code null}: in memory only. */
    private volatile RiskStateStore stateStore;
    /** The trading day last computed and the instants it spans: saves the time-zone arithmetic per check. */
    private volatile DayWindow day;
    /** The running valuation of every portfolio, or {@code null}: value each portfolio in full when asked. */
    private final RunningValuation running;
    /** The gateway's mark reports the running valuation follows, or {@code null}. */
    private final Subscription markReports;

    private record DayWindow(LocalDate day, Instant start, Instant end, EngineConfig config) {

        static DayWindow of(Instant now, EngineConfig config) {
            LocalDate day = config.tradingDay(now);
            return new DayWindow(day, day.atTime(config.dayStart()).atZone(config.dayZone()).toInstant(),
                    day.plusDays(1).atTime(config.dayStart()).atZone(config.dayZone()).toInstant(), config);
        }

        boolean covers(Instant now, EngineConfig current) {
            return config == current && !now.isBefore(start) && now.isBefore(end);
        }
    }

    /** With the running valuation when the gateway reports mark changes. */
    public RiskEngine(RuleChain chain, MarketDataService marketData, PositionService positions, Clock clock,
            EngineConfig config) {
        this(chain, marketData, positions, clock, config, true);
    }

    /**
     * @param runningValuation keep running totals (if the gateway reports mark changes); {@code false}: value every
     *                         portfolio in full on each read
     */
    public RiskEngine(RuleChain chain, MarketDataService marketData, PositionService positions, Clock clock,
            EngineConfig config, boolean runningValuation) {
        this.chain = Objects.requireNonNull(chain, "chain");
        this.marketData = Objects.requireNonNull(marketData, "marketData");
        this.positions = Objects.requireNonNull(positions, "positions");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.config = Objects.requireNonNull(config, "config");
        chain.requireRules(config.mandatoryRules());
        RunningValuation valuation = null;
        Subscription reports = null;
        if (runningValuation) {
            valuation = new RunningValuation();
            try {
                reports = marketData.subscribeMarks(valuation::onMark);
            } catch (UnsupportedOperationException e) {
                LOG.info("Risk engine: the market data gateway does not report mark changes ({}); every check values "
                        + "the whole portfolio", e.getMessage());
                valuation = null;
            }
        }
        this.running = valuation;
        this.markReports = reports;
    }

    /** {@code true} if the portfolios' valuations are kept as running totals (see the class comment). */
    public boolean runningValuation() {
        return running != null;
    }

    /** Stops following the gateway's mark reports. */
    @Override
    public void close() {
        if (markReports != null) {
            markReports.close();
        }
    }

    public void configure(EngineConfig newConfig) {
        this.config = Objects.requireNonNull(newConfig, "config");
        chain.requireRules(newConfig.mandatoryRules());
    }

    /**
     * Keeps the daily P&amp;L baselines in {@code store} from now on ({@code null}: in memory only), so the daily
     * loss limit survives a restart.
     */
    public void useStore(RiskStateStore store) {
        this.stateStore = store;
    }

    public EngineConfig config() {
        return config;
    }

    public RuleChain chain() {
        return chain;
    }

    public OpenOrderBook openOrders() {
        return openOrders;
    }

    /** The context rules see; also usable on its own (e.g. by the shell through the metrics). */
    public RiskContext context() {
        return context;
    }

    /** Runs every rule on the order; an approved order is remembered for the throttle and duplicate check. */
    public RiskDecision check(OrderRequest request) {
        PortfolioState state = state(request.portfolioId());
        synchronized (state) {
            state.checking = true;
            try {
                RiskDecision decision = chain.check(request, context);
                if (decision.approved()) {
                    state.history.record(new SubmittedOrder(request, clock.instant()),
                            config.historyRetention().toNanos());
                }
                return decision;
            } finally {
                state.checking = false;
                state.checkPnl = null;
            }
        }
    }

    /** Runs every rule's amend check; an approved amend is remembered for the amend throttle. */
    public RiskDecision checkAmend(Order order, OrderRequest amended) {
        PortfolioState state = state(order.portfolioId());
        synchronized (state) {
            RiskDecision decision = chain.checkAmend(order, amended, context);
            if (decision.approved()) {
                state.amends.record(new SubmittedOrder(amended, clock.instant()), config.historyRetention().toNanos());
            }
            return decision;
        }
    }

    /** Runs every rule's cancel check; an approved cancel is remembered for the cancel throttle. */
    public RiskDecision checkCancel(Order order) {
        PortfolioState state = state(order.portfolioId());
        synchronized (state) {
            RiskDecision decision = chain.checkCancel(order, context);
            if (decision.approved()) {
                state.cancels.record(new SubmittedOrder(order.request(), clock.instant()),
                        config.historyRetention().toNanos());
            }
            return decision;
        }
    }

    public List<RiskRuleInfo> rules() {
        return chain.rules();
    }

    /** An order change from the OMS. */
    public void onOrder(Order order) {
        openOrders.onOrder(order);
    }

    /**
     * A fill from the OMS: its position is read again from the position keeper before the portfolio's totals are
     * next read (the keeper may get the fill after us; it has it by the next check of that portfolio, which the OMS
     * runs after this step).
     */
    public void onFill(Fill fill) {
        positionChanged(fill.portfolioId(), fill.instrumentId());
    }

    /** The position keeper changed (or will have changed by the next check) this position. */
    public void positionChanged(PortfolioId portfolio, InstrumentId instrument) {
        if (running != null) {
            running.changed(portfolio, instrument);
        }
    }

    /**
     * Observes every portfolio's P&amp;L now, so the daily baseline rolls at the close even for a portfolio
     * that trades no more that day. Called periodically.
     */
    public void refresh() {
        for (PortfolioId portfolio : portfolios()) {
            if (running != null && running.loaded(portfolio)) {
                reconcile(portfolio);
            }
            pnl(portfolio);
        }
    }

    /** Applies every position of the portfolio that differs from the one the running valuation applied last. */
    private void reconcile(PortfolioId portfolio) {
        PortfolioState state = state(portfolio);
        synchronized (state) {
            for (Position p : positions.positions(portfolio)) {
                if (running.differs(p)) {
                    LOG.debug("Risk engine: position {} {} changed without a fill reported here; applied",
                            portfolio, p.instrumentId());
                    running.apply(p, marketData.mark(p.instrumentId()).orElse(null),
                            Valuation.multiplier(p.instrumentId(), context));
                }
            }
        }
    }

    /**
     * The portfolio's running totals, up to date: loads the portfolio the first time, then applies the positions
     * fills changed since the last read. Called under the portfolio's lock (one reader applies at a time).
     */
    private RunningValuation.Totals runningTotals(PortfolioId portfolio) {
        if (!running.loaded(portfolio)) {
            List<Position> held = positions.positions(portfolio);
            List<Price> marks = new ArrayList<>(held.size());
            long[] multipliers = new long[held.size()];
            for (int i = 0; i < held.size(); i++) {
                InstrumentId id = held.get(i).instrumentId();
                marks.add(marketData.mark(id).orElse(null));
                multipliers[i] = Valuation.multiplier(id, context);
            }
            running.load(portfolio, held, marks, multipliers);
        }
        List<InstrumentId> notYet = null;
        for (InstrumentId id : running.takeChanged(portfolio)) {
            Optional<Position> changed = positions.position(portfolio, id);
            if (changed.isEmpty()) {
                running.gone(portfolio, id);
            } else if (running.applied(changed.get())) {
                // A fill always changes the position (its fill count at least): the keeper has not applied the
                // fill yet (a check inside the same OMS step, before the keeper's listener ran). Read it next time.
                notYet = notYet == null ? new ArrayList<>() : notYet;
                notYet.add(id);
            } else {
                running.apply(changed.get(), marketData.mark(id).orElse(null), Valuation.multiplier(id, context));
            }
        }
        if (notYet != null) {
            for (InstrumentId id : notYet) {
                running.changed(portfolio, id);
            }
        }
        return running.totals(portfolio);
    }

    /** The portfolio's risk metrics at the current marks. */
    public RiskMetrics metrics(PortfolioId portfolio) {
        EngineConfig cfg = config;
        List<Position> held = positions.positions(portfolio);
        long gross = 0;
        long net = 0;
        Map<InstrumentId, Double> exposures = new LinkedHashMap<>();
        Map<InstrumentId, List<Bar>> bars = new HashMap<>();
        for (Position p : held) {
            if (p.isFlat()) {
                continue;
            }
            long exposure = exposure(p);
            gross = Math.addExact(gross, Math.abs(exposure));
            net = Math.addExact(net, exposure);
            exposures.merge(p.instrumentId(), FixedPoint.toBigDecimal(exposure).doubleValue(), Double::sum);
            bars.computeIfAbsent(p.instrumentId(), id -> marketData.bars(id, cfg.varWindow() + 1));
        }
        DailyPnl.Snapshot pnl = pnl(portfolio);
        Money equity = new Money(Math.addExact(cfg.capital().get(portfolio).raw(), pnl.total()));
        BigDecimal leverage = equity.raw() > 0
                ? FixedPoint.toBigDecimal(gross).divide(equity.toBigDecimal(), 4, RoundingMode.HALF_UP)
                : null;
        Optional<VarCalculator.Result> var = VarCalculator.compute(exposures, bars, cfg.varConfidence(),
                cfg.varWindow(), cfg.varMinObservations());
        return new RiskMetrics(portfolio, new Money(gross), new Money(net), new Money(pnl.dailyRealized()),
                new Money(pnl.dailyUnrealized()), new Money(pnl.daily()), equity, leverage, cfg.varConfidence(),
                var.map(VarCalculator.Result::horizon).orElse(Duration.ZERO),
                var.map(VarCalculator.Result::observations).orElse(0),
                var.map(r -> money(r.historical())).orElse(null),
                var.map(r -> money(r.parametric())).orElse(null), clock.instant());
    }

    /** Metrics of every portfolio with positions, by portfolio. */
    public List<RiskMetrics> metrics() {
        List<RiskMetrics> all = new ArrayList<>();
        for (PortfolioId p : portfolios()) {
            all.add(metrics(p));
        }
        return all;
    }

    private TreeSet<PortfolioId> portfolios() {
        TreeSet<PortfolioId> ids = new TreeSet<>();
        for (Position p : positions.positions()) {
            ids.add(p.portfolioId());
        }
        return ids;
    }

    private PortfolioState state(PortfolioId portfolio) {
        PortfolioState state = states.get(portfolio);
        return state != null ? state
                : states.computeIfAbsent(portfolio, k -> new PortfolioState(k, config.historyCapacity()));
    }

    /** The portfolio's P&amp;L now; computed once per check, however many rules ask. */
    private DailyPnl.Snapshot pnl(PortfolioId portfolio) {
        PortfolioState state = state(portfolio);
        synchronized (state) {
            if (state.checkPnl != null) {
                return state.checkPnl;
            }
            Instant now = clock.instant();
            DailyPnl.Snapshot snapshot;
            if (running != null) {
                RunningValuation.Totals totals = runningTotals(portfolio);
                snapshot = state.daily.observe(totals.realized(), totals.unrealized(), tradingDay(now), stateStore,
                        now);
            } else {
                snapshot = state.daily.observe(positions.positions(portfolio), this::unrealized, tradingDay(now),
                        stateStore, now);
            }
            if (state.checking) {
                state.checkPnl = snapshot;
            }
            return snapshot;
        }
    }

    private LocalDate tradingDay(Instant now) {
        EngineConfig current = config;
        DayWindow window = day;
        if (window == null || !window.covers(now, current)) {
            window = DayWindow.of(now, current);
            day = window;
        }
        return window.day();
    }

    private long unrealized(Position p) {
        Price mark = marketData.mark(p.instrumentId()).orElse(p.averagePrice());
        long perUnit = FixedPoint.multiply(mark.minus(p.averagePrice()).raw(), p.quantity().raw());
        long multiplier = Valuation.multiplier(p.instrumentId(), context);
        return multiplier == FixedPoint.ONE ? perUnit : FixedPoint.multiply(perUnit, multiplier);
    }

    private long exposure(Position p) {
        return Valuation.exposure(p.quantity().raw(), Valuation.markOrAverage(p, context),
                Valuation.multiplier(p.instrumentId(), context));
    }

    private static Money money(double amount) {
        return Money.of(BigDecimal.valueOf(amount).setScale(2, RoundingMode.HALF_UP));
    }

    /** Mutable state of one portfolio, guarded by its own monitor. */
    private static final class PortfolioState {
        final SubmitHistory history;
        /** Approved amends and cancels, for their throttles (only their times are read). */
        final SubmitHistory amends;
        final SubmitHistory cancels;
        final DailyPnl daily;
        /** {@code true} while an order of this portfolio is being checked (under the lock). */
        boolean checking;
        /** The P&amp;L of the check in progress, shared by the rules that ask for it. */
        DailyPnl.Snapshot checkPnl;

        PortfolioState(PortfolioId portfolio, int historyCapacity) {
            this.history = new SubmitHistory(historyCapacity);
            this.amends = new SubmitHistory(historyCapacity);
            this.cancels = new SubmitHistory(historyCapacity);
            this.daily = new DailyPnl(portfolio);
        }
    }

    /** The one context instance: stateless itself, it reads the services and the portfolio states. */
    private final class Context implements RiskContext {

        @Override
        public Optional<Instrument> instrument(InstrumentId id) {
            return marketData.instrument(id);
        }

        @Override
        public Optional<Price> mark(InstrumentId id) {
            return marketData.mark(id);
        }

        @Override
        public Position position(PortfolioId portfolio, InstrumentId instrument) {
            return positions.position(portfolio, instrument)
                    .orElseGet(() -> Position.flat(portfolio, instrument, clock.instant()));
        }

        @Override
        public List<Position> positions(PortfolioId portfolio) {
            return positions.positions(portfolio);
        }

        @Override
        public List<Order> openOrders(PortfolioId portfolio) {
            return openOrders.openOrders(portfolio);
        }

        @Override
        public List<Order> openOrders(PortfolioId portfolio, InstrumentId instrument) {
            return openOrders.openOrders(portfolio, instrument);
        }

        @Override
        public List<Order> openOrders(InstrumentId instrument) {
            return openOrders.openOrders(instrument);
        }

        @Override
        public Money dailyPnl(PortfolioId portfolio) {
            return new Money(pnl(portfolio).daily());
        }

        @Override
        public Money equity(PortfolioId portfolio) {
            return new Money(Math.addExact(config.capital().get(portfolio).raw(), pnl(portfolio).total()));
        }

        @Override
        public Money grossExposure(PortfolioId portfolio) {
            if (running == null) {
                return RiskContext.super.grossExposure(portfolio);
            }
            PortfolioState state = state(portfolio);
            synchronized (state) {
                return new Money(runningTotals(portfolio).gross());
            }
        }

        @Override
        public Money exposure(PortfolioId portfolio, InstrumentId instrument) {
            if (running == null) {
                return RiskContext.super.exposure(portfolio, instrument);
            }
            PortfolioState state = state(portfolio);
            synchronized (state) {
                runningTotals(portfolio);
                return new Money(running.exposure(portfolio, instrument));
            }
        }

        @Override
        public int submitCount(PortfolioId portfolio, Instant since) {
            PortfolioState state = state(portfolio);
            synchronized (state) {
                return state.history.countSince(since);
            }
        }

        @Override
        public List<SubmittedOrder> recentSubmits(PortfolioId portfolio, InstrumentId instrument, Instant since) {
            PortfolioState state = state(portfolio);
            synchronized (state) {
                return state.history.recent(instrument, since);
            }
        }

        @Override
        public Optional<SubmittedOrder> recentIdentical(OrderRequest request, Instant since) {
            PortfolioState state = state(request.portfolioId());
            synchronized (state) {
                return state.history.identical(request, since);
            }
        }

        @Override
        public Instant now() {
            return clock.instant();
        }

        @Override
        public Optional<Quote> lastQuote(InstrumentId id) {
            return marketData.lastQuote(id);
        }

        @Override
        public int amendCount(PortfolioId portfolio, Instant since) {
            PortfolioState state = state(portfolio);
            synchronized (state) {
                return state.amends.countSince(since);
            }
        }

        @Override
        public int cancelCount(PortfolioId portfolio, Instant since) {
            PortfolioState state = state(portfolio);
            synchronized (state) {
                return state.cancels.countSince(since);
            }
        }
    }
}
