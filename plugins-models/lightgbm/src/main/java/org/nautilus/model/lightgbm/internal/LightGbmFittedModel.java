package org.nautilus.model.lightgbm.internal;

import com.microsoft.ml.lightgbm.PredictionType;
import io.github.metarank.lightgbm4j.LGBMBooster;
import io.github.metarank.lightgbm4j.LGBMException;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.ref.Cleaner;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nautilus.api.research.FittedModel;

/**
 * A LightGBM booster. The artifact is LightGBM's own text model format (readable by LightGBM anywhere), which
 * round-trips every threshold and leaf value exactly. The native booster is freed when the model is no longer
 * reachable.
 */
final class LightGbmFittedModel implements FittedModel {

    private static final Cleaner CLEANER = Cleaner.create();

    private final LGBMBooster booster;
    private final List<String> features;
    private final Map<String, Double> importance;

    LightGbmFittedModel(LGBMBooster booster, List<String> features) {
        this.booster = booster;
        this.features = List.copyOf(features);
        Map<String, Double> gains = new LinkedHashMap<>();
        try {
            double[] values = booster.featureImportance(0, LGBMBooster.FeatureImportanceType.GAIN);
            for (int i = 0; i < values.length && i < this.features.size(); i++) {
                gains.put(this.features.get(i), values[i]);
            }
        } catch (LGBMException e) {
            throw new IllegalStateException("LightGBM: no feature importance: " + e.getMessage(), e);
        }
        this.importance = Collections.unmodifiableMap(gains);
        CLEANER.register(this, new Release(booster));
    }

    @Override
    public String family() {
        return LightGbmModel.FAMILY;
    }

    @Override
    public List<String> features() {
        return features;
    }

    @Override
    public double predict(double[] row) {
        check(row);
        try {
            return booster.predictForMatSingleRow(row, PredictionType.C_API_PREDICT_NORMAL);
        } catch (LGBMException e) {
            throw new IllegalStateException("LightGBM failed to predict: " + e.getMessage(), e);
        }
    }

    @Override
    public double[] predict(double[][] rows) {
        if (rows.length == 0) {
            return new double[0];
        }
        int columns = features.size();
        double[] matrix = new double[rows.length * columns];
        for (int i = 0; i < rows.length; i++) {
            check(rows[i]);
            System.arraycopy(rows[i], 0, matrix, i * columns, columns);
        }
        try {
            return booster.predictForMat(matrix, rows.length, columns, true, PredictionType.C_API_PREDICT_NORMAL);
        } catch (LGBMException e) {
            throw new IllegalStateException("LightGBM failed to predict: " + e.getMessage(), e);
        }
    }

    private void check(double[] row) {
        if (row.length != features.size()) {
            throw new IllegalArgumentException(LightGbmModel.FAMILY + " takes " + features.size() + " features "
                    + features + ", got " + row.length);
        }
    }

    @Override
    public Map<String, Double> importance() {
        return importance;
    }

    @Override
    public void save(OutputStream out) throws IOException {
        try {
            String model = booster.saveModelToString(0, 0, LGBMBooster.FeatureImportanceType.GAIN);
            out.write((LightGbmModel.HEADER + String.join("\t", features) + "\n" + model)
                    .getBytes(StandardCharsets.UTF_8));
        } catch (LGBMException e) {
            throw new IOException("LightGBM could not save the model: " + e.getMessage(), e);
        }
    }

    private record Release(LGBMBooster booster) implements Runnable {
        @Override
        public void run() {
            try {
                booster.close();
            } catch (LGBMException e) {
                // freeing failed: nothing more to do
            }
        }
    }
}
