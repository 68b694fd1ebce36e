package org.nautilus.routes.internal.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.camel.ConsumerTemplate;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nautilus.api.research.tracking.RunQuery;
import org.nautilus.api.research.tracking.RunStatus;
import org.nautilus.api.research.tracking.TrainingResult;
import org.nautilus.factor.technical.internal.TechnicalLibrary;
import org.nautilus.model.weka.linear.internal.WekaRidge;
import org.nautilus.research.internal.ResearchConfig;
import org.nautilus.research.internal.tracking.FileArtifactStore;
import org.nautilus.research.internal.tracking.MemoryTrackingStore;
import org.nautilus.research.internal.tracking.ModelsComponent;
import org.nautilus.routes.internal.component.Gateways;
import org.nautilus.routes.internal.runtime.CamelRuntime;
import org.nautilus.testsupport.Await;
import org.nautilus.testsupport.DsConfigs;

/** Training from a route file: a timer route is a schedule, a direct: route trains on demand, both tracked for real. */
class TrainEndpointTest {

    @TempDir
    Path dir;

    private ModelsComponent models;
    private CamelRuntime runtime;
    private Path spec;

    @BeforeEach
    void setUp() throws Exception {
        ResearchConfig defaults = DsConfigs.config(ResearchConfig.class, Map.of());
        models = new ModelsComponent(new MemoryTrackingStore(),
                new FileArtifactStore(dir.resolve("artifact-store")), dir.resolve("models"), defaults,
                Clock.systemUTC());
        models.addFamily(new WekaRidge());
        models.addLibrary(new TechnicalLibrary());
        Path bars = dir.resolve("apple.csv");
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("appleinc_bars_from_20130101_usd.csv")) {
            Files.copy(in, bars);
        }
        spec = dir.resolve("ridge.properties");
        Files.writeString(spec, String.join("\n", "experiment = scheduled", "family = weka-ridge",
                "factors = RSI_14, ROC_10, CLOSE_SMA_20", "bars = " + bars, "instrument = AAPL.NASDAQ", "folds = 2",
                "register = nightly-ridge"));
        Gateways gateways = new Gateways(() -> null).withTraining(() -> models);
        runtime = new CamelRuntime(getClass().getClassLoader(), gateways, Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        runtime.close();
    }

    @Test
    void aTimerRouteTrainsOnItsScheduleAndTheResultFlowsOn() throws Exception {
        Path routes = Files.createDirectories(dir.resolve("routes"));
        Files.writeString(routes.resolve("nightly.yaml"), """
                - route:
                    id: nightly-training
                    from:
                      uri: "timer:nightly"
                      parameters:
                        delay: 100
                        repeatCount: 2
                      steps:
                        - to: "nautilus:train?spec=%s"
                        - to: "seda:trained"
                """.formatted(spec));
        runtime.watch(routes, Duration.ofSeconds(10));
        ConsumerTemplate consumer = runtime.context().createConsumerTemplate();
        Exchange first = consumer.receive("seda:trained", 60_000);
        Exchange second = consumer.receive("seda:trained", 60_000);
        assertThat(first).isNotNull();
        assertThat(second).isNotNull();
        assertThat(first.getMessage().getHeader(TrainEndpoint.MODEL)).isEqualTo("nightly-ridge");
        assertThat(first.getMessage().getHeader(TrainEndpoint.VERSION)).isEqualTo(1);
        assertThat(second.getMessage().getHeader(TrainEndpoint.VERSION)).isEqualTo(2);
        String run = first.getMessage().getHeader(TrainEndpoint.RUN, String.class);
        assertThat(models.run(run).orElseThrow().status()).isEqualTo(RunStatus.FINISHED);
        assertThat(first.getMessage().getBody(TrainingResult.class).run().id()).isEqualTo(run);
        assertThat(models.runs(new RunQuery("scheduled", null, null, null, true, 0))).hasSize(2);
    }

    @Test
    void aDirectRouteTrainsTheSpecOfItsHeaderAndABadSpecFailsTheExchange() throws Exception {
        Path routes = Files.createDirectories(dir.resolve("routes"));
        Files.writeString(routes.resolve("on-demand.yaml"), """
                - route:
                    id: train-on-demand
                    from:
                      uri: "direct:train"
                      steps:
                        - to: "nautilus:train"
                """);
        runtime.watch(routes, Duration.ofSeconds(10));
        ProducerTemplate producer = runtime.context().createProducerTemplate();
        await(() -> runtime.context().getRoute("train-on-demand") != null);
        TrainingResult result = producer.requestBodyAndHeader("direct:train", null, TrainEndpoint.SPEC, spec.toString(),
                TrainingResult.class);
        assertThat(result.version().model()).isEqualTo("nightly-ridge");

        assertThatThrownBy(() -> producer.requestBody("direct:train", (Object) null))
                .hasRootCauseMessage("nautilus://train: no spec: give ?spec=FILE or the header NautilusTrainingSpec");
        Path bad = dir.resolve("bad.properties");
        Files.writeString(bad, "family = weka-ridge\n");
        assertThatThrownBy(
                () -> producer.requestBodyAndHeader("direct:train", null, TrainEndpoint.SPEC, bad.toString()))
                        .rootCause().hasMessageContaining("experiment is missing");
        assertThat(models.runs(RunQuery.all())).allMatch(r -> r.status() == RunStatus.FINISHED);
    }

    private static void await(BooleanSupplier condition) {
        Await.until("the condition", Duration.ofSeconds(10), condition);
    }
}
