package org.nautilus.benchmarks.methods;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.nautilus.api.research.dataset.DataSource;
import org.nautilus.api.research.dataset.DatasetRequest;
import org.nautilus.api.research.dataset.PanelDataset;
import org.nautilus.api.research.dataset.Processing;
import org.nautilus.api.research.dataset.Split;
import org.nautilus.api.research.dataset.SplitSpec;
import org.nautilus.api.research.evaluation.FactorEvaluation;
import org.nautilus.api.research.expression.FactorDefinition;
import org.nautilus.research.internal.dataset.PanelBuilder;
import org.nautilus.research.internal.dataset.Splits;
import org.nautilus.research.internal.evaluation.FactorEvaluator;
import org.nautilus.research.internal.generated.GeneratedUniverse;
import org.nautilus.research.internal.generated.UniverseGenerator;

/**
 * {@code benchmarks/run.sh methods [instruments] [days] [runs]}: the research methods on a GENERATED universe
 * (default 800 instruments × 3,500 days, 4 planted factors of IC 0.05): generating it, building a panel of 8
 * features (4 planted truths, vwap gap, 3 expressions) with z-score + fill and Qlib's label, evaluating one
 * factor, and cutting purged K-fold (5) and CPCV (6, 2) splits; each step timed per run (wall). Ends with
 * {@code methods: VALUE s generate} (the median run).
 */
public final class MethodsMain {

    private MethodsMain() {
    }

    public static void main(String[] args) {
        int instruments = args.length > 0 ? Integer.parseInt(args[0]) : 800;
        int days = args.length > 1 ? Integer.parseInt(args[1]) : 3_500;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        DataSource.Generated spec = new DataSource.Generated(1, instruments, days, 4, 0.05, LocalDate.of(2010, 1, 4),
                true);
        List<FactorDefinition> features = List.of(
                new FactorDefinition("P1", "planted_1", ""), new FactorDefinition("P2", "planted_2", ""),
                new FactorDefinition("P3", "planted_3", ""), new FactorDefinition("P4", "planted_4", ""),
                new FactorDefinition("VWAP_GAP", "$vwap/$close-1", ""),
                new FactorDefinition("MA5", "Mean($close,5)/$close", ""),
                new FactorDefinition("STD20", "Std($close,20)/$close", ""),
                new FactorDefinition("ROC10", "$close/Ref($close,10)-1", ""));
        DatasetRequest request = DatasetRequest.of(spec, features)
                .withFeatureProcessing(List.of(new Processing.ZScore(), new Processing.FillNaN(0)));
        System.out.printf(Locale.ROOT, "methods: %s; %d cores, %s %s, max heap %d MB%n", spec.canonical(),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
                System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20);
        List<Double> generateSeconds = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            long t0 = System.nanoTime();
            GeneratedUniverse universe = UniverseGenerator.generate(spec);
            long t1 = System.nanoTime();
            PanelDataset panel = PanelBuilder.build(request, PanelBuilder.histories(universe), null);
            long t2 = System.nanoTime();
            FactorEvaluation e = FactorEvaluator.evaluate("P1", panel, panel.featureColumn(0), 5);
            long t3 = System.nanoTime();
            List<Split> kFold = Splits.split(panel, new SplitSpec.PurgedKFold(5, 2));
            List<Split> cpcv = Splits.split(panel, new SplitSpec.CombinatorialPurged(6, 2, 2));
            long t4 = System.nanoTime();
            generateSeconds.add((t1 - t0) / 1e9);
            System.out.printf(Locale.ROOT, "run %d: generate %.2f s (%d bars, %d fundamentals, %d news); panel %.2f s "
                    + "(%d rows x %d features, digest %s); evaluate %.2f s (IC of planted 1 vs Qlib label %.4f"
                    + " ± %.4f, expected %.4f); splits %.2f s (%d + %d)%n", run, (t1 - t0) / 1e9,
                    universe.instruments().stream().mapToInt(GeneratedUniverse.Series::rows).sum(),
                    universe.fundamentals().size(), universe.news().size(), (t2 - t1) / 1e9, panel.rows(),
                    features.size(), panel.digest().substring(0, 12), (t3 - t2) / 1e9, e.ic().mean(),
                    e.ic().stdErr(), 0.05 * UniverseGenerator.PERSISTENCE, (t4 - t3) / 1e9, kFold.size(), cpcv.size());
        }
        List<Double> sorted = new ArrayList<>(generateSeconds);
        sorted.sort(null);
        System.out.printf(Locale.ROOT, "methods: %.2f s generate%n", sorted.get(sorted.size() / 2));
    }
}
