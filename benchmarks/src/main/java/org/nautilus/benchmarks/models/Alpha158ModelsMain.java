package org.nautilus.benchmarks.models;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nautilus.api.research.FittedModel;
import org.nautilus.api.research.LabelledMatrix;
import org.nautilus.api.research.dataset.DataSource;
import org.nautilus.api.research.dataset.DatasetRequest;
import org.nautilus.api.research.dataset.PanelDataset;
import org.nautilus.api.research.dataset.Processing;
import org.nautilus.factor.alpha158.internal.Alpha158Library;
import org.nautilus.model.lightgbm.internal.LightGbmModel;
import org.nautilus.research.internal.dataset.PanelBuilder;
import org.nautilus.research.internal.generated.GeneratedUniverse;
import org.nautilus.research.internal.generated.UniverseGenerator;
import org.nautilus.research.internal.stats.CrossSection;

/**
 * {@code benchmarks/run.sh models alpha158 [instruments] [days] [wekaRows]}: the training figure. A GENERATED
 * universe (default 800 instruments × 3,000 days, seeded, planted factors), Qlib's Alpha158 computed on it by the
 * expression engine into a point-in-time panel (robust z-score per date, clipped at 3, NaN to 0; Qlib's label),
 * LightGBM (100 iterations, 31 leaves, 2 threads) trained on every row, then its out-of-sample IC on a second
 * universe of the same generator (another seed) as a sanity check, single-row and 800-row predict latencies, and
 * a Weka random forest (100 trees, one thread) on the first {@code wekaRows} rows (0 to skip).
 * Ends with {@code models-alpha158: VALUE s LightGBM training}. With a fourth argument {@code weka-only} the panel
 * only has to hold the sample: the forest alone is trained (the rows after the sample are its predict probe), ending
 * with {@code models-alpha158-weka: VALUE s Weka forest training}.
 */
public final class Alpha158ModelsMain {

    private Alpha158ModelsMain() {
    }

    public static void main(String[] args) throws Exception {
        int instruments = args.length > 0 ? Integer.parseInt(args[0]) : 800;
        int days = args.length > 1 ? Integer.parseInt(args[1]) : 3_000;
        int wekaRows = args.length > 2 ? Integer.parseInt(args[2]) : 0;
        boolean wekaOnly = args.length > 3 && args[3].equals("weka-only");
        if (args.length > 3 && !wekaOnly) {
            throw new IllegalArgumentException("the fourth argument can only be 'weka-only', not '" + args[3] + "'");
        }
        if (wekaOnly && wekaRows <= 0) {
            throw new IllegalArgumentException("weka-only needs a Weka sample size (wekaRows > 0)");
        }
        System.out.printf(Locale.ROOT, "%d cores, %s %s, max heap %d MB, OMP_WAIT_POLICY=%s%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
                System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20,
                System.getenv("OMP_WAIT_POLICY"));

        long t0 = System.nanoTime();
        LabelledMatrix train = alpha158(1, instruments, days);
        double panelSeconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "alpha158 panel: %d rows x %d features (generated %d x %d, seed 1) in %.1f s%n",
                train.rows(), train.featureNames().size(), instruments, days, panelSeconds);

        if (wekaOnly) {
            // predicted on rows it was not trained on where the panel has them
            double[][] probe = train.rows() > wekaRows
                    ? Arrays.copyOfRange(train.features(), wekaRows, train.rows())
                    : train.features();
            ModelsMain.WekaTimed weka = ModelsMain.wekaForestTimed(train, wekaRows, probe);
            System.out.println("(checksum " + weka.checksum() + ")");
            System.out.printf(Locale.ROOT, "models-alpha158-weka: %.1f s Weka forest training%n", weka.seconds());
            return;
        }

        Path natives = Files.createTempDirectory("nautilus-bench-lightgbm");
        Map<String, String> params = Map.of("iterations", "100", "leaves", "31", "num.threads", "2");
        long t1 = System.nanoTime();
        FittedModel booster = new LightGbmModel(2, natives).fit(train, params, 7);
        double trainSeconds = (System.nanoTime() - t1) / 1e9;
        System.out.printf(Locale.ROOT, "lightgbm training: %d rows x %d features, 100 iterations, 2 threads: %.1f s%n",
                train.rows(), train.featureNames().size(), trainSeconds);

        LabelledMatrix weka = wekaRows > 0 ? new LabelledMatrix(train.featureNames(), train.targetName(),
                Arrays.copyOfRange(train.features(), 0, wekaRows), Arrays.copyOfRange(train.targets(), 0, wekaRows))
                : null;
        train = null; // the test universe needs the memory
        LabelledMatrix test = alpha158(2, Math.min(instruments, 200), Math.min(days, 1_000));
        double[] predicted = booster.predict(test.features());
        System.out.printf(Locale.ROOT,
                "  out-of-sample on another generated universe (seed 2, %d rows): pooled IC %.4f, "
                        + "rank IC %.4f%n",
                test.rows(), CrossSection.pearson(predicted, test.targets(), 0, predicted.length),
                CrossSection.spearman(predicted, test.targets(), 0, predicted.length));
        double sink = ModelsMain.predictLatencies(booster, test.features());
        if (weka != null) {
            sink += ModelsMain.wekaForest(weka, wekaRows, test.features());
        }
        System.out.println("(checksum " + sink + ")");
        System.out.printf(Locale.ROOT, "models-alpha158: %.1f s LightGBM training%n", trainSeconds);
    }

    /** Alpha158 over a generated universe as a training set (rows without a label are left out by the builder). */
    static LabelledMatrix alpha158(long seed, int instruments, int days) {
        DataSource.Generated spec = new DataSource.Generated(seed, instruments, days, 4, 0.05, LocalDate.of(2010, 1, 4),
                true);
        DatasetRequest request = DatasetRequest.of(spec, new Alpha158Library().definitions())
                .withFeatureProcessing(List.of(new Processing.RobustZScore(3), new Processing.FillNaN(0)));
        GeneratedUniverse universe = UniverseGenerator.generate(spec);
        PanelDataset panel = PanelBuilder.build(request, PanelBuilder.histories(universe), null);
        return panel.toMatrix();
    }
}
