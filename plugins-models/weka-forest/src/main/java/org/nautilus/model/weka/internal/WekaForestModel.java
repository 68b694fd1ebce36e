package org.nautilus.model.weka.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.nautilus.api.research.Dataset;
import org.nautilus.api.research.FittedModel;
import org.nautilus.api.research.Model;
import org.nautilus.api.research.ModelMetrics;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import weka.classifiers.trees.RandomForest;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instances;

/**
 * A Weka random forest regressor. {@link #fit} trains on the oldest 80 % of the rows and measures on the newest
 * 20 % (a chronological split: rows are in time order, and shuffling would let the model peek at the future).
 *
 * <p>Configuration edits apply live: the new settings are used from the next {@link #fit}, and the changed
 * service properties tell the research platform to retrain.
 */
@Component(service = Model.class, configurationPid = WekaForestModel.PID,
        property = Model.NAME_PROPERTY + "=" + WekaForestModel.NAME)
@Designate(ocd = WekaForestModel.Config.class)
public final class WekaForestModel implements Model {

    // No "-" in the PID: Karaf's FileInstall reads etc/a.b-c.cfg as factory PID a.b, instance c.
    static final String PID = "nautilus.model.weka.forest";
    static final String NAME = "weka-random-forest";
    /** Share of the rows, the newest, held out to measure the fit. */
    static final double HOLDOUT = 0.2;
    /** Fewer rows than this cannot be split into a useful training and test set. */
    static final int MIN_ROWS = 10;

    @ObjectClassDefinition(name = "Nautilus Weka random forest",
            description = "A Weka RandomForest regressor trained on the factor values.")
    public @interface Config {
        @AttributeDefinition(description = "Number of trees in the forest.", min = "1")
        int trees() default 100;

        @AttributeDefinition(description = "Random seed: the same data and seed grow the same forest.")
        int seed() default 1;

        @AttributeDefinition(name = "Max depth", description = "Maximum depth of each tree, 0 for unlimited.", min = "0")
        int max_depth() default 0;
    }

    private static final Logger LOG = LoggerFactory.getLogger(WekaForestModel.class);

    static {
        WekaRuntime.init();
    }

    private final Clock clock;
    private volatile ForestSettings settings;

    @Activate
    public WekaForestModel(Config config) {
        this(settings(config, ForestSettings.DEFAULT), Clock.systemUTC());
    }

    public WekaForestModel(ForestSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    @Modified
    void modified(Config config) {
        settings = settings(config, settings);
    }

    /** The configured settings, or {@code current} (with the error logged) if the configuration is invalid. */
    private static ForestSettings settings(Config config, ForestSettings current) {
        try {
            return new ForestSettings(config.trees(), config.seed(), config.max_depth());
        } catch (IllegalArgumentException e) {
            LOG.error("{}: {}; keeping trees={} seed={} max.depth={}", PID, e.getMessage(), current.trees(),
                    current.seed(), current.maxDepth());
            return current;
        }
    }

    ForestSettings settings() {
        return settings;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        ForestSettings s = settings;
        return "Weka RandomForest regression, " + s.trees() + " trees, max depth "
                + (s.maxDepth() == 0 ? "unlimited" : s.maxDepth()) + ", seed " + s.seed() + " (" + WekaRuntime.LIBRARY + ")";
    }

    /**
     * @throws IllegalArgumentException if the data has fewer than {@value #MIN_ROWS} rows or no features
     * @throws IllegalStateException    if Weka fails to train
     */
    @Override
    public FittedModel fit(Dataset data) {
        if (data.featureNames().isEmpty()) {
            throw new IllegalArgumentException(NAME + " needs at least one feature");
        }
        if (data.rows() < MIN_ROWS) {
            throw new IllegalArgumentException(NAME + " needs at least " + MIN_ROWS + " rows, got " + data.rows());
        }
        ForestSettings s = settings;
        int testRows = Math.max(1, (int) Math.round(data.rows() * HOLDOUT));
        int trainingRows = data.rows() - testRows;

        Instances header = header(data);
        Instances training = new Instances(header, trainingRows);
        double trainingMean = 0;
        for (int i = 0; i < trainingRows; i++) {
            training.add(row(data, i));
            trainingMean += data.targets()[i];
        }
        trainingMean /= trainingRows;

        RandomForest forest = new RandomForest();
        forest.setNumIterations(s.trees());
        forest.setSeed(s.seed());
        forest.setMaxDepth(s.maxDepth());
        forest.setNumExecutionSlots(1); // the training thread is the research bundle's; do not fan out further
        try {
            forest.buildClassifier(training);
        } catch (Exception e) {
            throw new IllegalStateException(NAME + ": Weka could not train: " + e.getMessage(), e);
        }

        double[] predicted = new double[testRows];
        double[] actual = new double[testRows];
        Instances test = new Instances(header, testRows);
        for (int i = 0; i < testRows; i++) {
            test.add(row(data, trainingRows + i));
            actual[i] = data.targets()[trainingRows + i];
            try {
                predicted[i] = forest.classifyInstance(test.instance(i));
            } catch (Exception e) {
                throw new IllegalStateException(NAME + ": Weka could not predict a test row: " + e.getMessage(), e);
            }
        }
        ModelMetrics metrics = new ModelMetrics(NAME, WekaRuntime.LIBRARY, data.featureNames(), trainingRows,
                testRows, HoldoutMetrics.of(predicted, actual, trainingMean), clock.instant());
        return new WekaFittedModel(header, forest, metrics);
    }

    private static Instances header(Dataset data) {
        ArrayList<Attribute> attributes = new ArrayList<>();
        List<String> names = data.featureNames();
        for (String name : names) {
            attributes.add(new Attribute(name));
        }
        attributes.add(new Attribute(data.targetName()));
        Instances header = new Instances(NAME, attributes, 0);
        header.setClassIndex(names.size());
        return header;
    }

    private static DenseInstance row(Dataset data, int i) {
        double[] features = data.features()[i];
        double[] values = new double[features.length + 1];
        System.arraycopy(features, 0, values, 0, features.length);
        values[features.length] = data.targets()[i];
        return new DenseInstance(1.0, values);
    }
}
