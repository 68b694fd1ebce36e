package org.nautilus.api.research;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A model family (a Weka random forest, LightGBM, ...), published as an OSGi service with the property
 * {@code model.family=<family>}. The research platform fits it on datasets, tracks the runs, and serves the
 * fitted models it registers.
 *
 * <p>Fitting is deterministic: the same dataset, parameters and seed give a model whose predictions are the same
 * bit for bit, and {@link #load} of a saved model predicts the same bits as the model that was saved.
 *
 * @since 2.0
 */
@ConsumerType
public interface Model {

    /** Service property carrying the family name. */
    String FAMILY_PROPERTY = "model.family";

    /** Stable family name, e.g. {@code lightgbm}, {@code weka-random-forest}. */
    String family();

    String description();

    /** The library and version that fits it, e.g. {@code weka 3.8.7}; recorded with every run as its code version. */
    String library();

    /** What a fitted model's prediction means. @since 2.1 */
    enum Output {
        /** The forward return (the dataset's target) itself: a regressor. */
        RETURN,
        /** The probability in [0, 1] that the forward return is above 0: a direction classifier. */
        PROBABILITY_UP
    }

    /** What this family's predictions mean; training measures a classifier with accuracy, AUC and log-loss. */
    default Output output() {
        return Output.RETURN;
    }

    /** The parameters the family accepts with their defaults; {@link #fit} refuses any other name. */
    Map<String, String> defaultParameters();

    /**
     * Fits the family on every row of {@code data} (evaluation is the caller's: it passes the rows to fit on).
     *
     * @param parameters overrides of {@link #defaultParameters()}
     * @param seed       the random seed: the same data, parameters and seed give the same model
     * @throws IllegalArgumentException naming the problem if a parameter is unknown or malformed, or the data is
     *                                  too small to fit on
     */
    FittedModel fit(LabelledMatrix data, Map<String, String> parameters, long seed);

    /**
     * Loads a model saved by {@link FittedModel#save}.
     *
     * @throws IOException if the bytes are not a saved model of this family, or were written by another version
     *                     of its library that cannot read them
     */
    FittedModel load(InputStream in) throws IOException;
}
