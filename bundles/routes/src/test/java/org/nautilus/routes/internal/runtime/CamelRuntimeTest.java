package org.nautilus.routes.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.quickfixj.QuickfixjComponent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nautilus.api.domain.Instrument;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.marketdata.Bar;
import org.nautilus.api.marketdata.Quote;
import org.nautilus.api.routes.RouteInfo;
import org.nautilus.marketdata.internal.MarketDataGateway;
import org.nautilus.routes.internal.component.Gateways;
import org.nautilus.testsupport.Await;
import org.nautilus.testsupport.MutableClock;

class CamelRuntimeTest {

    /** The route file the distribution ships. */
    private static final Path SHIPPED = Path
            .of("../../karaf-distribution/src/main/resources/etc/routes/simulated-market.yaml");

    @TempDir
    Path dir;

    /** The market's time: it runs (the timer routes need it to), and a test closes a bar by moving it on. */
    private final MutableClock clock = MutableClock.ticking(Instant.parse("2024-03-01T14:30:00Z"));
    private MarketDataGateway gateway;
    private CamelRuntime runtime;

    @BeforeEach
    void start() {
        gateway = new MarketDataGateway(clock, Duration.ofMillis(200), 100, 1024);
        gateway.define(Instrument.equity("AAPL", "USD"));
        gateway.define(Instrument.equity("MSFT", "USD"));
        gateway.define(new Instrument(InstrumentId.of("BTC-USD"), "USD", Price.of("0.01"),
                Quantity.of("0.0001"), Quantity.of("0.0001"),
                Quantity.ofWhole(100), Quantity.ofWhole(1)));
        runtime = new CamelRuntime(getClass().getClassLoader(), new Gateways(() -> gateway), clock);
    }

    @AfterEach
    void stop() {
        runtime.close();
        gateway.close();
    }

    @Test
    void theShippedSimulatedMarketRouteBringsQuotesToTheGateway() throws Exception {
        Files.copy(SHIPPED, dir.resolve("simulated-market.yaml"));

        runtime.watch(dir, Duration.ofMillis(100));

        await(() -> gateway.lastQuote(InstrumentId.of("BTC-USD")).isPresent()
                && gateway.lastQuote(InstrumentId.of("AAPL")).isPresent());
        Quote aapl = gateway.lastQuote(InstrumentId.of("AAPL")).orElseThrow();
        assertThat(aapl.mid().toBigDecimal().doubleValue()).isBetween(150.0, 230.0);
        assertThat(gateway.lastQuote(InstrumentId.of("BTC-USD")).orElseThrow().mid().toBigDecimal().doubleValue())
                .isBetween(50_000.0, 80_000.0);
        await(() -> !gateway.bars(InstrumentId.of("MSFT"), 1).isEmpty());

        RouteInfo route = runtime.routes().get(0);
        assertThat(route.id()).isEqualTo("simulated-market");
        assertThat(route.source()).isEqualTo("simulated-market.yaml");
        assertThat(route.from()).startsWith("nautilus-sim://market");
        assertThat(route.state()).isEqualTo("Started");
        await(() -> runtime.routes().get(0).exchanges() > 3);
        assertThat(runtime.routes().get(0).failures()).isZero();
    }

    @Test
    void aFileDroppedIntoTheDirectoryIsPickedUpAndItsRemovalStopsIt() throws Exception {
        runtime.watch(dir, Duration.ofMillis(50));
        assertThat(runtime.routes()).isEmpty();

        Files.writeString(dir.resolve("msft.yaml"), """
                - route:
                    id: msft-lines
                    from:
                      uri: "timer:msft?delay=0&period=20"
                      steps:
                        - setBody:
                            simple: "Q,MSFT,419.99,10,420.01,10"
                        - to: "nautilus:marketdata"
                """);
        await(() -> gateway.lastQuote(InstrumentId.of("MSFT")).isPresent());
        assertThat(gateway.mark(InstrumentId.of("MSFT")).orElseThrow().toString()).isEqualTo("420");

        Files.delete(dir.resolve("msft.yaml"));
        await(() -> runtime.routes().isEmpty());
        assertThat(runtime.files()).isEmpty();
    }

    @Test
    void unknownInstrumentsFailTheExchangeAndAreCounted() throws Exception {
        Files.writeString(dir.resolve("bad.yaml"), """
                - route:
                    id: unknown-symbol
                    from:
                      uri: "timer:x?delay=0&period=20"
                      steps:
                        - setBody:
                            constant: "T,TSLA,1,1"
                        - to: "nautilus:marketdata"
                """);
        runtime.watch(dir, Duration.ofSeconds(10));

        await(() -> runtime.routes().get(0).failures() > 0);
        assertThat(gateway.lastTrade(InstrumentId.of("TSLA"))).isEmpty();
    }

    @Test
    void routesCanBeStoppedAndStartedByIdAndUnknownIdsAreRefused() throws Exception {
        Files.copy(SHIPPED, dir.resolve("simulated-market.yaml"));
        runtime.watch(dir, Duration.ofSeconds(10));

        runtime.stop("simulated-market");
        assertThat(runtime.routes().get(0).state()).isEqualTo("Stopped");
        runtime.start("simulated-market");
        assertThat(runtime.routes().get(0).state()).isEqualTo("Started");

        assertThatThrownBy(() -> runtime.stop("nope"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown route 'nope'").hasMessageContaining("simulated-market");
    }

    @Test
    void aRouteBuilderFromCodeIsAddedAndRemoved() throws Exception {
        RouteBuilder builder = new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:in").routeId("from-code").to("nautilus:marketdata");
            }
        };
        runtime.add(builder, "bundle:example");
        runtime.context().createProducerTemplate().sendBody("direct:in", "T,AAPL,191.5,3");

        assertThat(gateway.mark(InstrumentId.of("AAPL")).orElseThrow().toString()).isEqualTo("191.5");
        assertThat(runtime.routes()).singleElement().satisfies(r -> {
            assertThat(r.source()).isEqualTo("bundle:example");
            assertThat(r.exchanges()).isEqualTo(1);
        });

        runtime.remove(builder);
        assertThat(runtime.routes()).isEmpty();
    }

    @Test
    void aMarketDataConsumerRouteReceivesBars() throws Exception {
        runtime.context().addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("nautilus:marketdata?instruments=AAPL&types=bar").routeId("bars").to("seda:bars");
            }
        });
        var producer = runtime.context().createProducerTemplate();
        producer.sendBody("nautilus:marketdata", "T,AAPL,100,1");
        clock.advance(Duration.ofMillis(250));
        producer.sendBody("nautilus:marketdata", "T,AAPL,101,1");

        Object bar = runtime.context().createConsumerTemplate().receiveBody("seda:bars", 5000);
        assertThat(bar).isInstanceOf(Bar.class);
    }

    @Test
    void quickfixIsPresentWithAnSlf4jLogFactory() {
        QuickfixjComponent quickfix = runtime.context().getComponent("quickfix", QuickfixjComponent.class);
        assertThat(quickfix).isNotNull();
        assertThat(quickfix.getLogFactory()).isInstanceOf(quickfix.SLF4JLogFactory.class);
    }

    @Test
    void aSimulatedFeedWithoutStartPricesOrMarkIsRefusedClearly() throws Exception {
        Files.writeString(dir.resolve("sim.yaml"), """
                - route:
                    id: no-prices
                    from:
                      uri: "nautilus-sim:x?symbols=AAPL"
                      steps:
                        - to: "nautilus:marketdata"
                """);
        runtime.watch(dir, Duration.ofSeconds(10));

        assertThat(runtime.files()).singleElement().satisfies(f -> {
            assertThat(f.loaded()).isFalse();
            assertThat(f.error()).contains("sim.yaml, line 4").contains("no start price for AAPL");
        });
        assertThat(runtime.routes()).isEmpty();
    }

    private static void await(BooleanSupplier condition) {
        Await.until("the condition", Duration.ofSeconds(10), condition);
    }
}
