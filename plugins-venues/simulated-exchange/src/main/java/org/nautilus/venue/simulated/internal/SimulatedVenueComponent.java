package org.nautilus.venue.simulated.internal;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.nautilus.api.domain.Instrument;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.OrderType;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.domain.TimeInForce;
import org.nautilus.api.domain.VenueId;
import org.nautilus.api.marketdata.Bar;
import org.nautilus.api.marketdata.BarSpec;
import org.nautilus.api.marketdata.MarketDataListener;
import org.nautilus.api.marketdata.MarketDataService;
import org.nautilus.api.marketdata.Quote;
import org.nautilus.api.marketdata.Subscription;
import org.nautilus.api.venue.BookDepth;
import org.nautilus.api.venue.ExecutionListener;
import org.nautilus.api.venue.FeeSchedule;
import org.nautilus.api.venue.TradingHours;
import org.nautilus.api.venue.Venue;
import org.nautilus.api.venue.VenueConnectionListener;
import org.nautilus.api.venue.VenueExecution;
import org.nautilus.api.venue.VenueOrder;
import org.nautilus.api.venue.VenuePosition;
import org.nautilus.api.venue.VenueQuery;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OSGi face of a {@link SimulatedExchange}: one instance per factory configuration of
 * {@code nautilus.venue.simulated} ({@code etc/nautilus.venue.simulated-SIM.cfg} → venue {@code SIM}), each
 * registered as a {@link Venue} with the configuration's properties, {@code venue.id} among them.
 * It subscribes to the market data gateway's quotes whenever a gateway is present.
 */
// Immediate: the venue holds resting orders and follows the market; a delayed component would be disposed (its
// book lost) whenever the OMS released the service.
@Component(service = Venue.class, configurationPid = SimulatedVenueComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true)
@Designate(ocd = SimulatedVenueComponent.Config.class, factory = true)
public final class SimulatedVenueComponent implements Venue {

    public static final String PID = "nautilus.venue.simulated";

    private static final Logger LOG = LoggerFactory.getLogger(SimulatedVenueComponent.class);

    @ObjectClassDefinition(name = "Nautilus simulated exchange", description = "A simulated exchange with a matching engine, fed by the simulated market. One per factory "
            + "configuration: etc/nautilus.venue.simulated-<name>.cfg")
    public @interface Config {

        @AttributeDefinition(name = "Venue id", description = "The venue.id this instance registers, e.g. SIM")
        String venue_id();

        @AttributeDefinition(name = "Fee (bps)", description = "Maker and taker fee in basis points of the notional")
        String fee_bps() default "2";

        @AttributeDefinition(name = "Maker fee (bps)", description = "Overrides fee.bps for makers; negative = rebate", required = false)
        String fee_maker_bps() default "";

        @AttributeDefinition(name = "Taker fee (bps)", description = "Overrides fee.bps for takers", required = false)
        String fee_taker_bps() default "";

        @AttributeDefinition(name = "Fee per share", description = "Fee per share (unit) executed, maker and taker, "
                + "in the instrument's currency")
        String fee_per_share() default "0";

        @AttributeDefinition(name = "Minimum fee per order", description = "The least an order pays in all (0: none)")
        String fee_minimum() default "0";

        @AttributeDefinition(name = "Latency (ms)", description = "Delay before new orders (and, unless set apart, "
                + "cancels and amends) reach the book")
        long latency_ms() default 0;

        @AttributeDefinition(name = "Amend latency (ms)", description = "Delay before an amend reaches the book "
                + "(-1: latency.ms)")
        long amend_latency_ms() default -1;

        @AttributeDefinition(name = "Cancel latency (ms)", description = "Delay before a cancel reaches the book "
                + "(-1: latency.ms); an order may fill meanwhile, and the cancel is then too late")
        long cancel_latency_ms() default -1;

        @AttributeDefinition(name = "Liquidity factor", description = "The market maker's size per level = the quote's size times this factor")
        String liquidity_factor() default "1";

        @AttributeDefinition(name = "Liquidity levels", description = "Price levels the market maker quotes per side")
        int liquidity_levels() default 5;

        @AttributeDefinition(name = "Level spacing (ticks)", description = "Ticks between the market maker's levels")
        int liquidity_level_ticks() default 1;

        @AttributeDefinition(name = "Self-match prevention", description = "allow, cancel-taker, cancel-maker or cancel-both")
        String self_match() default "cancel-taker";

        @AttributeDefinition(name = "Default tick size", description = "Tick size of instruments the gateway does not define")
        String tick_default() default "0.01";

        @AttributeDefinition(name = "Quotes from bars", required = false, description = "A bar spec (e.g. P1D): "
                + "instruments with bars of it but no quotes (replayed bars) are quoted from them as a backtest does: "
                + "the open at the bar's start, the close at its end. Empty: quotes only.")
        String bar_quotes_spec() default "";

        @AttributeDefinition(name = "Bar quotes slippage (bps)", description = "Half the spread of a quote made from a bar")
        String bar_quotes_slippage_bps() default "5";

        @AttributeDefinition(name = "Bar quotes participation", description = "The share of a bar's volume a quote made from it shows on each side")
        String bar_quotes_participation() default "0.1";

        @AttributeDefinition(name = "Trading hours", required = false, description = "[DAYS] HH:mm-HH:mm ZONE, e.g. "
                + "MON-FRI 09:30-16:00 America/New_York: the pre-trade venue check denies orders outside it. Empty: "
                + "always open.")
        String trading_hours() default "";

        @AttributeDefinition(name = "Order types", required = false, description = "Order types the venue accepts, "
                + "e.g. LIMIT, MARKET. Empty: all.")
        String order_types() default "";

        @AttributeDefinition(name = "Times in force", required = false, description = "Times in force the venue "
                + "accepts, e.g. DAY, IOC. Empty: all.")
        String time_in_force() default "";
    }

    /** Quotes made from bars: which bars, and how (see {@link BarQuotes}). */
    record FromBars(BarSpec spec, BarQuotes quotes) {
        static FromBars of(Config config) {
            String spec = config.bar_quotes_spec();
            if (spec == null || spec.isBlank()) {
                return null;
            }
            try {
                return new FromBars(BarSpec.parse(spec.strip()), BarQuotes.of(config.bar_quotes_slippage_bps(),
                        config.bar_quotes_participation()));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(PID + ": bar.quotes: " + e.getMessage(), e);
            }
        }
    }

    private final SimulatedExchange exchange;
    private final Object marketLock = new Object();
    private volatile MarketDataService marketData;
    private Subscription subscription;
    /** The bars of every spec, for quotes made from bars ({@code bar.quotes.spec}). */
    private Subscription barSubscription;
    private volatile FromBars fromBars;
    /** Hours, order types and times in force the venue declares (the pre-trade venue check reads them). */
    private volatile Acceptance acceptance;

    @Activate
    public SimulatedVenueComponent(Config config) {
        this.fromBars = FromBars.of(config);
        this.acceptance = Acceptance.of(config.trading_hours(), config.order_types(), config.time_in_force());
        this.exchange = new SimulatedExchange(toVenueConfig(config), Clock.systemUTC(), new MarketAccess() {
            @Override
            public Optional<Instrument> instrument(InstrumentId id) {
                MarketDataService md = marketData;
                return md == null ? Optional.empty() : md.instrument(id);
            }

            @Override
            public Optional<Quote> lastQuote(InstrumentId id) {
                MarketDataService md = marketData;
                return md == null ? Optional.empty() : newest(md.lastQuote(id), barQuote(md, id));
            }
        });
        LOG.info("simulated venue {} started: {}", exchange.id(), exchange.description());
    }

    /** A configuration edit applies live; a bad one is logged and changes nothing. */
    @Modified
    void modified(Config config) {
        try {
            FromBars bars = FromBars.of(config);
            Acceptance accepts = Acceptance.of(config.trading_hours(), config.order_types(), config.time_in_force());
            exchange.reconfigure(toVenueConfig(config));
            fromBars = bars;
            acceptance = accepts;
        } catch (RuntimeException e) {
            LOG.error("simulated venue {}: configuration change refused, the venue keeps its settings: {}",
                    exchange.id(), e.getMessage());
            return;
        }
        LOG.info("simulated venue {} reconfigured: {}", exchange.id(), exchange.description());
    }

    @Deactivate
    void deactivate() {
        synchronized (marketLock) {
            closeSubscription();
        }
        int open = exchange.openOrderCount();
        exchange.close();
        LOG.info("simulated venue {} stopped with {} open orders", exchange.id(), open);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindMarketData(MarketDataService service) {
        synchronized (marketLock) {
            closeSubscription();
            marketData = service;
            subscription = service.subscribe(Set.of(), new MarketDataListener() {
                @Override
                public void onQuote(Quote quote) {
                    exchange.onQuote(quote);
                }
            });
            try {
                barSubscription = service.subscribeAllBars(Set.of(), new MarketDataListener() {
                    @Override
                    public void onBar(BarSpec spec, Bar bar) {
                        FromBars bars = fromBars;
                        if (bars != null && bars.spec().equals(spec)) {
                            Instrument instrument = service.instrument(bar.instrumentId()).orElse(null);
                            exchange.onQuotes(bars.quotes().of(bar, tick(instrument), lot(instrument)));
                        }
                    }
                });
            } catch (UnsupportedOperationException e) {
                LOG.warn("venue {}: the market data service delivers no bars of every spec: no quotes from bars",
                        exchange.id());
            }
        }
    }

    void unbindMarketData(MarketDataService service) {
        synchronized (marketLock) {
            if (marketData == service) {
                closeSubscription();
                marketData = null;
            }
        }
    }

    /**
     * The close quote of the instrument's last bar of the bar-quotes spec, when bars are quoted: what an order is
     * matched against once the strategy that sent it has seen that bar (the venue's thread may not have shown it yet).
     */
    private Optional<Quote> barQuote(MarketDataService md, InstrumentId id) {
        FromBars bars = fromBars;
        if (bars == null || !md.barSpecs().contains(bars.spec())) {
            return Optional.empty();
        }
        List<Bar> last = md.bars(id, bars.spec(), 1);
        if (last.isEmpty()) {
            return Optional.empty();
        }
        Bar bar = last.get(0);
        Instrument instrument = md.instrument(id).orElse(null);
        return Optional.of(bars.quotes().around(id, bar.close(), bar.volume(), tick(instrument), lot(instrument),
                bar.end()));
    }

    private Price tick(Instrument instrument) {
        return instrument != null ? instrument.tickSize() : exchange.config().defaultTick();
    }

    private static Quantity lot(Instrument instrument) {
        return instrument != null ? instrument.lotSize() : Quantity.ZERO;
    }

    private static Optional<Quote> newest(Optional<Quote> a, Optional<Quote> b) {
        if (a.isEmpty()) {
            return b;
        }
        if (b.isEmpty()) {
            return a;
        }
        return b.get().timestamp().isAfter(a.get().timestamp()) ? b : a;
    }

    private void closeSubscription() {
        close(subscription);
        close(barSubscription);
        subscription = null;
        barSubscription = null;
    }

    private static void close(Subscription s) {
        if (s != null) {
            try {
                s.close();
            } catch (RuntimeException e) {
                LOG.debug("closing a market data subscription failed", e);
            }
        }
    }

    static VenueConfig toVenueConfig(Config config) {
        String id = config.venue_id();
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException(PID + ": venue.id is required, e.g. venue.id=SIM");
        }
        VenueId venueId = VenueId.of(id.strip());
        BigDecimal fee = decimal(venueId, "fee.bps", config.fee_bps());
        String maker = config.fee_maker_bps();
        String taker = config.fee_taker_bps();
        FeeSchedule fees;
        try {
            fees = new FeeSchedule(maker == null || maker.isBlank() ? fee : decimal(venueId, "fee.maker.bps", maker),
                    taker == null || taker.isBlank() ? fee : decimal(venueId, "fee.taker.bps", taker),
                    decimal(venueId, "fee.per.share", config.fee_per_share()),
                    decimal(venueId, "fee.minimum", config.fee_minimum()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("venue " + venueId + ": " + e.getMessage(), e);
        }
        Duration latency = Duration.ofMillis(config.latency_ms());
        return new VenueConfig(venueId, fees, latency,
                decimal(venueId, "liquidity.factor", config.liquidity_factor()), config.liquidity_levels(),
                config.liquidity_level_ticks(), Price.of(decimal(venueId, "tick.default", config.tick_default())),
                VenueConfig.parseSelfMatch(config.self_match()),
                config.amend_latency_ms() == -1 ? latency : Duration.ofMillis(config.amend_latency_ms()),
                config.cancel_latency_ms() == -1 ? latency : Duration.ofMillis(config.cancel_latency_ms()), false);
    }

    private static BigDecimal decimal(VenueId venue, String key, String text) {
        try {
            return new BigDecimal(text.strip());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    "venue " + venue + ": " + key + " must be a decimal number, got '" + text + "'", e);
        }
    }

    // ------------------------------------------------------------------ Venue, delegated

    @Override
    public VenueId id() {
        return exchange.id();
    }

    @Override
    public String description() {
        return exchange.description() + acceptance.describe();
    }

    @Override
    public Optional<TradingHours> tradingHours() {
        return acceptance.hours();
    }

    @Override
    public Set<OrderType> orderTypes() {
        return acceptance.orderTypes();
    }

    @Override
    public Set<TimeInForce> timesInForce() {
        return acceptance.timesInForce();
    }

    @Override
    public void submit(Order order, ExecutionListener listener) {
        exchange.submit(order, listener);
    }

    @Override
    public void cancel(Order order, ExecutionListener listener) {
        exchange.cancel(order, listener);
    }

    @Override
    public boolean supportsAmend() {
        return true;
    }

    @Override
    public void amend(Order amended, ExecutionListener listener) {
        exchange.amend(amended, listener);
    }

    @Override
    public Optional<BookDepth> depth(InstrumentId instrument, int levels) {
        return exchange.depth(instrument, levels);
    }

    @Override
    public Optional<FeeSchedule> fees() {
        return exchange.fees();
    }

    @Override
    public VenueQuery<List<VenueOrder>> openOrders() {
        return exchange.openOrders();
    }

    @Override
    public VenueQuery<List<VenueExecution>> executions(Instant since) {
        return exchange.executions(since);
    }

    @Override
    public VenueQuery<List<VenuePosition>> positions() {
        return exchange.positions();
    }

    @Override
    public boolean connected() {
        return exchange.connected();
    }

    @Override
    public void connectionListener(VenueConnectionListener listener) {
        exchange.connectionListener(listener);
    }

    @Override
    public Duration latency() {
        return exchange.latency();
    }
}
