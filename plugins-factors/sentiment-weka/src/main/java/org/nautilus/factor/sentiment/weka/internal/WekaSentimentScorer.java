package org.nautilus.factor.sentiment.weka.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.nautilus.api.research.sentiment.SentimentScorer;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code weka} sentiment scorer: a {@link TextClassifier} loaded from its model file, or, when that file does
 * not exist yet, trained from the labelled texts and saved there (delete the model file to retrain). Select it with
 * {@code scorer = weka} in {@code etc/nautilus.sentiment.cfg}. A missing or broken file stops the component with a
 * message naming the file; the sentiment service then reports that no {@code weka} scorer is there.
 */
@Component(service = SentimentScorer.class, configurationPid = WekaSentimentConfig.PID, property = SentimentScorer.NAME_PROPERTY
        + "=" + WekaSentimentScorer.NAME)
@Designate(ocd = WekaSentimentConfig.class)
public final class WekaSentimentScorer implements SentimentScorer {

    public static final String NAME = "weka";

    private static final Logger LOG = LoggerFactory.getLogger(WekaSentimentScorer.class);

    private final TextClassifier classifier;

    @Activate
    public WekaSentimentScorer(WekaSentimentConfig config) throws IOException {
        this(home().resolve(config.model()), home().resolve(config.training()));
    }

    WekaSentimentScorer(Path model, Path training) throws IOException {
        if (Files.exists(model)) {
            classifier = TextClassifier.load(model);
            LOG.info("Weka sentiment scorer: model {} loaded ({})", model, classifier.provenance());
        } else {
            LOG.info("Weka sentiment scorer: no model at {}, training from {}", model, training);
            classifier = TextClassifier.train(LabelledTextFile.read(training));
            classifier.save(model);
            LOG.info("Weka sentiment scorer: trained on {}, saved to {}", classifier.provenance(), model);
        }
    }

    private static Path home() {
        return Path.of(System.getProperty("karaf.home", "."));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public double score(String text) {
        return classifier.score(text);
    }

    /** What the model in use was trained on. */
    String provenance() {
        return classifier.provenance();
    }
}
