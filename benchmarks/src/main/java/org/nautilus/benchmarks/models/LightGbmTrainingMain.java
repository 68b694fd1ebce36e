package org.nautilus.benchmarks.models;

import com.microsoft.ml.lightgbm.PredictionType;
import com.sun.management.OperatingSystemMXBean;
import io.github.metarank.lightgbm4j.LGBMBooster;
import io.github.metarank.lightgbm4j.LGBMDataset;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.nautilus.api.research.FittedModel;
import org.nautilus.api.research.LabelledMatrix;
import org.nautilus.model.lightgbm.internal.LightGbmModel;
import org.nautilus.model.lightgbm.internal.NativeMatrix;
import org.nautilus.research.internal.stats.CrossSection;

/**
 * Where LightGBM's training time goes, in one process so the variants share the machine's load: the platform's
 * {@link LightGbmModel#fit} as shipped, then LightGBM directly with the dataset built from doubles or floats, row-wise
 * or column-wise histograms, 2 threads or 1, or "native" (floats written straight into LightGBM's buffer, as the
 * platform does since 2026-12-07 afternoon: {@link NativeMatrix}); dataset construction and boosting timed apart. Each variant in every
 * round, in alternating order (the load on a shared machine drifts). The platform trains as "native col-wise 2" does
 * (before 2026-12-07: as "double row-wise 2"). Each model's quality is measured on a holdout panel of 50,000 rows
 * drawn apart (seed 8): IC (Pearson of prediction and label) and MSE, so a faster variant shows what it costs.
 *
 * <p>Arguments: rows (200,000), features (158), iterations (100), variants (comma-separated, default all; a variant
 * may end in {@code :} and more LightGBM parameters, e.g. {@code native col-wise 2:max_bin=63}; {@code platform} may
 * end in {@code :} and the platform's parameters, e.g. {@code platform:bin.sample=50000}), rounds (2).
 */
public final class LightGbmTrainingMain {

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int features = args.length > 1 ? Integer.parseInt(args[1]) : 158;
        int iterations = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        String[] variants = args.length > 3 ? args[3].split(",")
                : new String[] {"platform", "double row-wise 2", "float row-wise 2", "double col-wise 2",
                        "float col-wise 2", "native col-wise 2", "double row-wise 1"};
        int rounds = args.length > 4 ? Integer.parseInt(args[4]) : 2;
        System.out.printf(Locale.ROOT, "%d cores; GENERATED panel %d x %d, %d iterations, 31 leaves%n",
                Runtime.getRuntime().availableProcessors(), rows, features, iterations);
        LabelledMatrix panel = ModelsMain.panel(rows, features, 7);
        LabelledMatrix holdout = ModelsMain.panel(HOLDOUT_ROWS, features, 8);
        LightGbmModel platform = new LightGbmModel(2, Files.createTempDirectory("nautilus-bench-lightgbm"));
        for (int round = 0; round < rounds; round++) {
            for (int v = 0; v < variants.length; v++) {
                String variant = variants[round % 2 == 0 ? v : variants.length - 1 - v].strip();
                if (variant.startsWith("platform")) {
                    Map<String, String> params = new HashMap<>(Map.of("iterations", Integer.toString(iterations),
                            "leaves", "31", "num.threads", "2"));
                    if (variant.contains(":")) {
                        for (String pair : variant.substring(variant.indexOf(':') + 1).strip().split("\\s+")) {
                            params.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
                        }
                    }
                    long t0 = System.nanoTime();
                    long cpu0 = OS.getProcessCpuTime();
                    FittedModel fitted = platform.fit(panel, params, 7);
                    double seconds = (System.nanoTime() - t0) / 1e9;
                    double cpu = (OS.getProcessCpuTime() - cpu0) / 1e9;
                    System.out.printf(Locale.ROOT, "%-20s total %6.2f s; process CPU %6.2f s; %s (load %.1f)%n",
                            variant, seconds, cpu, quality(fitted.predict(holdout.features()), holdout),
                            OS.getSystemLoadAverage());
                } else {
                    direct(panel, holdout, variant, iterations);
                }
            }
        }
    }

    private static final OperatingSystemMXBean OS = (OperatingSystemMXBean) ManagementFactory
            .getOperatingSystemMXBean();

    /** {@code variant} is e.g. {@code native col-wise 2}, optionally {@code :} and more LightGBM parameters. */
    private static void direct(LabelledMatrix panel, LabelledMatrix holdout, String variant, int iterations)
            throws Exception {
        String extra = variant.contains(":") ? " " + variant.substring(variant.indexOf(':') + 1).strip() : "";
        String name = variant.contains(":") ? variant.substring(0, variant.indexOf(':')).strip() : variant;
        boolean floats = name.startsWith("float");
        String params = "objective=regression verbosity=-1 deterministic=true seed=7 num_leaves=31 learning_rate=0.05"
                + (name.contains("col-wise") ? " force_col_wise=true" : " force_row_wise=true") + " num_threads="
                + name.substring(name.length() - 1) + extra;
        long cpu0 = OS.getProcessCpuTime();
        int rows = panel.rows();
        int columns = panel.featureNames().size();
        long t0 = System.nanoTime();
        LGBMDataset dataset;
        if (name.startsWith("native")) {
            dataset = NativeMatrix.dataset(panel.features(), columns, params);
        } else if (floats) {
            float[] matrix = new float[rows * columns];
            for (int i = 0; i < rows; i++) {
                double[] row = panel.features()[i];
                for (int f = 0; f < columns; f++) {
                    matrix[i * columns + f] = (float) row[f];
                }
            }
            dataset = LGBMDataset.createFromMat(matrix, rows, columns, true, params, null);
        } else {
            double[] matrix = new double[rows * columns];
            for (int i = 0; i < rows; i++) {
                System.arraycopy(panel.features()[i], 0, matrix, i * columns, columns);
            }
            dataset = LGBMDataset.createFromMat(matrix, rows, columns, true, params, null);
        }
        float[] labels = new float[rows];
        for (int i = 0; i < rows; i++) {
            labels[i] = (float) panel.targets()[i];
        }
        dataset.setField("label", labels);
        long t1 = System.nanoTime();
        long cpu1 = OS.getProcessCpuTime();
        LGBMBooster booster = LGBMBooster.create(dataset, params);
        for (int i = 0; i < iterations; i++) {
            if (booster.updateOneIter()) {
                break;
            }
        }
        long t2 = System.nanoTime();
        long cpu2 = OS.getProcessCpuTime();
        double[] holdoutRows = new double[holdout.rows() * columns];
        for (int i = 0; i < holdout.rows(); i++) {
            System.arraycopy(holdout.features()[i], 0, holdoutRows, i * columns, columns);
        }
        String quality = quality(booster.predictForMat(holdoutRows, holdout.rows(), columns, true,
                PredictionType.C_API_PREDICT_NORMAL), holdout);
        booster.close();
        dataset.close();
        System.out.printf(Locale.ROOT,
                "%-20s total %6.2f s: dataset %5.2f s, boosting %6.2f s; process CPU dataset %5.2f s, boosting %6.2f s;"
                        + " %s (load %.1f)%n",
                variant, (t2 - t0) / 1e9, (t1 - t0) / 1e9, (t2 - t1) / 1e9, (cpu1 - cpu0) / 1e9, (cpu2 - cpu1) / 1e9,
                quality, OS.getSystemLoadAverage());
    }

    private static final int HOLDOUT_ROWS = 50_000;

    /** Holdout IC (Pearson of prediction and label) and mean squared error. */
    private static String quality(double[] predicted, LabelledMatrix holdout) {
        double[] labels = holdout.targets();
        double squares = 0;
        for (int i = 0; i < labels.length; i++) {
            double e = predicted[i] - labels[i];
            squares += e * e;
        }
        return String.format(Locale.ROOT, "holdout IC %.5f, MSE %.7f", CrossSection.pearson(predicted, labels, 0,
                labels.length), squares / labels.length);
    }
}
