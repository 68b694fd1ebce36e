package org.nautilus.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.nautilus.api.audit.AuditCategory;
import org.nautilus.api.audit.AuditEntry;
import org.nautilus.api.audit.AuditQuery;
import org.nautilus.api.audit.AuditService;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.marketdata.Bar;
import org.nautilus.api.marketdata.BarSpec;
import org.nautilus.api.marketdata.MarketDataService;
import org.nautilus.api.research.FactorInfo;
import org.nautilus.api.research.FactorService;
import org.nautilus.api.research.FittedModel;
import org.nautilus.api.research.signal.Signal;
import org.nautilus.api.research.signal.SignalBatch;
import org.nautilus.api.research.signal.SignalListener;
import org.nautilus.api.research.signal.SignalService;
import org.nautilus.api.research.tracking.ModelRegistry;
import org.nautilus.api.research.tracking.Run;
import org.nautilus.api.research.tracking.RunQuery;
import org.nautilus.api.research.tracking.TrackingService;
import org.nautilus.api.routes.RouteService;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceRegistration;

/**
 * Models in the running distribution: a LightGBM and a Weka forest trained on the shipped Apple bars through
 * {@code nautilus:train}, the runs listed, versions registered and promoted from the shell (audited), signals
 * flowing to a {@link SignalListener} as the replayed Apple bars close (equal to the registered model's prediction
 * from the live factor values), a second LightGBM version promoted mid-replay and swapped in between batches, and
 * the Weka plugin stopped: its model stops serving while LightGBM goes on.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ModelsIT extends NautilusTestSupport {

    private static final InstrumentId APPLE = InstrumentId.of("AAPL.NASDAQ");
    private static final BarSpec DAY = BarSpec.time(Duration.ofDays(1));

    @Configuration
    public Option[] config() {
        return distribution();
    }

    @Test
    public void trainRegisterPromoteServeSwapAndRemoveAPlugin() throws Exception {
        TrackingService tracking = service(TrackingService.class, null);
        ModelRegistry registry = service(ModelRegistry.class, null);
        SignalService signals = service(SignalService.class, null);
        FactorService factors = service(FactorService.class, null);
        MarketDataService marketData = service(MarketDataService.class, null);
        RouteService routes = service(RouteService.class, null);
        await("the lightgbm and weka families", STARTUP, () -> executeCommand("nautilus:models"),
                out -> out.contains("lightgbm") && out.contains("weka-random-forest") && out.contains("weka-m5p"));
        // The specs' factors come from the technical library, which may register after the model families.
        await("the technical factors", STARTUP,
                () -> factors.factors().stream().map(FactorInfo::name).toList(),
                names -> names.contains("RSI_14") && names.contains("WILLR_14"));

        String lgbm = executeCommand("nautilus:train etc/models/aapl-lightgbm.properties");
        assertTrue(lgbm, lgbm.contains("fold 3/3") && lgbm.contains("registered aapl-lgbm version 1"));
        assertTrue(lgbm, lgbm.contains("permutation importance (IC lost with the feature shuffled, mean of 3 folds)"));
        String forest = executeCommand("nautilus:train etc/models/aapl-weka-forest.properties");
        assertTrue(forest, forest.contains("registered aapl-forest version 1"));
        // A second LightGBM version: more trees.
        Path spec = Path.of(System.getProperty("karaf.home"), "etc/models/aapl-lightgbm-2.properties");
        Files.writeString(spec,
                Files.readString(Path.of(System.getProperty("karaf.home"), "etc/models/aapl-lightgbm.properties"))
                        .replace("param.iterations = 50", "param.iterations = 80"));
        assertTrue(executeCommand("nautilus:train " + spec).contains("registered aapl-lgbm version 2"));

        List<Run> runs = tracking.runs(new RunQuery("aapl-daily", null, null, null, true, 0));
        assertEquals(3, runs.size());
        assertEquals(9, tracking.runs(new RunQuery("aapl-daily", null, null, null, false, 0)).size() - 3); // 3 folds each
        String listed = executeCommand("nautilus:runs -e aapl-daily");
        assertTrue(listed,
                listed.contains(runs.get(0).id()) && listed.contains("FINISHED") && listed.contains("correlation"));
        String shown = executeCommand("nautilus:runs " + runs.get(0).id());
        assertTrue(shown, shown.contains("sha256:") && shown.contains("fold-2") && shown.contains("model.bin")
                && shown.contains("permutation-importance.tsv"));
        String models = executeCommand("nautilus:models aapl-lgbm");
        assertTrue(models, models.contains("aapl-lgbm") && models.contains("nautilus-model-lightgbm"));

        List<SignalBatch> received = new CopyOnWriteArrayList<>();
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(SignalListener.SHADOW_PROPERTY, "true");
        ServiceRegistration<SignalListener> listener = bundleContext.registerService(SignalListener.class,
                received::add, props);
        try {
            String promoted = executeCommand("nautilus:model-promote aapl-lgbm 1 champion");
            assertTrue(promoted, promoted.contains("aapl-lgbm champion: version none -> 1 (by itest)"));
            executeCommand("nautilus:model-promote aapl-forest 1 champion");
            await("both champions served", Duration.ofSeconds(30), signals::served,
                    s -> s.stream().filter(m -> m.state().equals("SERVING")).count() == 2);

            routes.start("replay-apple-daily");
            await("LightGBM version 1 signals", Duration.ofSeconds(60), () -> batches(received, "aapl-lgbm"),
                    b -> !b.isEmpty());
            executeCommand("nautilus:model-promote aapl-lgbm 2 champion");
            await("LightGBM version 2 signals", Duration.ofSeconds(60), () -> batches(received, "aapl-lgbm"),
                    b -> b.get(b.size() - 1).version() == 2);

            Bundle weka = Arrays.stream(bundleContext.getBundles())
                    .filter(b -> "nautilus-model-weka-forest".equals(b.getSymbolicName())).findFirst().orElseThrow();
            weka.stop();
            await("the forest waiting for its family", Duration.ofSeconds(10), signals::served, s -> s.stream()
                    .anyMatch(m -> m.model().equals("aapl-forest") && m.state().equals("WAITING")));
            int forestBatches = batches(received, "aapl-forest").size();

            int bars = 252;
            await("every Apple bar replayed", Duration.ofSeconds(60), () -> marketData.bars(APPLE, DAY, 10_000).size(),
                    n -> n >= bars);
            List<Bar> replayed = marketData.bars(APPLE, DAY, 10_000);
            Instant last = replayed.get(replayed.size() - 1).end();
            await("the last bar's LightGBM signal", Duration.ofSeconds(30), () -> batches(received, "aapl-lgbm"),
                    b -> b.get(b.size() - 1).time().equals(last));

            List<SignalBatch> lgbmBatches = batches(received, "aapl-lgbm");
            // Swapped between batches: version 1 then version 2, each batch one version, no close skipped or repeated.
            int firstV2 = -1;
            for (int i = 0; i < lgbmBatches.size(); i++) {
                SignalBatch b = lgbmBatches.get(i);
                assertTrue(
                        b.signals().stream().allMatch(s -> s.version() == b.version() && s.instrument().equals(APPLE)));
                if (b.version() == 2 && firstV2 < 0) {
                    firstV2 = i;
                }
                assertEquals("version of batch " + i, firstV2 < 0 ? 1 : 2, b.version());
            }
            assertTrue("version 1 batches before the swap: " + firstV2, firstV2 > 0);
            List<Instant> times = lgbmBatches.stream().map(SignalBatch::time).toList();
            List<Instant> ends = replayed.stream().map(Bar::end).toList();
            int from = ends.indexOf(times.get(0));
            assertEquals("one batch per close from the first served one", ends.subList(from, ends.size()), times);
            // The forest stopped with its plugin.
            assertEquals(forestBatches, batches(received, "aapl-forest").size());

            // The last signal is the registered model's prediction from the live factor values of that close.
            FittedModel v2 = registry.load("aapl-lgbm", 2);
            double[] row = v2.features().stream()
                    .mapToDouble(f -> factors.latest(f, APPLE, DAY).orElseThrow().value()).toArray();
            Signal signal = signals.latest("aapl-lgbm", "champion", APPLE).orElseThrow();
            assertEquals(Double.doubleToRawLongBits(v2.predict(row)), Double.doubleToRawLongBits(signal.value()));
            String shownSignals = executeCommand("nautilus:signals");
            assertTrue(shownSignals,
                    shownSignals.contains("aapl-lgbm") && shownSignals.contains("WAITING (model family "
                            + "weka-random-forest is not deployed)"));

            // Promotions are audited with the user; a roll-back from the shell.
            List<AuditEntry> audit = service(AuditService.class, null).query(AuditQuery.all()).stream()
                    .filter(e -> e.category() == AuditCategory.MODEL).toList();
            assertEquals(3, audit.size());
            assertEquals("itest", audit.get(2).fields().get("user"));
            assertTrue(executeCommand("nautilus:model-rollback aapl-lgbm champion").contains("version 2 -> 1"));
            weka.start();
            await("the forest served again", Duration.ofSeconds(30), signals::served, s -> s.stream()
                    .allMatch(m -> m.state().equals("SERVING")));
        } finally {
            listener.unregister();
        }
    }

    private static List<SignalBatch> batches(List<SignalBatch> received, String model) {
        List<SignalBatch> result = new ArrayList<>();
        for (SignalBatch b : received) {
            if (b.model().equals(model) && b.alias().equals("champion")) {
                result.add(b);
            }
        }
        return result;
    }
}
