package org.nautilus.factor.sentiment.internal;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.nautilus.api.research.sentiment.SentimentScorer;
import org.osgi.service.component.annotations.Component;

/**
 * Scores a text by counting words of a small financial-news lexicon: (positive − negative) / (positive + negative),
 * 0 when no word of the lexicon occurs. A lexicon word right after {@code not}, {@code no} or {@code never}
 * counts with the opposite sign.
 *
 * <p>The word list is our own, written for this project from the vocabulary of earnings and analyst headlines
 * (beats/misses, upgrades/downgrades, guidance raised/cut, demand strong/weak, recalls, lawsuits); it is not taken
 * from a published lexicon (Loughran–McDonald, Harvard IV and others carry their own licences). It is small on
 * purpose: a baseline that a trained text classifier should beat.
 */
@Component(service = SentimentScorer.class, property = SentimentScorer.NAME_PROPERTY + "=" + LexiconScorer.NAME)
public final class LexiconScorer implements SentimentScorer {

    public static final String NAME = "lexicon";

    /** Word to polarity (+1 / −1); words are lower case, letters only. */
    static final Map<String, Integer> LEXICON = Map.ofEntries(
            Map.entry("beat", 1), Map.entry("beats", 1), Map.entry("upgrade", 1), Map.entry("upgraded", 1),
            Map.entry("upgrades", 1), Map.entry("record", 1), Map.entry("strong", 1), Map.entry("stronger", 1),
            Map.entry("raise", 1), Map.entry("raises", 1), Map.entry("raised", 1), Map.entry("buyback", 1),
            Map.entry("growth", 1), Map.entry("profit", 1), Map.entry("profitable", 1), Map.entry("surge", 1),
            Map.entry("surges", 1), Map.entry("outperform", 1), Map.entry("gain", 1), Map.entry("gains", 1),
            Map.entry("approval", 1), Map.entry("approved", 1),
            Map.entry("miss", -1), Map.entry("misses", -1), Map.entry("missed", -1), Map.entry("downgrade", -1),
            Map.entry("downgraded", -1), Map.entry("downgrades", -1), Map.entry("recall", -1),
            Map.entry("recalls", -1), Map.entry("weak", -1), Map.entry("weaker", -1), Map.entry("cut", -1),
            Map.entry("cuts", -1), Map.entry("lawsuit", -1), Map.entry("lawsuits", -1), Map.entry("loss", -1),
            Map.entry("losses", -1), Map.entry("decline", -1), Map.entry("declines", -1), Map.entry("fraud", -1),
            Map.entry("probe", -1), Map.entry("warning", -1), Map.entry("plunge", -1), Map.entry("plunges", -1),
            Map.entry("underperform", -1), Map.entry("default", -1), Map.entry("bankruptcy", -1));

    private static final Pattern NON_LETTERS = Pattern.compile("[^a-z]+");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public double score(String text) {
        int positive = 0;
        int negative = 0;
        boolean negated = false;
        for (String word : NON_LETTERS.split(text.toLowerCase(Locale.ROOT))) {
            Integer polarity = LEXICON.get(word);
            if (polarity != null) {
                if ((polarity > 0) != negated) {
                    positive++;
                } else {
                    negative++;
                }
            }
            negated = word.equals("not") || word.equals("no") || word.equals("never");
        }
        return positive + negative == 0 ? 0 : (double) (positive - negative) / (positive + negative);
    }
}
