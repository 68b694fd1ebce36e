package org.nautilus.factor.sentiment.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** {@code etc/nautilus.sentiment.cfg}. */
@ObjectClassDefinition(name = "Nautilus news sentiment")
public @interface SentimentConfig {

    String PID = "nautilus.sentiment";

    @AttributeDefinition(description = "Half-life of an item's weight, ISO-8601 (P5D: an item five days old weighs half as much as a new one)")
    String half_life() default "P5D";

    @AttributeDefinition(description = "How many half-lives back items count")
    int horizon() default 8;

    @AttributeDefinition(description = "The scorer (scorer.name of a SentimentScorer service)")
    String scorer() default LexiconScorer.NAME;
}
