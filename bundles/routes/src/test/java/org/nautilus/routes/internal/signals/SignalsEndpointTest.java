package org.nautilus.routes.internal.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.ConsumerTemplate;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.research.signal.Signal;
import org.nautilus.api.research.signal.SignalBatch;
import org.nautilus.api.research.signal.SignalListener;
import org.nautilus.routes.internal.component.Gateways;
import org.nautilus.routes.internal.runtime.CamelRuntime;
import org.nautilus.testsupport.Await;

/** A route file reading {@code nautilus:signals}: subscribed as a listener while it runs, one exchange per signal. */
class SignalsEndpointTest {

    private static final Instant CLOSE = Instant.parse("2013-06-03T00:00:00Z");

    @TempDir
    Path routes;

    /** The listeners the routes registered, with their model filter and shadow flag. */
    private final Map<SignalListener, String> listeners = new ConcurrentHashMap<>();
    private final Gateways gateways = new Gateways(() -> null, () -> null, (s, n, q) -> () -> {},
            (listener, model, shadow) -> {
                listeners.put(listener, model + "/" + shadow);
                return () -> listeners.remove(listener);
            });
    private final CamelRuntime runtime = new CamelRuntime(getClass().getClassLoader(), gateways, Clock.systemUTC());

    @AfterEach
    void stop() {
        runtime.close();
    }

    @Test
    void aRouteGetsEachSignalWithItsModelVersionAndAlias() throws Exception {
        Files.writeString(routes.resolve("signals.yaml"), """
                - route:
                    id: signals-to-seda
                    from:
                      uri: "nautilus:signals"
                      parameters:
                        model: aapl-lgbm
                        split: true
                      steps:
                        - to: "seda:out"
                """);
        runtime.watch(routes, Duration.ofSeconds(10));
        awaitListener();
        assertThat(listeners.values()).containsExactly("aapl-lgbm/false");

        SignalListener listener = listeners.keySet().iterator().next();
        listener.onSignals(new SignalBatch("aapl-lgbm", 2, "champion", false, CLOSE, List.of(
                new Signal(InstrumentId.of("AAPL.NASDAQ"), "aapl-lgbm", 2, "champion", 0.0012, CLOSE),
                new Signal(InstrumentId.of("MSFT.NASDAQ"), "aapl-lgbm", 2, "champion", -0.0003, CLOSE))));

        ConsumerTemplate consumer = runtime.context().createConsumerTemplate();
        Exchange first = consumer.receive("seda:out", 5000);
        Exchange second = consumer.receive("seda:out", 5000);
        assertThat(first.getMessage().getBody(Signal.class).instrument()).isEqualTo(InstrumentId.of("AAPL.NASDAQ"));
        assertThat(second.getMessage().getBody(Signal.class).value()).isEqualTo(-0.0003);
        assertThat(first.getMessage().getHeader("NautilusModelVersion")).isEqualTo(2);
        assertThat(first.getMessage().getHeader("NautilusModelAlias")).isEqualTo("champion");

        runtime.stop("signals-to-seda");
        assertThat(listeners).isEmpty(); // a stopped route no longer listens
    }

    @Test
    void signalsCannotBeSentTo() {
        assertThatThrownBy(() -> runtime.context().createProducerTemplate().sendBody("nautilus:signals", "x"))
                .hasStackTraceContaining("only consumes");
    }

    private void awaitListener() {
        Await.until("a signal listener registered", () -> !listeners.isEmpty());
    }
}
