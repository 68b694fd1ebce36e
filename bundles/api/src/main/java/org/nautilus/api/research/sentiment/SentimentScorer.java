package org.nautilus.api.research.sentiment;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Scores the sentiment of one text, published as an OSGi service with {@code scorer.name=<name>}. Pure: the same
 * text gives the same score.
 */
@ConsumerType
public interface SentimentScorer {

    /** Service property carrying the scorer's name. */
    String NAME_PROPERTY = "scorer.name";

    /** Stable name, e.g. {@code lexicon}. */
    String name();

    /**
     * The text's sentiment in [−1, 1]: −1 all negative, 0 neutral or nothing recognised, 1 all positive.
     */
    double score(String text);
}
