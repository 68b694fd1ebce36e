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
import org.nautilus.api.marketdata.MarketDataListener;
import org.nautilus.api.marketdata.MarketDataService;
import org.nautilus.api.marketdata.Quote;
import org.nautilus.api.marketdata.Subscription;
import org.nautilus.api.venue.ExecType;
import org.nautilus.api.venue.ExecutionReport;
import org.nautilus.api.venue.FeeSchedule;
import org.nautilus.venue.simulated.internal.matching.SelfMatchPolicy;

/** The DS adapter without a container: configuration parsing and the market data subscription. */
class SimulatedVenueComponentTest {

    private static final InstrumentId AAPL = InstrumentId.of("AAPL");

    /** A configuration as DS would pass it: {@code etc/nautilus.venue.simulated-<name>.cfg} values. */
    record Cfg(String venueId, String fee, String maker, String taker, long latency, String factor, int levels,
               int ticks, String selfMatch) implements SimulatedVenueComponent.Config {

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
        public long latency_ms() {
            return latency;
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
                .hasMessage("self.match must be one of allow, cancel-taker, cancel-maker, cancel-both; got 'sometimes'");
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
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (venue.depth(AAPL, 1).orElseThrow().bestAsk().orElseThrow().price().compareTo(Price.of("101.02")) != 0) {
                assertThat(System.nanoTime()).isLessThan(deadline);
                Thread.sleep(1);
            }
            reports.clear();
            venue.submit(order(2, 10), reports::add);
            assertThat(reports.get(1).lastPrice()).isEqualTo(Price.of("101.02"));

            venue.unbindMarketData(gateway);
            assertThat(subscribers).isEmpty();
        } finally {
            venue.deactivate();
        }
    }

    private static Order order(long id, long quantity) {
        Instant now = Instant.now();
        return new Order(OrderId.of(id), OrderRequest.market(ClientOrderId.of("c" + id), PortfolioId.of("P1"), AAPL,
                Side.BUY, Quantity.ofWhole(quantity)), OrderStatus.SUBMITTED, Quantity.ZERO, null, null, null, now, now);
    }

    /** A gateway stand-in: only what the venue uses (a proxy, so API additions do not break the test). */
    private static MarketDataService gateway(List<MarketDataListener> subscribers, Quote quote) {
        return (MarketDataService) Proxy.newProxyInstance(SimulatedVenueComponentTest.class.getClassLoader(),
                new Class<?>[] {MarketDataService.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "subscribe" -> {
                        MarketDataListener listener = (MarketDataListener) args[1];
                        subscribers.add(listener);
                        yield (Subscription) () -> subscribers.remove(listener);
                    }
                    case "instrument" -> Optional.of(Instrument.equity(((InstrumentId) args[0]).value(), "USD"));
                    case "lastQuote" -> Optional.of(quote);
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "gateway";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
