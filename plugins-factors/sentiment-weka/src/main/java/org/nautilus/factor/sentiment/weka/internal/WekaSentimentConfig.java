package org.nautilus.factor.sentiment.weka.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** {@code etc/nautilus.sentiment.weka.cfg}. Relative paths are under {@code ${karaf.home}}. */
@ObjectClassDefinition(name = "Nautilus Weka sentiment scorer")
public @interface WekaSentimentConfig {

    String PID = "nautilus.sentiment.weka";

    @AttributeDefinition(description = "The saved model: loaded when it exists, otherwise trained from `training` and saved here")
    String model() default "data/sentiment/weka-sentiment.model";

    @AttributeDefinition(description = "Labelled texts (JSON lines with text and label: positive or negative) the model is trained from when the model file does not exist")
    String training() default "etc/sentiment/generated-labelled-headlines.jsonl";
}
