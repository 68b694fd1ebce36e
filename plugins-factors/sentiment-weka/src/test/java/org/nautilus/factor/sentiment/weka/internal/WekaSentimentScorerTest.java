package org.nautilus.factor.sentiment.weka.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WekaSentimentScorerTest {

    @TempDir
    Path dir;

    @Test
    void trainsAndSavesWithoutAModelThenLoadsIt() throws IOException {
        Path training = Files.writeString(dir.resolve("labelled.jsonl"), GeneratedHeadlines.jsonLines(
                GeneratedHeadlines.generate(GeneratedHeadlines.SEED, GeneratedHeadlines.COUNT)));
        Path model = dir.resolve("data/sentiment/weka-sentiment.model");
        WekaSentimentScorer trained = new WekaSentimentScorer(model, training);
        assertThat(model).exists();
        assertThat(trained.name()).isEqualTo("weka");
        assertThat(trained.provenance()).contains("2000 texts");

        // Loaded, not retrained: the training file is no longer needed.
        WekaSentimentScorer loaded = new WekaSentimentScorer(model, dir.resolve("gone.jsonl"));
        String text = "ACME: margin squeeze and a profit warning";
        assertThat(loaded.score(text)).isEqualTo(trained.score(text)).isLessThan(-0.5);
        assertThat(loaded.provenance()).isEqualTo(trained.provenance());
    }

    @Test
    void aBrokenTrainingFileStopsItAndWritesNoModel() throws IOException {
        Path training = Files.writeString(dir.resolve("bad.jsonl"),
                "{\"text\":\"shares rally\",\"label\":\"positive\"}\n{\"text\":\"shares slump\",\"label\":\"bad\"}\n");
        Path model = dir.resolve("weka-sentiment.model");
        assertThatThrownBy(() -> new WekaSentimentScorer(model, training))
                .hasMessage("bad.jsonl:2: label 'bad' is neither positive nor negative");
        assertThat(model).doesNotExist();
    }
}
