package org.nautilus.model.lightgbm.internal;

import com.microsoft.ml.lightgbm.PredictionType;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_double;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_float;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_long_long;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_p_void;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_void;
import com.microsoft.ml.lightgbm.lightgbmlib;
import io.github.metarank.lightgbm4j.LGBMDataset;
import io.github.metarank.lightgbm4j.LGBMException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import sun.misc.Unsafe;

/**
 * Rows of doubles handed to LightGBM's native buffers in bulk: the training Dataset (the values written as 32-bit
 * floats straight into the buffer LightGBM bins, one pass and no Java copy) and batch predictions.
 *
 * <p>Why: lightgbm4j's {@code LGBMDataset.createFromMat} fills its native buffer with one JNI call per value
 * ({@code floatArray_setitem}), 363 M calls for Alpha158 over 2.3 M rows, and needs the whole matrix as a Java
 * {@code float[]} first (another 1.5 GB). Here one native buffer is allocated by LightGBM's own
 * {@code new_floatArray}, filled with {@link Unsafe#putFloat(long, float)} (an intrinsic store), handed to
 * {@code LGBM_DatasetCreateFromMat} and freed: the same call with the same bytes as lightgbm4j's path.
 * {@code LGBMDataset}'s constructor from a handle is package-private, so it is reached by reflection, once.
 */
public final class NativeMatrix {

    private static final Unsafe UNSAFE = unsafe();
    private static final Constructor<LGBMDataset> DATASET = datasetConstructor();

    private NativeMatrix() {
    }

    /**
     * @param rows       {@code rows.length} rows of {@code columns} values each (already checked by the caller)
     * @param parameters LightGBM's parameter string (binning, threads)
     */
    public static LGBMDataset dataset(double[][] rows, int columns, String parameters) throws LGBMException {
        long values = (long) rows.length * columns;
        SWIGTYPE_p_float buffer = lightgbmlib.new_floatArray(values);
        SWIGTYPE_p_p_void out = lightgbmlib.new_voidpp();
        try {
            SWIGTYPE_p_void pointer = lightgbmlib.float_to_voidp_ptr(buffer);
            long address = SWIGTYPE_p_void.getCPtr(pointer);
            if (address == 0) {
                throw new OutOfMemoryError("LightGBM could not allocate " + values * Float.BYTES + " bytes");
            }
            for (double[] row : rows) {
                for (int f = 0; f < columns; f++) {
                    UNSAFE.putFloat(address, (float) row[f]);
                    address += Float.BYTES;
                }
            }
            int result = lightgbmlib.LGBM_DatasetCreateFromMat(pointer, lightgbmlib.C_API_DTYPE_FLOAT32, rows.length,
                    columns, 1, parameters, null, out);
            if (result < 0) {
                throw new LGBMException(lightgbmlib.LGBM_GetLastError());
            }
            return DATASET.newInstance(lightgbmlib.voidpp_value(out));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("lightgbm4j's LGBMDataset(handle) could not be called", e);
        } finally {
            lightgbmlib.delete_floatArray(buffer);
            lightgbmlib.delete_voidpp(out);
        }
    }

    /**
     * LightGBM's batch prediction ({@code LGBM_BoosterPredictForMat}, rows as 64-bit doubles, spread over its OpenMP
     * threads) with the rows written into its input and the answers read from its output directly, where
     * lightgbm4j's {@code predictForMat} makes a JNI call per value each way (126,400 calls for 800 rows of Alpha158).
     *
     * @param booster LightGBM's booster handle
     * @param rows    rows of {@code columns} values each (already checked by the caller)
     */
    public static double[] predict(SWIGTYPE_p_void booster, double[][] rows, int columns) {
        SWIGTYPE_p_double input = lightgbmlib.new_doubleArray((long) rows.length * columns);
        SWIGTYPE_p_double output = lightgbmlib.new_doubleArray(rows.length);
        SWIGTYPE_p_long_long length = lightgbmlib.new_int64_tp();
        try {
            SWIGTYPE_p_void in = lightgbmlib.double_to_voidp_ptr(input);
            long address = SWIGTYPE_p_void.getCPtr(in);
            for (double[] row : rows) {
                UNSAFE.copyMemory(row, Unsafe.ARRAY_DOUBLE_BASE_OFFSET, null, address, (long) columns * Double.BYTES);
                address += (long) columns * Double.BYTES;
            }
            int result = lightgbmlib.LGBM_BoosterPredictForMat(booster, in, lightgbmlib.C_API_DTYPE_FLOAT64,
                    rows.length, columns, 1, PredictionType.C_API_PREDICT_NORMAL.getType(), 0, -1, "", length, output);
            if (result != 0) {
                throw new IllegalStateException("LightGBM failed to predict: " + lightgbmlib.LGBM_GetLastError());
            }
            if (lightgbmlib.int64_tp_value(length) != rows.length) {
                throw new IllegalStateException("LightGBM predicted " + lightgbmlib.int64_tp_value(length)
                        + " values for " + rows.length + " rows");
            }
            double[] predicted = new double[rows.length];
            UNSAFE.copyMemory(null, SWIGTYPE_p_void.getCPtr(lightgbmlib.double_to_voidp_ptr(output)), predicted,
                    Unsafe.ARRAY_DOUBLE_BASE_OFFSET, (long) rows.length * Double.BYTES);
            return predicted;
        } finally {
            lightgbmlib.delete_doubleArray(input);
            lightgbmlib.delete_doubleArray(output);
            lightgbmlib.delete_int64_tp(length);
        }
    }

    private static Unsafe unsafe() {
        try {
            Field field = Unsafe.class.getDeclaredField("theUnsafe");
            field.setAccessible(true);
            return (Unsafe) field.get(null);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static Constructor<LGBMDataset> datasetConstructor() {
        try {
            Constructor<LGBMDataset> constructor = LGBMDataset.class.getDeclaredConstructor(SWIGTYPE_p_void.class);
            constructor.setAccessible(true);
            return constructor;
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
