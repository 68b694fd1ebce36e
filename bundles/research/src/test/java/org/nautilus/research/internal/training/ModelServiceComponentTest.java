package org.nautilus.research.internal.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Reader;
import java.lang.annotation.Annotation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.research.FactorInfo;
import org.nautilus.api.research.FactorService;
import org.nautilus.api.research.FactorValue;
import org.nautilus.api.research.ModelInfo;
import org.nautilus.factor.technical.internal.RsiFactor;
import org.nautilus.model.weka.internal.ForestSettings;
import org.nautilus.model.weka.internal.WekaForestModel;
import org.nautilus.research.internal.ResearchConfig;
import org.nautilus.research.internal.support.Bars;

/** The model registry component without OSGi: what DS would call, in the order DS calls it. */
class ModelServiceComponentTest {

    private static final InstrumentId AAPL = InstrumentId.of("AAPL");

    @TempDir
    Path dir;
    private final Map<String, FactorValue> live = new ConcurrentHashMap<>();
    private final WekaForestModel forest = new WekaForestModel(new ForestSettings(20, 1, 0), Clock.systemUTC());
    private ModelServiceComponent component;

    @AfterEach
    void stop() {
        if (component != null) {
            component.deactivate();
        }
    }

    @Test
    void trainsAtStartUpOnTheConfiguredBarsAndPredictsFromLiveFactorValues() throws IOException {
        component = new ModelServiceComponent(factorService(), config(appleCsv().toString()));
        component.addModel(forest);
        ModelInfo waiting = await(info -> info.status().equals(ModelRegistry.WAITING_FOR_DATA));
        assertThat(waiting.detail()).isEqualTo("no factors registered");

        RsiFactor rsi = new RsiFactor(14);
        component.addFactor(rsi);
        ModelInfo ready = await(info -> info.status().equals(ModelRegistry.READY));
        assertThat(ready.metrics().features()).containsExactly("rsi-14");
        assertThat(ready.metrics().trainingRows() + ready.metrics().testRows()).isEqualTo(237);
        assertThat(ready.metrics().metrics()).containsKeys("rmse", "mae", "correlation", "direction-accuracy");

        assertThat(component.predict("weka-random-forest", AAPL)).as("no live rsi-14 yet").isEmpty();
        live.put("rsi-14", new FactorValue("rsi-14", AAPL, 61.5, Instant.now()));
        assertThat(component.predict("weka-random-forest", AAPL)).isPresent();

        // The factor goes: the model retrains without it and has nothing to learn from.
        component.removeFactor(rsi);
        assertThat(await(info -> info.status().equals(ModelRegistry.WAITING_FOR_DATA)).detail())
                .isEqualTo("no factors registered");
        assertThat(component.predict("weka-random-forest", AAPL)).isEmpty();
    }

    @Test
    void aMissingFileIsWaitingForDataAndABadOneFailed() throws IOException {
        Path missing = dir.resolve("missing.csv");
        component = new ModelServiceComponent(factorService(), config(missing.toString()));
        component.addFactor(new RsiFactor(14));
        component.addModel(forest);
        ModelInfo waiting = await(info -> info.status().equals(ModelRegistry.WAITING_FOR_DATA));
        assertThat(waiting.detail()).isEqualTo("no training bars: " + missing
                + " does not exist (training.bars in etc/nautilus.research.cfg)");

        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "date,open,high,low,close,volume\n2013-01-02,1,2,1,1.5,10\n2013-01-03,1,2,1,oops,10\n");
        component.modified(config(bad.toString()));
        ModelInfo failed = await(info -> info.status().equals(ModelRegistry.FAILED));
        assertThat(failed.detail()).isEqualTo("cannot read training bars: " + bad + ":3: not a number: 'oops'");

        component.modified(config(appleCsv().toString()));
        await(info -> info.status().equals(ModelRegistry.READY));
    }

    @Test
    void placeholdersInTheConfiguredPath() {
        assertThat(Placeholders.resolve("${karaf.home}/samples/a.csv", key -> key.equals("karaf.home") ? "/opt/k" : null))
                .isEqualTo("/opt/k/samples/a.csv");
        assertThat(Placeholders.resolve("/data/a.csv", key -> null)).isEqualTo("/data/a.csv");
        assertThatThrownBy(() -> Placeholders.resolve("${karaf.home}/a.csv", key -> null))
                .hasMessage("${karaf.home} in '${karaf.home}/a.csv' is not set");
    }

    private ModelInfo await(Predicate<ModelInfo> condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        Optional<ModelInfo> info = component.model("weka-random-forest");
        while (info.isEmpty() || !condition.test(info.get())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("model state not reached: " + info);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            info = component.model("weka-random-forest");
        }
        return info.get();
    }

    private Path appleCsv() throws IOException {
        Path file = dir.resolve(Bars.APPLE_CSV);
        if (!Files.exists(file)) {
            try (Reader in = Bars.appleCsv()) {
                StringBuilder text = new StringBuilder();
                char[] buffer = new char[8192];
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    text.append(buffer, 0, n);
                }
                Files.writeString(file, text);
            }
        }
        return file;
    }

    private FactorService factorService() {
        return new FactorService() {
            @Override public List<FactorInfo> factors() { return List.of(); }
            @Override public List<FactorValue> latest() { return List.copyOf(live.values()); }
            @Override public Optional<FactorValue> latest(String factor, InstrumentId instrument) {
                return Optional.ofNullable(live.get(factor)).filter(v -> v.instrument().equals(instrument));
            }
            @Override public List<FactorValue> history(String factor, InstrumentId instrument) { return List.of(); }
        };
    }

    private static ResearchConfig config(String trainingBars) {
        return new ResearchConfig() {
            @Override public Class<? extends Annotation> annotationType() { return ResearchConfig.class; }
            @Override public String training_bars() { return trainingBars; }
            @Override public String training_instrument() { return "AAPL"; }
            @Override public String training_interval() { return "P1D"; }
            @Override public int bars_window() { return 200; }
            @Override public int history_size() { return 500; }
            @Override public int warmup_bars() { return 5000; }
            @Override public String instrument_groups() { return ""; }
            @Override public String factors_directory() { return "target/no-factor-files"; }
            @Override public long factors_poll_interval() { return 1000; }
        };
    }
}
