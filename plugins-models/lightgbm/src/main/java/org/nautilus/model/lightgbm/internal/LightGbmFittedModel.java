package org.nautilus.model.lightgbm.internal;

import com.microsoft.ml.lightgbm.PredictionType;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_double;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_long_long;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_p_void;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_void;
import com.microsoft.ml.lightgbm.lightgbmlib;
import com.microsoft.ml.lightgbm.lightgbmlibConstants;
import io.github.metarank.lightgbm4j.LGBMBooster;
import io.github.metarank.lightgbm4j.LGBMException;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.ref.Cleaner;
import java.lang.reflect.Field;
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
 *
 * <p>One row goes through LightGBM's "fast" single-row path: its configuration is set up once per model and the row
 * is read in place from the Java array (JNI critical access), where lightgbm4j's {@code predictForMatSingleRow}
 * copies each value with a JNI call of its own and sets LightGBM's predictor up on every call (p50 2.9 against 7.8 µs,
 * p99 5.3 against 17 µs: benchmarks/README.md). Serving predicts each row as it arrives, so this is its path. A batch
 * goes through LightGBM's batch call, which spreads the rows over its OpenMP threads (a one-thread loop of fast
 * calls was slower for 800 rows when a second core was free), its rows copied in and answers out in bulk
 * ({@link NativeMatrix#predict}). Both sum the trees in the same order: the same bits.
 */
final class LightGbmFittedModel implements FittedModel {

    private static final Cleaner CLEANER = Cleaner.create();

    private final LGBMBooster booster;
    private final List<String> features;
    private final Map<String, Double> importance;
    /** LightGBM's single-row prediction set-up and output cells; used under this object's lock. */
    private final Native fast;

    LightGbmFittedModel(LGBMBooster booster, List<String> features) {
        this.booster = booster;
        this.features = List.copyOf(features);
        this.fast = Native.create(booster, this.features.size());
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
        CLEANER.register(this, new Release(booster, fast));
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
        synchronized (this) {
            return fast.predict(row);
        }
    }

    @Override
    public double[] predict(double[][] rows) {
        if (rows.length == 0) {
            return new double[0];
        }
        for (double[] row : rows) {
            check(row);
        }
        return NativeMatrix.predict(fast.booster(), rows, features.size());
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

    /**
     * The booster's native handle (batch predictions) and LightGBM's fast single-row prediction: its configuration
     * handle and the two output cells it writes.
     */
    private record Native(SWIGTYPE_p_void booster, SWIGTYPE_p_void config, SWIGTYPE_p_long_long length,
            SWIGTYPE_p_double result) {

        /** lightgbm4j 4.3.0-1 keeps the booster's native handle private; the fast path needs it. */
        static Native create(LGBMBooster booster, int columns) {
            SWIGTYPE_p_p_void handle;
            try {
                Field field = LGBMBooster.class.getDeclaredField("handle");
                field.setAccessible(true);
                handle = (SWIGTYPE_p_p_void) field.get(booster);
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw new IllegalStateException("LightGBM: this lightgbm4j has no booster handle to predict with: "
                        + e, e);
            }
            SWIGTYPE_p_p_void out = lightgbmlib.new_voidpp();
            try {
                int code = lightgbmlib.LGBM_BoosterPredictForMatSingleRowFastInit(lightgbmlib.voidpp_value(handle),
                        PredictionType.C_API_PREDICT_NORMAL.getType(), 0, -1,
                        lightgbmlibConstants.C_API_DTYPE_FLOAT64, columns, "", out);
                if (code != 0) {
                    throw new IllegalStateException("LightGBM could not prepare predictions: "
                            + lightgbmlib.LGBM_GetLastError());
                }
                return new Native(lightgbmlib.voidpp_value(handle), lightgbmlib.voidpp_value(out),
                        lightgbmlib.new_int64_tp(),
                        lightgbmlib.new_doubleArray(1));
            } finally {
                lightgbmlib.delete_voidpp(out);
            }
        }

        double predict(double[] row) {
            if (lightgbmlib.LGBM_BoosterPredictForMatSingleRowFastCriticalSWIG(row, config, length, result) != 0) {
                throw new IllegalStateException("LightGBM failed to predict: " + lightgbmlib.LGBM_GetLastError());
            }
            return lightgbmlib.doubleArray_getitem(result, 0);
        }

        void free() {
            lightgbmlib.LGBM_FastConfigFree(config);
            lightgbmlib.delete_int64_tp(length);
            lightgbmlib.delete_doubleArray(result);
        }
    }

    /** Frees the prediction set-up before the booster it points into. */
    private record Release(LGBMBooster booster, Native fast) implements Runnable {
        @Override
        public void run() {
            fast.free();
            try {
                booster.close();
            } catch (LGBMException e) {
                // freeing failed: nothing more to do
            }
        }
    }
}
