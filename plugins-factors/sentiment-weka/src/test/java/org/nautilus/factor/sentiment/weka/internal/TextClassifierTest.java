package org.nautilus.factor.sentiment.weka.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nautilus.factor.sentiment.internal.LexiconScorer;

/**
 * The Weka classifier on GENERATED labelled headlines ({@link GeneratedHeadlines}): trained on 80%, measured on the
 * other 20% against the lexicon scorer and the majority label.
 */
class TextClassifierTest {

    private static List<LabelledText> all;

    @BeforeAll
    static void generate() {
        all = GeneratedHeadlines.labelled(GeneratedHeadlines.generate(GeneratedHeadlines.SEED,
                GeneratedHeadlines.COUNT));
    }

    /** The data split by seed: [train, test]. */
    private static List<List<LabelledText>> split(long seed) {
        List<LabelledText> shuffled = new ArrayList<>(all);
        Collections.shuffle(shuffled, new Random(seed));
        int cut = shuffled.size() * 4 / 5;
        return List.of(shuffled.subList(0, cut), shuffled.subList(cut, shuffled.size()));
    }

    /** Share of texts whose score's sign is the label; a score of 0 says the majority label of training. */
    private static double accuracy(List<LabelledText> test, ToDoubleFunction<String> scorer, boolean majority) {
        int right = 0;
        for (LabelledText t : test) {
            double s = scorer.applyAsDouble(t.text());
            boolean positive = s == 0 ? majority : s > 0;
            right += positive == t.positive() ? 1 : 0;
        }
        return (double) right / test.size();
    }

    private static boolean majority(List<LabelledText> train) {
        return train.stream().filter(LabelledText::positive).count() * 2 >= train.size();
    }

    @Test
    void heldOutAccuracyIsClearlyAboveTheLexiconAndTheMajorityLabel() {
        List<List<LabelledText>> split = split(1);
        List<LabelledText> train = split.get(0);
        List<LabelledText> test = split.get(1);
        boolean majority = majority(train);
        TextClassifier weka = TextClassifier.train(train);
        LexiconScorer lexicon = new LexiconScorer();

        double wekaAccuracy = accuracy(test, weka::score, majority);
        double lexiconAccuracy = accuracy(test, lexicon::score, majority);
        double majorityAccuracy = accuracy(test, text -> 0, majority);
        System.out.printf("held-out accuracy on %d GENERATED headlines: weka %.3f, lexicon %.3f, majority %.3f%n",
                test.size(), wekaAccuracy, lexiconAccuracy, majorityAccuracy);

        assertThat(wekaAccuracy).isGreaterThan(lexiconAccuracy + 0.08).isGreaterThan(majorityAccuracy + 0.2);
    }

    @Test
    void theSameSeedGivesTheSameModelAndAnotherSeedAnotherSplit() {
        List<LabelledText> test = split(1).get(1);
        TextClassifier first = TextClassifier.train(split(1).get(0));
        TextClassifier second = TextClassifier.train(split(1).get(0));
        TextClassifier other = TextClassifier.train(split(2).get(0));
        assertThat(second.provenance()).isEqualTo(first.provenance());
        assertThat(other.provenance()).isNotEqualTo(first.provenance());
        boolean anyDifferent = false;
        for (LabelledText t : test) {
            assertThat(Double.doubleToRawLongBits(second.score(t.text())))
                    .isEqualTo(Double.doubleToRawLongBits(first.score(t.text())));
            anyDifferent |= other.score(t.text()) != first.score(t.text());
        }
        assertThat(anyDifferent).isTrue();
    }

    @Test
    void scoresAreInRangeAndLeanWithTheWords() {
        TextClassifier weka = TextClassifier.train(split(1).get(0));
        assertThat(weka.score("ACME tops forecasts, shares rally")).isGreaterThan(0.9);
        assertThat(weka.score("ACME: layoffs announced and a regulator subpoena")).isLessThan(-0.9);
        // the pair decides where the lexicon's single word misleads it
        assertThat(weka.score("cuts costs")).isGreaterThan(0);
        assertThat(weka.score("record loss")).isLessThan(0);
        for (String text : List.of("", "board meeting on Tuesday", "zzz qqq")) {
            assertThat(weka.score(text)).isBetween(-1.0, 1.0);
        }
    }

    @Test
    void aSavedModelLoadsWithTheSameScoresAndItsProvenance(@TempDir Path dir) throws IOException {
        TextClassifier trained = TextClassifier.train(split(1).get(0));
        Path file = dir.resolve("models/sentiment.model");
        trained.save(file);
        TextClassifier loaded = TextClassifier.load(file);
        assertThat(loaded.provenance()).isEqualTo(trained.provenance()).contains("1600 texts", "weka 3.8.7");
        for (LabelledText t : split(1).get(1)) {
            assertThat(Double.doubleToRawLongBits(loaded.score(t.text())))
                    .isEqualTo(Double.doubleToRawLongBits(trained.score(t.text())));
        }
    }

    @Test
    void badInputIsRefusedWithTheReason(@TempDir Path dir) throws IOException {
        assertThatThrownBy(() -> TextClassifier.train(all.stream().filter(LabelledText::positive).toList()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs positive and negative texts");
        assertThatThrownBy(() -> TextClassifier.train(List.of())).isInstanceOf(IllegalArgumentException.class);

        Path missing = dir.resolve("missing.model");
        assertThatThrownBy(() -> TextClassifier.load(missing)).isInstanceOf(IOException.class)
                .hasMessageContaining("missing.model: no such model file");
        Path notAModel = Files.writeString(dir.resolve("text.model"), "not a model");
        assertThatThrownBy(() -> TextClassifier.load(notAModel)).isInstanceOf(IOException.class)
                .hasMessageContaining("text.model: not a saved sentiment model");
    }
}
