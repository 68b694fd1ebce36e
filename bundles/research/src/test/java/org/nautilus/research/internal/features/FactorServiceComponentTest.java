package org.nautilus.research.internal.features;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nautilus.api.domain.Instrument;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.marketdata.Bar;
import org.nautilus.api.marketdata.BarSpec;
import org.nautilus.api.marketdata.MarketDataListener;
import org.nautilus.api.marketdata.MarketDataService;
import org.nautilus.api.marketdata.Subscription;
import org.nautilus.research.internal.ResearchConfig;
import org.nautilus.research.internal.expression.BarColumns;
import org.nautilus.research.internal.support.Bars;
import org.nautilus.testsupport.Await;
import org.nautilus.testsupport.DsConfigs;

/**
 * The service wiring, no container: the engine subscribes to the bars of every spec, so an instrument that only
 * gets replayed daily bars has factor values (issue 17), beside the 1 s bars of the simulated ones; libraries come
 * and go as services.
 */
class FactorServiceComponentTest {

    private static final InstrumentId AAPL = InstrumentId.of("AAPL");
    private static final InstrumentId NASDAQ_AAPL = InstrumentId.of("AAPL.NASDAQ");
    private static final BarSpec SECOND = BarSpec.time(Duration.ofSeconds(1));
    private static final BarSpec DAY = BarSpec.time(Duration.ofDays(1));

    private final AtomicReference<MarketDataListener> listener = new AtomicReference<>();
    private FactorServiceComponent component;

    @AfterEach
    void deactivate() throws InterruptedException {
        if (component != null) { // the configuration test starts none
            component.deactivate();
        }
    }

    @Test
    void instrumentGroupsAreReadFromConfigurationAndAMalformedListIsRefusedWithWhy() {
        assertThat(FactorServiceComponent.groups(" AAPL.NASDAQ=tech, XOM.NYSE = energy ")).containsOnly(
                Map.entry(InstrumentId.of("AAPL.NASDAQ"), "tech"),
                Map.entry(InstrumentId.of("XOM.NYSE"), "energy"));
        assertThat(FactorServiceComponent.groups("")).isEmpty();
        Assertions.assertThatThrownBy(() -> FactorServiceComponent.groups("AAPL.NASDAQ tech"))
                .hasMessage("'AAPL.NASDAQ tech' is not INSTRUMENT=GROUP");
        Assertions.assertThatThrownBy(() -> FactorServiceComponent.groups("A=x, A=y"))
                .hasMessage("A is given two groups");
    }

    @Test
    void replayedDailyBarsAndLiveSecondBarsBothFeedTheirInstrumentsFactors() throws Exception {
        component = new FactorServiceComponent(marketData(), config(), null);
        TestLibrary library = TestLibrary.sample();
        component.addLibrary(library);

        List<Bar> daily = Bars.apple().stream().limit(40).map(b -> new Bar(NASDAQ_AAPL, b.start(), b.end(), b.open(),
                b.high(), b.low(), b.close(), b.volume())).toList();
        List<Bar> seconds = new ArrayList<>();
        Instant start = Instant.parse("2026-12-06T14:30:00Z");
        for (int i = 0; i < 40; i++) {
            seconds.add(Bars.bar(AAPL, start.plusSeconds(i), 190 + Math.cos(i)));
        }
        for (int i = 0; i < 40; i++) {
            listener.get().onBar(DAY, daily.get(i));
            listener.get().onBar(SECOND, seconds.get(i));
        }

        await(() -> component.history("MA5", NASDAQ_AAPL).size() == 40 && component.history("MA5", AAPL).size() == 40);
        double expected = CompiledLibrary.compile(library).program().evaluate(BarColumns.of(daily)).column("MA5")[39];
        assertThat(component.latest("MA5", NASDAQ_AAPL).orElseThrow())
                .satisfies(v -> assertThat(v.value()).isEqualTo(expected))
                .satisfies(v -> assertThat(v.bars()).isEqualTo(DAY));
        assertThat(component.latest("MA5", AAPL).orElseThrow().bars()).isEqualTo(SECOND);
        assertThat(component.factors()).extracting(f -> f.library()).containsOnly("sample");

        component.removeLibrary(library);
        assertThat(component.factors()).isEmpty();
        assertThat(component.latest()).isEmpty();
    }

    private static void await(BooleanSupplier condition) {
        Await.until("the condition", Duration.ofSeconds(10), condition);
    }

    /** Two instruments, no bar history; hands the engine's all-bars listener to the test. */
    private MarketDataService marketData() {
        return (MarketDataService) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {MarketDataService.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "subscribeAllBars" -> {
                        listener.set((MarketDataListener) args[1]);
                        yield (Subscription) () -> {};
                    }
                    case "instruments" -> List.of(Instrument.equity("AAPL", "USD"),
                            Instrument.equity("AAPL.NASDAQ", "USD"));
                    case "barSpecs" -> List.of(SECOND);
                    case "bars" -> List.of();
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static ResearchConfig config() {
        return DsConfigs.config(ResearchConfig.class, Map.of("factors.directory", "target/no-factor-files"));
    }
}
