package org.nautilus.research.internal.training;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.research.FittedModel;
import org.nautilus.api.research.Model;
import org.nautilus.api.research.ModelInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registered models, their training state and their fitted versions.
 *
 * <p>{@link #train} runs on one training thread; registration and the queries are safe from any thread. A
 * model that is being retrained keeps serving its previous fit until the new one is ready.
 */
public final class ModelRegistry {

    public static final String WAITING_FOR_DATA = "WAITING_FOR_DATA";
    public static final String TRAINING = "TRAINING";
    public static final String READY = "READY";
    public static final String FAILED = "FAILED";

    private static final Logger LOG = LoggerFactory.getLogger(ModelRegistry.class);

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    /** Adds a model, not yet trained. A model with the name of a registered one replaces it. */
    public void add(Model model) {
        Entry entry = new Entry(model);
        entry.info = new ModelInfo(model.name(), model.description(), WAITING_FOR_DATA, "not trained yet", null);
        if (entries.put(model.name(), entry) != null) {
            LOG.warn("Model {} registered twice: the newer one replaces the older", model.name());
        }
    }

    public boolean remove(Model model) {
        Entry entry = entries.get(model.name());
        return entry != null && entry.model == model && entries.remove(model.name(), entry);
    }

    /** Notes that the named models will be trained soon (shown as TRAINING, "queued"). */
    public void queued(Collection<String> names) {
        for (String name : names) {
            Entry entry = entries.get(name);
            if (entry != null) {
                entry.state(TRAINING, "queued", entry.fit);
            }
        }
    }

    /** Names of the registered models. */
    public List<String> names() {
        return entries.keySet().stream().sorted().toList();
    }

    /**
     * Trains the named models (training thread) on the data {@code data} supplies, which is asked for once, and
     * only if a named model is registered.
     */
    public void train(Collection<String> names, Supplier<TrainingData> data) {
        List<Entry> targets = new ArrayList<>();
        for (String name : names) {
            Entry entry = entries.get(name);
            if (entry != null) {
                targets.add(entry);
            }
        }
        if (targets.isEmpty()) {
            return;
        }
        TrainingData training = data.get();
        for (Entry entry : targets) {
            train(entry, training);
        }
    }

    private void train(Entry entry, TrainingData training) {
        String name = entry.model.name();
        if (training.dataset() == null) {
            entry.state(training.status(), training.detail(), null);
            LOG.info("Model {} {}: {}", name, training.status(), training.detail());
            return;
        }
        entry.state(TRAINING, "fitting " + training.dataset().rows() + " rows of " + training.dataset().featureNames()
                + " from " + training.detail(), entry.fit);
        long started = System.nanoTime();
        FittedModel fitted;
        try {
            fitted = entry.model.fit(training.dataset());
        } catch (RuntimeException | LinkageError e) {
            // LinkageError: a plugin whose embedded library fails to load must not take the training thread down.
            String detail = e.getClass().getSimpleName() + ": " + e.getMessage();
            entry.state(FAILED, detail, null);
            LOG.warn("Model {} failed to train: {}", name, detail, e);
            return;
        }
        if (entries.get(name) != entry) {
            return; // the model went away while it trained
        }
        entry.state(READY, null, new Fit(fitted, training.dataset().featureNames()));
        LOG.info("Model {} trained in {} ms on {}: {}", name, (System.nanoTime() - started) / 1_000_000,
                training.detail(), fitted.metrics().metrics());
    }

    public List<ModelInfo> models() {
        List<ModelInfo> infos = new ArrayList<>();
        for (Entry entry : entries.values()) {
            infos.add(entry.info);
        }
        infos.sort(Comparator.comparing(ModelInfo::name));
        return infos;
    }

    public Optional<ModelInfo> model(String name) {
        Entry entry = entries.get(name);
        return entry == null ? Optional.empty() : Optional.of(entry.info);
    }

    /**
     * The model's prediction from the latest feature values, or empty if the model is unknown or untrained, or a
     * feature it was trained on has no value for the instrument.
     *
     * @param featureValue the latest value of a feature (factor name) for an instrument
     */
    public OptionalDouble predict(String name, InstrumentId instrument,
                                  BiFunction<String, InstrumentId, OptionalDouble> featureValue) {
        Entry entry = entries.get(name);
        Fit fit = entry == null ? null : entry.fit;
        if (fit == null) {
            return OptionalDouble.empty();
        }
        double[] row = new double[fit.features.size()];
        for (int i = 0; i < row.length; i++) {
            OptionalDouble value = featureValue.apply(fit.features.get(i), instrument);
            if (value.isEmpty()) {
                return OptionalDouble.empty();
            }
            row[i] = value.getAsDouble();
        }
        try {
            double prediction = fit.fitted.predict(row);
            return Double.isFinite(prediction) ? OptionalDouble.of(prediction) : OptionalDouble.empty();
        } catch (RuntimeException e) {
            LOG.debug("Model {} failed to predict {}: {}", name, instrument, e.toString());
            return OptionalDouble.empty();
        }
    }

    private record Fit(FittedModel fitted, List<String> features) {
    }

    private static final class Entry {
        final Model model;
        volatile ModelInfo info;
        volatile Fit fit;

        Entry(Model model) {
            this.model = model;
        }

        /** The state with {@code fit} serving predictions (its metrics shown), or none if {@code fit} is null. */
        synchronized void state(String status, String detail, Fit fit) {
            this.fit = fit;
            this.info = new ModelInfo(model.name(), model.description(), status, detail,
                    fit == null ? null : fit.fitted.metrics());
        }
    }
}
