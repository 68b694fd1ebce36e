package org.nautilus.research.internal.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.marketdata.Bar;
import org.nautilus.api.marketdata.BarSpec;
import org.nautilus.api.research.FactorValue;
import org.nautilus.api.research.FittedModel;
import org.nautilus.api.research.signal.ServedModel;
import org.nautilus.api.research.signal.SignalBatch;
import org.nautilus.api.research.tracking.ModelVersion;
import org.nautilus.api.research.tracking.RegisteredModel;
import org.nautilus.factor.technical.internal.TechnicalLibrary;
import org.nautilus.model.weka.linear.internal.WekaRidge;
import org.nautilus.model.weka.m5p.internal.WekaM5P;
import org.nautilus.research.internal.features.CompiledLibrary;
import org.nautilus.research.internal.features.FeatureEngine;
import org.nautilus.research.internal.support.Bars;
import org.nautilus.research.internal.tracking.ModelsComponent;
import org.nautilus.research.internal.tracking.TrainingTestSupport;
import org.nautilus.testsupport.Await;

/**
 * Serving with the real pieces: models trained and registered through {@link ModelsComponent} on the Apple daily
 * bars, the live {@link FeatureEngine} computing the technical library on the same bars one by one, and the server
 * scoring each close: one batch per close and alias, every signal equal to the loaded model's prediction from the
 * engine's values; a promotion swaps between batches (none skipped, none mixed); a challenger scores in shadow;
 * a removed family stops serving.
 */
class SignalServerTest {

    private static final BarSpec DAY = BarSpec.time(Duration.ofDays(1));
    private static final InstrumentId AAPL = InstrumentId.of("AAPL");

    @TempDir
    Path dir;

    private ModelsComponent models;
    private FeatureEngine engine;
    private SignalServer server;
    private final List<SignalBatch> batches = new CopyOnWriteArrayList<>();
    private final Set<String> deployed = ConcurrentHashMap.newKeySet();

    @BeforeEach
    void setUp() throws Exception {
        models = TrainingTestSupport.models(dir);
        models.addFamily(new WekaRidge());
        models.addFamily(new WekaM5P());
        deployed.addAll(List.of("weka-ridge", "weka-m5p"));
        Path bars = dir.resolve("apple.csv");
        try (Reader in = Bars.appleCsv();
                Writer out = Files.newBufferedWriter(bars)) {
            in.transferTo(out);
        }
        for (String family : List.of("weka-ridge", "weka-m5p", "weka-ridge")) {
            Path spec = dir.resolve(family + ".properties");
            Files.writeString(spec,
                    "experiment = serve\nfamily = " + family + "\nfactors = RSI_14, BB_PCTB_20, ROC_10\n"
                            + "bars = " + bars + "\ninstrument = AAPL\nfolds = 1\nregister = aapl\nto = 2013-09-30\n");
            models.train(spec, line -> {});
        }
        engine = new FeatureEngine((instrument, spec, limit) -> List.of(), 200, 500);
        TechnicalLibrary technical = new TechnicalLibrary();
        CompiledLibrary compiled = CompiledLibrary.compile(technical);
        engine.addLibrary(technical, compiled);
        engine.startLibrary(compiled);
        server = new SignalServer(new SignalServer.Platform() {
            @Override
            public List<RegisteredModel> models() {
                return models.models();
            }

            @Override
            public FittedModel load(String model, int version) {
                return counted(models.load(model, version));
            }

            @Override
            public boolean deployed(String family) {
                return deployed.contains(family);
            }

            @Override
            public String interval(ModelVersion version) {
                return "P1D";
            }

            @Override
            public Optional<FactorValue> feature(String factor, InstrumentId instrument, BarSpec spec) {
                return engine.latest(factor, instrument, spec);
            }
        }, List.of("champion", "challenger"), batches::add);
    }

    /** Every predict call of the served models: "row" for one row, "batch N" for N rows. */
    private final List<String> predictCalls = new CopyOnWriteArrayList<>();

    private FittedModel counted(FittedModel model) {
        return new FittedModel() {
            @Override
            public String family() {
                return model.family();
            }

            @Override
            public List<String> features() {
                return model.features();
            }

            @Override
            public double predict(double[] row) {
                predictCalls.add("row");
                return model.predict(row);
            }

            @Override
            public double[] predict(double[][] rows) {
                predictCalls.add("batch " + rows.length);
                return model.predict(rows);
            }

            @Override
            public void save(OutputStream out) throws IOException {
                model.save(out);
            }
        };
    }

    @AfterEach
    void tearDown() {
        server.close();
        models.deactivate();
    }

    private void close(Bar bar) {
        engine.onBar(DAY, bar);
        server.featuresComputed(bar.instrumentId(), DAY, bar.end());
    }

    private static void await(BooleanSupplier condition) {
        Await.until("the condition", Duration.ofSeconds(10), condition);
    }

    private List<SignalBatch> champion() {
        return batches.stream().filter(b -> b.alias().equals("champion")).toList();
    }

    /** The newest champion batch (one read of the list: batches keep arriving). */
    private SignalBatch lastChampion() {
        List<SignalBatch> champion = champion();
        return champion.isEmpty() ? null : champion.get(champion.size() - 1);
    }

    private boolean lastChampionIs(Instant close) {
        SignalBatch last = lastChampion();
        return last != null && last.time().equals(close);
    }

    @Test
    void servesEachCloseOnceAndSwapsVersionsBetweenBatches() throws Exception {
        List<Bar> apple = Bars.apple();
        models.setAlias("aapl", "champion", 1, "alice");
        models.setAlias("aapl", "challenger", 2, "alice");
        server.refresh();
        assertThat(server.served())
                .extracting(ServedModel::alias, ServedModel::version, ServedModel::shadow, ServedModel::state)
                .containsExactly(Tuple.tuple("challenger", 2, true, "SERVING"),
                        Tuple.tuple("champion", 1, false, "SERVING"));

        FittedModel v1 = models.load("aapl", 1);
        for (int i = 0; i < 150; i++) {
            close(apple.get(i));
        }
        int warm = 150 - 50; // closes from the first with every feature (the longest lookback is 50 bars here)
        await(() -> champion().size() >= warm
                && lastChampionIs(apple.get(149).end()));
        SignalBatch last = lastChampion();
        double[] row = {engine.latest("RSI_14", AAPL, DAY).orElseThrow().value(),
                engine.latest("BB_PCTB_20", AAPL, DAY).orElseThrow().value(),
                engine.latest("ROC_10", AAPL, DAY).orElseThrow().value()};
        assertThat(last.signals()).singleElement().satisfies(s -> {
            assertThat(s.instrument()).isEqualTo(AAPL);
            assertThat(s.version()).isEqualTo(1);
            assertThat(Double.doubleToRawLongBits(s.value())).isEqualTo(Double.doubleToRawLongBits(v1.predict(row)));
        });
        assertThat(batches).anyMatch(b -> b.shadow() && b.alias().equals("challenger") && b.version() == 2);

        // Promote version 3 while bars keep closing: every close still gets one champion batch, of one version.
        // The last closes are held back until the promotion is done, so version 3 serves some whatever the timing.
        int heldBack = apple.size() - 20;
        Thread feeder = new Thread(() -> {
            for (int i = 150; i < heldBack; i++) {
                close(apple.get(i));
            }
        });
        feeder.start();
        models.setAlias("aapl", "champion", 3, "bob");
        server.refresh();
        feeder.join();
        for (int i = heldBack; i < apple.size(); i++) {
            close(apple.get(i));
        }
        await(() -> lastChampionIs(apple.get(apple.size() - 1).end()));

        List<SignalBatch> served = champion();
        List<Instant> times = served.stream().map(SignalBatch::time).toList();
        assertThat(times).doesNotHaveDuplicates().isSorted();
        int firstV3 = -1;
        for (int i = 0; i < served.size(); i++) {
            SignalBatch b = served.get(i);
            assertThat(b.signals()).allMatch(s -> s.version() == b.version());
            if (b.version() == 3 && firstV3 < 0) {
                firstV3 = i;
            }
        }
        assertThat(firstV3).isPositive();
        for (int i = 0; i < served.size(); i++) {
            assertThat(served.get(i).version()).isEqualTo(i < firstV3 ? 1 : 3);
        }
        // No gap: consecutive closes of the bar file from the first served one to the last.
        int start = apple.indexOf(apple.stream().filter(b -> b.end().equals(times.get(0))).findFirst().orElseThrow());
        assertThat(times).isEqualTo(apple.subList(start, apple.size()).stream().map(Bar::end).toList());
    }

    /**
     * Three instruments (the Apple bars under three names): each close is one batch of all three, scored once; a
     * close one of them misses goes out after the grace naming it, and the next close waits for it again.
     */
    @Test
    void aCloseOfTheUniverseIsOneBatchAndNamesWhatIsMissingAfterTheGrace() {
        List<Bar> apple = Bars.apple();
        List<InstrumentId> names = servedUnderThreeNames(apple, 80);
        assertThat(champion()).hasSizeGreaterThan(20).allSatisfy(b -> {
            assertThat(b.signals()).extracting(s -> s.instrument()).containsExactlyElementsOf(names);
            assertThat(b.missing()).isEmpty();
        });
        assertThat(champion().stream().map(SignalBatch::time).toList()).doesNotHaveDuplicates().isSorted();

        close(renamed(apple.get(80), names.get(0)));
        close(renamed(apple.get(80), names.get(1))); // AAPL.C misses this close
        await(() -> lastChampionIs(apple.get(80).end()));
        SignalBatch partial = lastChampion();
        assertThat(partial.signals()).extracting(s -> s.instrument()).containsExactly(names.get(0), names.get(1));
        assertThat(partial.missing()).containsExactly(names.get(2));

        for (InstrumentId name : names) {
            close(renamed(apple.get(81), name));
        }
        await(() -> lastChampionIs(apple.get(81).end()));
        assertThat(lastChampion().signals()).hasSize(3);
        assertThat(server.late()).isZero();
    }

    /**
     * Each row is predicted as it arrives whole, so a close's last bar leaves one row to predict, not the universe:
     * three instruments over 40 closes give one single-row prediction per signal published and no batch call.
     */
    @Test
    void rowsArePredictedAsTheyArriveSoTheLastBarLeavesOneRowToPredict() {
        servedUnderThreeNames(Bars.apple(), 40);
        long signals = champion().stream().mapToLong(b -> b.signals().size()).sum();
        assertThat(signals).isGreaterThan(30);
        assertThat(predictCalls).containsOnly("row").hasSize((int) signals);
    }

    /**
     * Serves version 1 as champion and closes the first {@code closes} Apple bars under three names, waiting for the
     * last close's batch; returns the names.
     */
    private List<InstrumentId> servedUnderThreeNames(List<Bar> apple, int closes) {
        List<InstrumentId> names = List.of(AAPL, InstrumentId.of("AAPL.B"), InstrumentId.of("AAPL.C"));
        models.setAlias("aapl", "champion", 1, "alice");
        server.refresh();
        for (int i = 0; i < closes; i++) {
            for (InstrumentId name : names) {
                close(renamed(apple.get(i), name));
            }
        }
        await(() -> lastChampionIs(apple.get(closes - 1).end()));
        return names;
    }

    private static Bar renamed(Bar bar, InstrumentId instrument) {
        return new Bar(instrument, bar.start(), bar.end(), bar.open(), bar.high(), bar.low(), bar.close(),
                bar.volume());
    }

    @Test
    void aRemovedFamilyStopsServingAndComesBack() throws Exception {
        List<Bar> apple = Bars.apple();
        models.setAlias("aapl", "champion", 2, "alice"); // weka-m5p
        server.refresh();
        for (int i = 0; i < 80; i++) {
            close(apple.get(i));
        }
        await(() -> lastChampionIs(apple.get(79).end()));

        deployed.remove("weka-m5p");
        server.familyRemoved("weka-m5p");
        assertThat(server.served()).singleElement().satisfies(s -> {
            assertThat(s.state()).isEqualTo("WAITING");
            assertThat(s.detail()).contains("weka-m5p is not deployed");
        });
        int before = champion().size();
        for (int i = 80; i < 100; i++) {
            close(apple.get(i));
        }
        Thread.sleep(300); // nothing may arrive; there is no event to wait for when nothing is published
        assertThat(champion()).hasSize(before);

        deployed.add("weka-m5p");
        server.refresh();
        close(apple.get(100));
        await(() -> champion().size() == before + 1);
        assertThat(champion().get(before).version()).isEqualTo(2);
    }
}
