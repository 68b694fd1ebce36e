package org.nautilus.benchmarks.features;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.marketdata.Bar;
import org.nautilus.api.marketdata.BarSpec;
import org.nautilus.api.research.FactorValue;
import org.nautilus.api.research.FittedModel;
import org.nautilus.api.research.LabelledMatrix;
import org.nautilus.api.research.signal.SignalBatch;
import org.nautilus.api.research.tracking.ModelVersion;
import org.nautilus.api.research.tracking.RegisteredModel;
import org.nautilus.factor.alpha158.internal.Alpha158Library;
import org.nautilus.grid.internal.features.GridFeatureCache;
import org.nautilus.grid.internal.node.EmbeddedGrid;
import org.nautilus.grid.internal.node.GridSettings;
import org.nautilus.model.lightgbm.internal.LightGbmModel;
import org.nautilus.research.internal.features.CompiledLibrary;
import org.nautilus.research.internal.features.FeatureEngine;
import org.nautilus.research.internal.serving.CachedFeatures;
import org.nautilus.research.internal.serving.SignalServer;

/**
 * Signals for every instrument of a universe after a bar close, end to end in one process: each instrument's bar
 * goes into the feature engine (all 158 Alpha158 factors, the vector written to the Ignite feature cache on an
 * in-memory node), the engine tells the signal server (as the platform's writer thread does), the server reads each
 * instrument's features as it arrives and predicts its row with LightGBM (40 features; after the close's last bar only
 * that bar's row is left to predict), and the close's batch is published. Timed from the last instrument's bar of the close handed to the engine to the signal batch out
 * (the target), and from the first (which adds the engine's computing of the whole universe); the engine's time for
 * the close and the model's predict time are reported beside them, to show where the time goes. Not included: the
 * market-data gateway's hop onto the engine's thread, and the Camel route in front of it.
 *
 * <p>Arguments: instruments (800), warm-up days (300), measured closes (50).
 */
public final class SignalsMain {

    private static final BarSpec DAILY = BarSpec.time(Duration.ofDays(1));

    public static void main(String[] args) throws Exception {
        int instruments = args.length > 0 ? Integer.parseInt(args[0]) : 800;
        int warm = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        int closes = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        int days = warm + closes;
        System.out.printf(Locale.ROOT, "%d cores, %s %s; %d GENERATED instruments, %d warm-up days, %d measured"
                + " closes; Alpha158 into the feature cache, LightGBM on 40 of its factors%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
                System.getProperty("java.version"), instruments, warm, closes);
        List<List<Bar>> bars = new ArrayList<>();
        for (int i = 0; i < instruments; i++) {
            bars.add(GeneratedBars.bars(InstrumentId.of(String.format(Locale.ROOT, "GEN%04d", i)),
                    GeneratedBars.instrument(i, days)));
        }
        CompiledLibrary library = CompiledLibrary.compile(new Alpha158Library());
        // 40 factors that have values on these bars (they have no VWAP: the VWAP factors are NaN)
        List<String> features = library.program().names().stream().filter(n -> !n.contains("VWAP")).limit(40)
                .toList();
        FittedModel lightgbm = new LightGbmModel(1, Files.createTempDirectory("nautilus-signals-lightgbm"))
                .fit(randomDataset(features), Map.of("iterations", "100", "leaves", "31", "num.threads", "1"), 7);
        TimedModel model = new TimedModel(lightgbm);
        ModelVersion version = new ModelVersion("bench", 1, "run-1", model.family(), features, "none", Map.of(),
                Instant.now());
        RegisteredModel registered = new RegisteredModel("bench", List.of(version), Map.of("champion", 1));

        Path work = Files.createTempDirectory("nautilus-signals-bench");
        GridSettings settings = GridSettings.localNode("signals-bench", work, 49970, 49980).withPersistence(false);
        try (EmbeddedGrid grid = EmbeddedGrid.start(settings, SignalsMain.class.getClassLoader());
                GridFeatureCache cache = new GridFeatureCache(grid)) {
            FeatureEngine engine = new FeatureEngine((instrument, spec, limit) -> List.of(), 200, 10, 5000);
            engine.addLibrary(library, library);
            engine.startLibrary(library);
            engine.cache(cache, 50);
            CachedFeatures cached = new CachedFeatures(cache, engine::latest);
            cached.libraries(engine.factors());
            LinkedBlockingQueue<long[]> out = new LinkedBlockingQueue<>();
            SignalServer server = new SignalServer(new SignalServer.Platform() {
                @Override
                public List<RegisteredModel> models() {
                    return List.of(registered);
                }

                @Override
                public FittedModel load(String name, int v) {
                    return model;
                }

                @Override
                public boolean deployed(String family) {
                    return true;
                }

                @Override
                public String interval(ModelVersion v) {
                    return "P1D";
                }

                @Override
                public Optional<FactorValue> feature(String factor, InstrumentId instrument, BarSpec spec) {
                    return engine.latest(factor, instrument, spec);
                }

                @Override
                public Map<String, Double> features(Set<String> names, InstrumentId instrument, BarSpec spec,
                        Instant end) {
                    return cached.features(names, instrument, spec, end);
                }
            }, List.of("champion"), (SignalBatch batch) -> out.add(new long[] {System.nanoTime(),
                    batch.signals().size(), batch.time().getEpochSecond(), batch.missing().size()}));
            server.refresh();
            for (int d = 0; d < warm; d++) {
                close(engine, server, bars, d);
            }
            drain(out, warm);
            long[] latency = new long[closes];
            long[] fromLast = new long[closes];
            long[] engineNanos = new long[closes];
            long[] predictNanos = new long[closes];
            long[] signals = new long[closes];
            int[] batches = new int[closes];
            long missing = 0;
            for (int c = 0; c < closes; c++) {
                int d = warm + c;
                long t0 = System.nanoTime();
                long lastIn = close(engine, server, bars, d);
                engineNanos[c] = lastIn - t0;
                // the server may score a close in several batches (whatever is queued when it wakes): the close
                // is served when every instrument's signal is out
                long expected = bars.get(0).get(d).end().getEpochSecond();
                long lastOut = 0;
                while (signals[c] < instruments) {
                    long[] batch = out.poll(2, TimeUnit.SECONDS);
                    if (batch == null) {
                        break; // some instruments had an incomplete row: measured up to the last batch
                    }
                    if (batch[2] == expected) {
                        signals[c] += batch[1];
                        missing += batch[3];
                        lastOut = batch[0];
                        batches[c]++;
                    }
                }
                latency[c] = lastOut - t0;
                fromLast[c] = lastOut - lastIn;
                predictNanos[c] = model.last;
            }
            server.close();
            System.out.printf(Locale.ROOT, "signals per close: %d of %d instruments (min %d), in %d to %d batches,"
                    + " %d missing named in all%n", Arrays.stream(signals).max().orElse(0), instruments,
                    Arrays.stream(signals).min().orElse(0), Arrays.stream(batches).min().orElse(0),
                    Arrays.stream(batches).max().orElse(0), missing);
            print("first bar in -> signal batch out", latency);
            print("engine, first bar in -> last bar computed", engineNanos);
            print("last bar in -> signal batch out (target 20 ms)", fromLast);
            print("LightGBM, the close's last predict call (the last row, or a batch)", predictNanos);
            long[] sorted = fromLast.clone();
            Arrays.sort(sorted);
            System.out.printf(Locale.ROOT, "signals: %.2f ms%n", sorted[closes / 2] / 1e6);
        }
    }

    private static void print(String what, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        System.out.printf(Locale.ROOT, "%s: median %.2f ms, p90 %.2f ms, max %.2f ms%n", what, sorted[n / 2] / 1e6,
                sorted[(int) (n * 0.9)] / 1e6, sorted[n - 1] / 1e6);
    }

    /**
     * One close: every instrument's bar into the engine, each followed by the serving notification; returns when
     * the last instrument's bar was handed to the engine.
     */
    private static long close(FeatureEngine engine, SignalServer server, List<List<Bar>> bars, int day) {
        long lastIn = 0;
        for (List<Bar> series : bars) {
            Bar bar = series.get(day);
            lastIn = System.nanoTime();
            engine.onBar(DAILY, bar);
            server.featuresComputed(bar.instrumentId(), DAILY, bar.end());
        }
        return lastIn;
    }

    /**
     * The model, timing its predict calls: the last call of a close is what prediction costs after the close's last
     * bar (that bar's row, or a batch of rows the serving version had not predicted yet).
     */
    private static final class TimedModel implements FittedModel {
        private final FittedModel model;
        volatile long last;

        TimedModel(FittedModel model) {
            this.model = model;
        }

        @Override
        public double[] predict(double[][] rows) {
            long t0 = System.nanoTime();
            double[] out = model.predict(rows);
            last = System.nanoTime() - t0;
            return out;
        }

        @Override
        public double predict(double[] row) {
            long t0 = System.nanoTime();
            double out = model.predict(row);
            last = System.nanoTime() - t0;
            return out;
        }

        @Override
        public String family() {
            return model.family();
        }

        @Override
        public List<String> features() {
            return model.features();
        }

        @Override
        public void save(OutputStream out) throws IOException {
            model.save(out);
        }

        @Override
        public Map<String, Double> importance() {
            return model.importance();
        }
    }

    private static void drain(LinkedBlockingQueue<long[]> out, int closes) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        int seen = 0;
        while (seen < closes && System.nanoTime() < deadline) {
            if (out.poll(1, TimeUnit.SECONDS) != null) {
                seen++;
            }
        }
        out.clear();
    }

    private static LabelledMatrix randomDataset(List<String> features) {
        Random random = new Random(3);
        int rows = 20_000;
        double[][] x = new double[rows][features.size()];
        double[] y = new double[rows];
        for (int i = 0; i < rows; i++) {
            for (int f = 0; f < features.size(); f++) {
                x[i][f] = random.nextGaussian();
            }
            y[i] = 0.02 * x[i][0] + 0.05 * random.nextGaussian();
        }
        return new LabelledMatrix(features, "label", x, y);
    }
}
