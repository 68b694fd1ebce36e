package org.nautilus.routes.internal.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.camel.ConsumerTemplate;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.marketdata.Bar;
import org.nautilus.api.marketdata.BarSpec;
import org.nautilus.api.research.FactorValue;
import org.nautilus.api.research.data.DataCheckReport;
import org.nautilus.api.research.data.DataIssue;
import org.nautilus.api.research.store.FactorSeries;
import org.nautilus.api.research.store.Fundamental;
import org.nautilus.api.research.store.TimeRange;
import org.nautilus.marketdata.internal.MarketDataGateway;
import org.nautilus.research.internal.data.DataFilesComponent;
import org.nautilus.research.internal.store.DatePartition;
import org.nautilus.research.internal.store.DuckDbFactorStore;
import org.nautilus.routes.internal.component.Gateways;
import org.nautilus.routes.internal.runtime.CamelRuntime;

/** Route files with the data connectors over the real data files service and the real DuckDB factor store. */
class DataConnectorRouteTest {

    private static final InstrumentId AAPL = InstrumentId.of("AAPL.NASDAQ");
    private static final BarSpec DAILY = BarSpec.time(Duration.ofDays(1));

    @TempDir
    Path dir;

    private MarketDataGateway gateway;
    private DuckDbFactorStore store;
    private CamelRuntime runtime;

    @BeforeEach
    void start() {
        gateway = new MarketDataGateway(Clock.systemUTC(), Duration.ofSeconds(1), List.of(), 1000, 1024);
        store = DuckDbFactorStore.open(dir.resolve("factors"), DatePartition.YEAR, 1);
        runtime = new CamelRuntime(getClass().getClassLoader(), new Gateways(() -> gateway), Clock.systemUTC());
        DataFilesComponent files = new DataFilesComponent();
        runtime.context().addComponent("nautilus-data", new DataComponent(new DataServices(() -> files, () -> store,
                () -> null)));
    }

    @AfterEach
    void stop() {
        runtime.close();
        store.close();
        gateway.close();
    }

    @Test
    void aBatchRouteBackfillsTheAppleSampleBackAdjustedIntoTheStoreWithItsCheckReport() throws Exception {
        Path apple = copy("appleinc_bars_from_20130101_usd.csv");
        // an invented 7-for-1 split on 1 July 2013 (Apple's real one was in June 2014, outside the sample)
        Path actions = Files.writeString(dir.resolve("actions.csv"), """
                instrument,ex_date,kind,value
                AAPL.NASDAQ,2013-07-01,split,7
                """);
        route("""
                - route:
                    id: backfill-apple
                    from:
                      uri: "nautilus-data:apple"
                      parameters:
                        kind: bars
                        file: "%s"
                        symbol: AAPL.NASDAQ
                        actions: "%s"
                      steps:
                        - to: "nautilus-data:store"
                        - to: "seda:done"
                """.formatted(apple, actions));

        Exchange done = consumer().receive("seda:done", 20_000);
        assertThat(done).as("the batch reached the end of the route").isNotNull();
        DataCheckReport report = done.getMessage().getHeader(DataComponent.REPORT_HEADER, DataCheckReport.class);
        assertThat(report.rows()).isEqualTo(252);
        assertThat(report.issues()).hasSize(8).allSatisfy(i -> assertThat(i.kind()).isEqualTo(DataIssue.Kind.GAP));
        assertThat(done.getMessage().getHeader(DataStoreEndpoint.WRITTEN_HEADER, Long.class)).isEqualTo(252L);

        List<Bar> stored = store.bars(AAPL, DAILY, TimeRange.ALL);
        assertThat(stored).hasSize(252);
        // 2013-01-02,553.82,555.00,541.63,549.03,20018500 -> prices / 7 (half-even, 8 decimals), volume x 7
        Bar first = stored.get(0);
        assertThat(first.start()).isEqualTo(Instant.parse("2013-01-02T00:00:00Z"));
        assertThat(first.close()).isEqualTo(Price.of("78.43285714"));
        assertThat(first.open()).isEqualTo(Price.of("79.11714286"));
        assertThat(first.volume()).isEqualTo(Quantity.ofWhole(140_129_500));
        // 2013-12-31,554.17,561.28,554.00,561.02,7967300: after the ex-date, as traded
        assertThat(stored.get(251).close()).isEqualTo(Price.of("561.02"));
        assertThat(stored.get(251).volume()).isEqualTo(Quantity.ofWhole(7_967_300));
        // the raw file is untouched
        assertThat(Files.readString(apple))
                .isEqualTo(Files.readString(copySource("appleinc_bars_from_20130101_usd.csv")));
    }

    @Test
    void aBatchWithRowsThatCannotBeBarsLoadsNothingUnlessToldToSkipThem() throws Exception {
        Path bars = Files.writeString(dir.resolve("acme.csv"), """
                date,open,high,low,close,volume
                2025-01-06,10,11,9,10.5,100
                2025-01-07,10.5,10,11,10.8,100
                2025-01-08,10.8,11.2,10.6,11,100
                """);
        route("""
                - route:
                    id: refuse
                    from:
                      uri: "nautilus-data:refuse"
                      parameters: {kind: bars, file: "%1$s", symbol: ACME}
                      steps:
                        - to: "nautilus-data:store"
                - route:
                    id: skip
                    from:
                      uri: "nautilus-data:skip"
                      parameters: {kind: bars, file: "%1$s", symbol: SKIPPED, errors: skip}
                      steps:
                        - to: "nautilus-data:store"
                        - to: "seda:done"
                """.formatted(bars));
        Exchange done = consumer().receive("seda:done", 20_000);
        assertThat(done).isNotNull();
        assertThat(store.bars(InstrumentId.of("SKIPPED"), DAILY, TimeRange.ALL)).extracting(Bar::close)
                .containsExactly(Price.of("10.5"), Price.of("11"));
        assertThat(store.instruments()).doesNotContain(InstrumentId.of("ACME"));
    }

    @Test
    void fundamentalsGoIntoTheBitemporalStore() throws Exception {
        Path file = Files.writeString(dir.resolve("fundamentals.csv"), """
                instrument,period_end,published,field,value
                ACME,2024-12-31,2025-02-01T21:30:00Z,eps,1.20
                ACME,2024-12-31,2025-03-15T21:30:00Z,eps,1.10
                """);
        route("""
                - route:
                    id: fundamentals
                    from:
                      uri: "nautilus-data:fundamentals"
                      parameters: {kind: fundamentals, file: "%s"}
                      steps:
                        - to: "nautilus-data:store"
                        - to: "seda:done"
                """.formatted(file));
        assertThat(consumer().receive("seda:done", 20_000)).isNotNull();
        InstrumentId acme = InstrumentId.of("ACME");
        assertThat(store.fundamentals(acme, Instant.parse("2025-03-01T00:00:00Z"))).extracting(Fundamental::value)
                .containsExactly(1.20);
        assertThat(store.fundamentals(acme, Instant.parse("2025-04-01T00:00:00Z"))).extracting(Fundamental::value)
                .containsExactly(1.10);
    }

    @Test
    void aQueryStepReadsTheStoreAsOfTheMomentItIsGiven() throws Exception {
        Instant day1 = Instant.parse("2025-01-07T00:00:00Z");
        Instant day2 = Instant.parse("2025-01-08T00:00:00Z");
        Instant day3 = Instant.parse("2025-01-09T00:00:00Z");
        InstrumentId acme = InstrumentId.of("ACME");
        store.replaceValues(new FactorSeries(acme, DAILY, List.of(day1, day2, day3), List.of("KMID"),
                new double[][] {{0.1, 0.2, 0.3}}), TimeRange.ALL);
        store.replaceValues(new FactorSeries(AAPL, DAILY, List.of(day1, day2), List.of("KMID"),
                new double[][] {{-0.1, -0.2}}), TimeRange.ALL);
        store.writeFundamentals(List.of(new Fundamental(acme, "eps", LocalDate.parse("2024-12-31"),
                Instant.parse("2025-01-07T21:30:00Z"), 1.2)));
        route("""
                - route:
                    id: history
                    from: {uri: "direct:history", steps: [{to: "nautilus-data:query?factor=KMID&symbols=ACME&from=2025-01-01&bars=P1D"}]}
                - route:
                    id: section
                    from: {uri: "direct:section", steps: [{to: "nautilus-data:query?kind=cross-section&factor=KMID&asOf=2025-01-07"}]}
                - route:
                    id: fundamentals
                    from: {uri: "direct:fundamentals", steps: [{to: "nautilus-data:query?kind=fundamentals&symbols=ACME"}]}
                """);
        ProducerTemplate producer = runtime.context().createProducerTemplate();
        for (int wait = 0; wait < 200 && runtime.context().getRoute("fundamentals") == null; wait++) {
            Thread.sleep(50); // the route file is being loaded
        }

        // as of the end of 8 January (the header): the 9th's value was not known yet
        List<?> history = producer.requestBodyAndHeader("direct:history", null, DataQueryEndpoint.AS_OF_HEADER,
                "2025-01-07", List.class);
        assertThat(history).extracting(v -> ((FactorValue) v).value()).containsExactly(0.1, 0.2);
        assertThat(producer.requestBody("direct:history", null, List.class)).hasSize(3); // now: all of it
        // the parameter's moment (end of 7 January = the 8th's midnight): each instrument's latest by then
        List<?> section = producer.requestBody("direct:section", null, List.class);
        assertThat(section).extracting(v -> ((FactorValue) v).instrument().value() + "=" + ((FactorValue) v).value())
                .containsExactly("AAPL.NASDAQ=-0.2", "ACME=0.2");
        assertThat(producer.requestBodyAndHeader("direct:fundamentals", null, DataQueryEndpoint.AS_OF_HEADER,
                Instant.parse("2025-01-07T21:00:00Z"), List.class)).isEmpty();
        assertThat(producer.requestBody("direct:fundamentals", null, List.class))
                .extracting(f -> ((Fundamental) f).value()).containsExactly(1.2);
        // what the store does not hold fails the exchange with the store's message
        assertThatThrownBy(() -> producer.requestBodyAndHeader("direct:history", null, DataQueryEndpoint.AS_OF_HEADER,
                "the eighth", List.class)).hasRootCauseMessage(
                        "NautilusAsOf 'the eighth' is not a date (2013-06-28: its end) or an instant (2013-06-28T16:00:00Z)");
    }

    @Test
    void aQueryWithoutWhatItNeedsIsRefusedWhenTheRouteIsLoaded() {
        DataComponent component = (DataComponent) runtime.context().getComponent("nautilus-data");
        assertThatThrownBy(() -> component.createEndpoint("nautilus-data:query?kind=cross-section"))
                .hasMessageContaining("a cross-section query needs a 'factor'");
        assertThatThrownBy(() -> component.createEndpoint("nautilus-data:query?kind=fundamentals&symbols=A,B"))
                .hasMessageContaining("a fundamentals query needs one instrument in 'symbols', got 2");
        assertThatThrownBy(() -> component.createEndpoint("nautilus-data:query?kind=latest&factor=KMID"))
                .hasMessageContaining("kind must be history, cross-section or fundamentals, got 'latest'");
        assertThatThrownBy(
                () -> component.createEndpoint("nautilus-data:query?factor=KMID&from=2025-02-01&to=2025-01-01"))
                        .hasMessageContaining("inverted date range");
    }

    @Test
    void aStreamSendsEachBarAppendedToTheFileAndLeavesOutARowThatCannotBeABar() throws Exception {
        Path bars = Files.writeString(dir.resolve("live.csv"), """
                date,open,high,low,close,volume
                2025-01-06,10,11,9,10.5,100
                2025-01-07,10.5,11,10,10.8,100
                """);
        route("""
                - route:
                    id: tail
                    from:
                      uri: "nautilus-data:tail"
                      parameters: {kind: bars, file: "%s", symbol: ACME, mode: stream, poll: 50}
                      steps:
                        - to: "seda:live"
                """.formatted(bars));
        ConsumerTemplate consumer = consumer();
        Thread.sleep(500); // the stream has read the file as it was (start=end: nothing sent)
        assertThat(consumer.receiveNoWait("seda:live")).isNull();
        Files.writeString(bars, "2025-01-08,10.8,10,11,10.9,100\n2025-01-09,10.9,11.5,10.8,11.4,100\n",
                StandardOpenOption.APPEND);
        Exchange next = consumer.receive("seda:live", 10_000);
        assertThat(next).isNotNull();
        Bar bar = next.getMessage().getBody(Bar.class);
        assertThat(bar.start()).isEqualTo(Instant.parse("2025-01-09T00:00:00Z"));
        assertThat(bar.close()).isEqualTo(Price.of("11.4"));
        assertThat(consumer.receive("seda:live", 300)).isNull();
    }

    private void route(String yaml) throws Exception {
        Files.createDirectories(dir.resolve("routes"));
        Files.writeString(dir.resolve("routes/data.yaml"), yaml);
        runtime.watch(dir.resolve("routes"), Duration.ofSeconds(10));
    }

    private ConsumerTemplate consumer() throws Exception {
        ConsumerTemplate consumer = runtime.context().createConsumerTemplate();
        consumer.start();
        return consumer;
    }

    private Path copy(String resource) throws Exception {
        Path target = dir.resolve(resource);
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(resource)) {
            Files.copy(in, target);
        }
        return target;
    }

    private Path copySource(String resource) throws Exception {
        Path target = dir.resolve("original-" + resource);
        if (!Files.exists(target)) {
            try (InputStream in = getClass().getClassLoader().getResourceAsStream(resource)) {
                Files.copy(in, target);
            }
        }
        return target;
    }
}
