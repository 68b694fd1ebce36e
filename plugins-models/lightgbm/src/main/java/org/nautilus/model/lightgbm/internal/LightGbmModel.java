package org.nautilus.model.lightgbm.internal;

import io.github.metarank.lightgbm4j.LGBMBooster;
import io.github.metarank.lightgbm4j.LGBMDataset;
import io.github.metarank.lightgbm4j.LGBMException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.nautilus.api.research.FittedModel;
import org.nautilus.api.research.LabelledMatrix;
import org.nautilus.api.research.Model;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gradient-boosted regression trees with LightGBM (the model behind Qlib's published Alpha158 results).
 *
 * <p>Deterministic: LightGBM runs with {@code deterministic=true}, column-wise histograms and the run's seed, so
 * the same data, parameters, seed and thread count give the same trees. Column-wise histograms were the faster
 * layout on Alpha158-shaped data here (158 dense features; benchmarks/README.md, lightgbm-training), and the
 * training matrix goes to LightGBM as 32-bit floats (as Qlib hands it over): half the memory to copy and bin, the
 * bins LightGBM finds are the same up to float rounding. OpenMP's idle threads should sleep
 * ({@code OMP_WAIT_POLICY=PASSIVE}, set by {@code bin/setenv}); {@code num.threads} caps LightGBM's threads.
 */
@Component(service = Model.class, configurationPid = LightGbmModel.PID, property = Model.FAMILY_PROPERTY + "="
        + LightGbmModel.FAMILY)
@Designate(ocd = LightGbmModel.Config.class)
public final class LightGbmModel implements Model {

    static final String PID = "nautilus.model.lightgbm";
    static final String FAMILY = "lightgbm";
    static final String LIBRARY = "lightgbm 4.3.0 (lightgbm4j 4.3.0-1)";
    static final int MIN_ROWS = 10;

    @ObjectClassDefinition(name = "Nautilus LightGBM", description = "LightGBM gradient-boosted trees.")
    public @interface Config {
        @AttributeDefinition(name = "Threads", description = "Default num.threads (LightGBM's OpenMP threads).", min = "1")
        int threads() default 2;
    }

    private static final Logger LOG = LoggerFactory.getLogger(LightGbmModel.class);

    /** Our parameter names (dotted, like the rest of the platform) and LightGBM's. */
    private static final Map<String, String> NAMES = Map.ofEntries(Map.entry("iterations", "num_iterations"),
            Map.entry("learning.rate", "learning_rate"), Map.entry("leaves", "num_leaves"),
            Map.entry("max.depth", "max_depth"), Map.entry("min.data.in.leaf", "min_data_in_leaf"),
            Map.entry("feature.fraction", "feature_fraction"), Map.entry("bagging.fraction", "bagging_fraction"),
            Map.entry("bagging.freq", "bagging_freq"), Map.entry("lambda.l1", "lambda_l1"),
            Map.entry("lambda.l2", "lambda_l2"), Map.entry("max.bin", "max_bin"),
            Map.entry("bin.sample", "bin_construct_sample_cnt"), Map.entry("num.threads", "num_threads"));

    private final Map<String, String> defaults;

    @Activate
    public LightGbmModel(Config config) {
        this(config.threads(),
                Path.of(System.getProperty("karaf.data", System.getProperty("java.io.tmpdir")), "lightgbm"));
    }

    public LightGbmModel(int threads, Path nativeDirectory) {
        NativeLoader.load(nativeDirectory);
        Map<String, String> d = new TreeMap<>();
        d.put("iterations", "100");
        d.put("learning.rate", "0.05");
        d.put("leaves", "31");
        d.put("max.depth", "-1");
        d.put("min.data.in.leaf", "20");
        d.put("feature.fraction", "1.0");
        d.put("bagging.fraction", "1.0");
        d.put("bagging.freq", "0");
        d.put("lambda.l1", "0");
        d.put("lambda.l2", "0");
        // LightGBM's binning: histogram bins per feature, and the rows sampled to find their bounds (the sample's
        // size, not the row count, sets most of the dataset's construction time). 50,000 rows instead of LightGBM's
        // 200,000: dataset construction CPU -45 % at 200k x 158, holdout IC and MSE the same to 4 decimals
        // (benchmarks/README.md, 2026-12-07). Below 50,000 rows every row is the sample, as before.
        d.put("max.bin", "255");
        d.put("bin.sample", "50000");
        d.put("num.threads", Integer.toString(Math.max(1, threads)));
        this.defaults = Map.copyOf(d);
        LOG.info("LightGBM ready ({}), {} threads by default", LIBRARY, threads);
    }

    @Deactivate
    void deactivate() {
        NativeLoader.cleanUp();
    }

    @Override
    public String family() {
        return FAMILY;
    }

    @Override
    public String description() {
        return "LightGBM gradient-boosted regression trees (" + LIBRARY + ")";
    }

    @Override
    public String library() {
        return LIBRARY;
    }

    @Override
    public Map<String, String> defaultParameters() {
        return defaults;
    }

    /** LightGBM's parameter string: ours checked by name and as numbers, LightGBM's determinism settings added. */
    String parameterString(Map<String, String> parameters, long seed) {
        Map<String, String> merged = new LinkedHashMap<>(new TreeMap<>(defaults));
        for (Map.Entry<String, String> e : parameters.entrySet()) {
            if (!defaults.containsKey(e.getKey())) {
                throw new IllegalArgumentException(FAMILY + " has no parameter '" + e.getKey() + "'; it takes "
                        + new TreeMap<>(defaults).keySet());
            }
            String value = e.getValue().strip();
            try {
                Double.parseDouble(value);
            } catch (NumberFormatException ex) {
                throw new IllegalArgumentException(
                        FAMILY + ": " + e.getKey() + " must be a number, got '" + value + "'");
            }
            merged.put(e.getKey(), value);
        }
        if (Integer.parseInt(merged.get("iterations")) < 1) {
            throw new IllegalArgumentException(
                    FAMILY + ": iterations must be at least 1, got " + merged.get("iterations"));
        }
        StringBuilder text = new StringBuilder(
                "objective=regression verbosity=-1 deterministic=true force_col_wise=true");
        text.append(" seed=").append(seed);
        merged.forEach((name, value) -> text.append(' ').append(NAMES.get(name)).append('=').append(value));
        return text.toString();
    }

    @Override
    public FittedModel fit(LabelledMatrix data, Map<String, String> parameters, long seed) {
        String params = parameterString(parameters, seed);
        List<String> features = data.featureNames();
        if (features.isEmpty()) {
            throw new IllegalArgumentException(FAMILY + " needs at least one feature");
        }
        if (data.rows() < MIN_ROWS) {
            throw new IllegalArgumentException(FAMILY + " needs at least " + MIN_ROWS + " rows, got " + data.rows());
        }
        int columns = features.size();
        float[] labels = new float[data.rows()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = (float) data.targets()[i];
        }
        int iterations = (int) Double.parseDouble(parameterValue(parameters, "iterations"));
        try (LGBMDataset dataset = NativeMatrix.dataset(data.features(), columns, params)) {
            dataset.setField("label", labels);
            dataset.setFeatureNames(features.stream().map(LightGbmModel::lightGbmName).toArray(String[]::new));
            LGBMBooster booster = LGBMBooster.create(dataset, params);
            for (int i = 0; i < iterations; i++) {
                if (booster.updateOneIter()) {
                    break; // no further split improves the fit
                }
            }
            return new LightGbmFittedModel(booster, features);
        } catch (LGBMException e) {
            throw new IllegalStateException(FAMILY + ": LightGBM could not train: " + e.getMessage(), e);
        }
    }

    private String parameterValue(Map<String, String> parameters, String name) {
        return parameters.getOrDefault(name, defaults.get(name)).strip();
    }

    /** LightGBM refuses some characters in feature names; the model keeps ours, LightGBM gets a safe form. */
    private static String lightGbmName(String name) {
        return name.replaceAll("[^A-Za-z0-9_]", "_");
    }

    /**
     * The artifact: a first line {@value #HEADER}{@code name<TAB>name...} (our feature names: LightGBM's own are
     * sanitized), then LightGBM's text model.
     */
    static final String HEADER = "nautilus-lightgbm features=";

    @Override
    public FittedModel load(InputStream in) throws IOException {
        String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        int newline = text.indexOf('\n');
        if (!text.startsWith(HEADER) || newline < 0) {
            throw new IOException("not a saved " + FAMILY + " model (no '" + HEADER + "' line first)");
        }
        List<String> features = List.of(text.substring(HEADER.length(), newline).split("\t", -1));
        try {
            LGBMBooster booster = LGBMBooster.loadModelFromString(text.substring(newline + 1));
            int count = booster.getNumFeature();
            if (count != features.size()) {
                booster.close();
                throw new IOException("the LightGBM model has " + count + " features, its header "
                        + features.size());
            }
            return new LightGbmFittedModel(booster, features);
        } catch (LGBMException e) {
            throw new IOException("LightGBM could not read the model: " + e.getMessage(), e);
        }
    }
}
