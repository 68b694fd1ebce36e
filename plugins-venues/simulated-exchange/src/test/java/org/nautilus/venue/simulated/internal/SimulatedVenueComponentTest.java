package org.nautilus.venue.simulated.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.annotation.Annotation;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.nautilus.api.domain.ClientOrderId;
import org.nautilus.api.domain.Instrument;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.OrderId;
import org.nautilus.api.domain.OrderRequest;
import org.nautilus.api.domain.OrderStatus;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.domain.Side;
import org.nautilus.api.marketdata.Bar;
import org.nautilus.api.marketdata.BarSpec;
import org.nautilus.api.marketdata.MarketDataListener;
import org.nautilus.api.marketdata.MarketDataService;
import org.nautilus.api.marketdata.Quote;
import org.nautilus.api.marketdata.Subscription;
import org.nautilus.api.venue.ExecType;
import org.nautilus.api.venue.ExecutionReport;
import org.nautilus.api.venue.FeeSchedule;
import org.nautilus.testsupport.Await;
import org.nautilus.venue.simulated.internal.matching.SelfMatchPolicy;

/** The DS adapter without a container: configuration parsing and the market data subscription. */
class SimulatedVenueComponentTest {

    private static final InstrumentId AAPL = InstrumentId.of("AAPL");

    /** A configuration as DS would pass it: {@code etc/nautilus.venue.simulated-<name>.cfg} values. */
    record Cfg(String venueId, String fee, String maker, String taker, long latency, String factor, int levels,
            int ticks, String selfMatch, String barQuotes) implements SimulatedVenueComponent.Config {

        Cfg(String venueId, String fee, String maker, String taker, long latency, String factor, int levels,
                int ticks, String selfMatch) {
            this(venueId, fee, maker, taker, latency, factor, levels, ticks, selfMatch, "");
        }

        static Cfg of(String venueId) {
            return new Cfg(venueId, "2", "", "", 0, "1", 5, 1, "cancel-taker");
        }

        @Override
        public String venue_id() {
            return venueId;
        }

        @Override
        public String fee_bps() {
            return fee;
        }

        @Override
        public String fee_maker_bps() {
            return maker;
        }

        @Override
        public String fee_taker_bps() {
            return taker;
        }

        @Override
        public String fee_per_share() {
            return "0";
        }

        @Override
        public String fee_minimum() {
            return "0";
        }

        @Override
        public long latency_ms() {
            return latency;
        }

        @Override
        public long amend_latency_ms() {
            return -1;
        }

        @Override
        public long cancel_latency_ms() {
            return -1;
        }

        @Override
        public String liquidity_factor() {
            return factor;
        }

        @Override
        public int liquidity_levels() {
            return levels;
        }

        @Override
        public int liquidity_level_ticks() {
            return ticks;
        }

        @Override
        public String self_match() {
            return selfMatch;
        }

        @Override
        public String tick_default() {
            return "0.01";
        }

        @Override
        public String bar_quotes_spec() {
            return barQuotes;
        }

        @Override
        public String bar_quotes_slippage_bps() {
            return "5";
        }

        @Override
        public String bar_quotes_participation() {
            return "0.1";
        }

        @Override
        public String trading_hours() {
            return "";
        }

        @Override
        public String order_types() {
            return "";
        }

        @Override
        public String time_in_force() {
            return "";
        }

        @Override
        public Class<? extends Annotation> annotationType() {
            return SimulatedVenueComponent.Config.class;
        }
    }

    @Test
    void theConfigurationBecomesAVenueConfig() {
        VenueConfig config = SimulatedVenueComponent.toVenueConfig(
                new Cfg("SIMB", "2", "-0.2", "", 3, "0.3", 3, 2, "cancel-maker"));

        assertThat(config.id().value()).isEqualTo("SIMB");
        assertThat(config.fees()).isEqualTo(new FeeSchedule(new BigDecimal("-0.2"), new BigDecimal("2")));
        assertThat(config.latency()).isEqualTo(Duration.ofMillis(3));
        assertThat(config.liquidityFactor()).isEqualByComparingTo("0.3");
        assertThat(config.liquidityLevels()).isEqualTo(3);
        assertThat(config.levelTicks()).isEqualTo(2);
        assertThat(config.selfMatch()).isEqualTo(SelfMatchPolicy.CANCEL_MAKER);
    }

    @Test
    void badValuesAreRefusedWithTheKeyAndTheValue() {
        Cfg ok = Cfg.of("SIM");
        assertThatThrownBy(() -> SimulatedVenueComponent.toVenueConfig(
                new Cfg("SIM", "two", "", "", 0, "1", 5, 1, "allow")))
                        .hasMessage("venue SIM: fee.bps must be a decimal number, got 'two'");
        assertThatThrownBy(() -> SimulatedVenueComponent.toVenueConfig(
                new Cfg("SIM", "2", "", "", 0, "1", 5, 1, "sometimes")))
                        .hasMessage(
                                "self.match must be one of allow, cancel-taker, cancel-maker, cancel-both; got 'sometimes'");
        assertThatThrownBy(() -> SimulatedVenueComponent.toVenueConfig(
                new Cfg("SIM", "2", "", "", -1, "1", 5, 1, "allow")))
                        .hasMessage("venue SIM: latency.ms must not be negative, got -1");
        assertThatThrownBy(() -> SimulatedVenueComponent.toVenueConfig(
                new Cfg("SIM", "2", "", "", 0, "1", 0, 1, "allow")))
                        .hasMessage("venue SIM: liquidity.levels must be 1..100, got 0");
        assertThatThrownBy(() -> SimulatedVenueComponent.toVenueConfig(
                new Cfg(" ", "2", "", "", 0, "1", 5, 1, "allow")))
                        .hasMessage("nautilus.venue.simulated: venue.id is required, e.g. venue.id=SIM");
        assertThat(SimulatedVenueComponent.toVenueConfig(ok).selfMatch()).isEqualTo(SelfMatchPolicy.CANCEL_TAKER);
    }

    @Test
    void theVenueFillsAgainstQuotesFromTheGatewayAndIsReconfiguredLive() throws Exception {
        List<MarketDataListener> subscribers = new CopyOnWriteArrayList<>();
        Quote quote = new Quote(AAPL, Price.of("100.00"), Quantity.ofWhole(500), Price.of("100.02"),
                Quantity.ofWhole(500), Instant.now());
        MarketDataService gateway = gateway(subscribers, quote);
        SimulatedVenueComponent venue = new SimulatedVenueComponent(Cfg.of("SIM"));
        try {
            venue.bindMarketData(gateway);
            assertThat(subscribers).hasSize(1);

            List<ExecutionReport> reports = new CopyOnWriteArrayList<>();
            venue.submit(order(1, 10), reports::add);
            assertThat(reports).extracting(ExecutionReport::type).containsExactly(ExecType.ACCEPTED, ExecType.FILL);
            assertThat(reports.get(1).lastPrice()).isEqualTo(Price.of("100.02"));

            venue.modified(new Cfg("SIM", "5", "", "", 0, "1", 5, 1, "cancel-taker"));
            assertThat(venue.fees()).contains(FeeSchedule.ofBps("5", "5"));
            assertThat(venue.description()).contains("taker 5 bps");

            // The market moves up through the gateway: the next buy pays the new ask.
            subscribers.get(0).onQuote(new Quote(AAPL, Price.of("101.00"), Quantity.ofWhole(500), Price.of("101.02"),
                    Quantity.ofWhole(500), Instant.now()));
            Await.until("the book's best ask at 101.02", Duration.ofSeconds(5), () -> venue.depth(AAPL, 1)
                    .orElseThrow().bestAsk().orElseThrow().price().compareTo(Price.of("101.02")) == 0);
            reports.clear();
            venue.submit(order(2, 10), reports::add);
            assertThat(reports.get(1).lastPrice()).isEqualTo(Price.of("101.02"));

            venue.unbindMarketData(gateway);
            assertThat(subscribers).isEmpty();
        } finally {
            venue.deactivate();
        }
    }

    @Test
    void replayedBarsAreQuotedAsInABacktestAndAnOrderNeverTradesAgainstAnOlderBarThanTheGatewayHas() throws Exception {
        List<MarketDataListener> subscribers = new CopyOnWriteArrayList<>();
        List<Bar> bars = new CopyOnWriteArrayList<>();
        MarketDataService gateway = gateway(subscribers, null, bars);
        SimulatedVenueComponent venue = new SimulatedVenueComponent(
                new Cfg("SIM", "2", "", "", 0, "1", 1, 1, "cancel-taker", "P1D"));
        try {
            venue.bindMarketData(gateway);
            assertThat(subscribers).hasSize(2);
            Instant day = Instant.parse("2013-01-02T00:00:00Z");
            // Close 100.00, 5 bps either side: bid 99.95, ask 100.05, each showing 10 % of 1,000 = 100.
            Bar first = new Bar(AAPL, day, day.plus(Duration.ofDays(1)), Price.of("99.00"), Price.of("101.00"),
                    Price.of("98.00"), Price.of("100.00"), Quantity.ofWhole(1000));
            bars.add(first);
            subscribers.get(1).onBar(BarSpec.time(Duration.ofDays(1)), first);
            List<ExecutionReport> reports = new CopyOnWriteArrayList<>();
            venue.submit(order(1, 10), reports::add);
            assertThat(reports).extracting(ExecutionReport::type).containsExactly(ExecType.ACCEPTED, ExecType.FILL);
            assertThat(reports.get(1).lastPrice()).isEqualTo(Price.of("100.05"));
            assertThat(venue.depth(AAPL, 1).orElseThrow().bestBid().orElseThrow().quantity())
                    .isEqualTo(Quantity.ofWhole(100));

            // The gateway has the next bar, the venue's subscription has not delivered it yet: a strategy that saw
            // it trades at its close, as in a backtest, not at the older one.
            Bar second = new Bar(AAPL, first.end(), first.end().plus(Duration.ofDays(1)), Price.of("100.00"),
                    Price.of("111.00"), Price.of("100.00"), Price.of("110.00"), Quantity.ofWhole(1000));
            bars.add(second);
            reports.clear();
            venue.submit(order(2, 10), reports::add);
            assertThat(reports.get(1).lastPrice()).isEqualTo(Price.of("110.06"));
            // Delivered late, its quotes are older than what the book shows: nothing moves back.
            subscribers.get(1).onBar(BarSpec.time(Duration.ofDays(1)), second);
            reports.clear();
            venue.submit(order(3, 10), reports::add);
            assertThat(reports.get(1).lastPrice()).isEqualTo(Price.of("110.06"));
        } finally {
            venue.deactivate();
        }
    }

    @Test
    void aBadBarQuotesSpecIsRefusedNamingIt() {
        assertThatThrownBy(() -> new SimulatedVenueComponent(
                new Cfg("SIM", "2", "", "", 0, "1", 1, 1, "cancel-taker", "daily")))
                        .hasMessageStartingWith("nautilus.venue.simulated: bar.quotes: ");
    }

    private static Order order(long id, long quantity) {
        Instant now = Instant.now();
        return new Order(OrderId.of(id), OrderRequest.market(ClientOrderId.of("c" + id), PortfolioId.of("P1"), AAPL,
                Side.BUY, Quantity.ofWhole(quantity)), OrderStatus.SUBMITTED, Quantity.ZERO, null, null, null, now,
                now);
    }

    /** A gateway stand-in: only what the venue uses (a proxy, so API additions do not break the test). */
    private static MarketDataService gateway(List<MarketDataListener> subscribers, Quote quote) {
        return gateway(subscribers, quote, List.of());
    }

    /** With {@code bars}: daily bars of the gateway (the last one is its newest). */
    private static MarketDataService gateway(List<MarketDataListener> subscribers, Quote quote, List<Bar> bars) {
        return (MarketDataService) Proxy.newProxyInstance(SimulatedVenueComponentTest.class.getClassLoader(),
                new Class<?>[] {MarketDataService.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "subscribe" -> {
                        MarketDataListener listener = (MarketDataListener) args[1];
                        subscribers.add(listener);
                        yield (Subscription) () -> subscribers.remove(listener);
                    }
                    case "subscribeAllBars" -> {
                        if (bars.isEmpty() && !(bars instanceof CopyOnWriteArrayList)) {
                            throw new UnsupportedOperationException("no bars");
                        }
                        MarketDataListener listener = (MarketDataListener) args[1];
                        subscribers.add(listener);
                        yield (Subscription) () -> subscribers.remove(listener);
                    }
                    case "barSpecs" -> List.of(BarSpec.time(Duration.ofDays(1)));
                    case "bars" -> bars.isEmpty() ? List.of() : List.of(bars.get(bars.size() - 1));
                    case "instrument" -> Optional.of(Instrument.equity(((InstrumentId) args[0]).value(), "USD"));
                    case "lastQuote" -> Optional.ofNullable(quote);
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "gateway";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
