package org.nautilus.factor.sentiment.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LexiconScorerTest {

    private final LexiconScorer scorer = new LexiconScorer();

    @Test
    void countsPositiveAgainstNegativeWords() {
        assertThat(scorer.score("ACME beats estimates, raises guidance")).isEqualTo(1.0);
        assertThat(scorer.score("ACME misses estimates; downgrade")).isEqualTo(-1.0);
        // 2 positive (upgrade, strong), 1 negative (recall): (2 - 1) / 3
        assertThat(scorer.score("Upgrade on strong demand despite a recall")).isEqualTo(1.0 / 3);
        assertThat(scorer.score("[GENERATED] GEN0001: board meeting on Tuesday")).isEqualTo(0.0);
    }

    @Test
    void wordsAreWholeAndANegationFlipsTheNextOne() {
        // 'downgrade' is not 'upgrade', 'recalled' is not in the list
        assertThat(scorer.score("downgrade")).isEqualTo(-1.0);
        assertThat(scorer.score("recalled")).isEqualTo(0.0);
        assertThat(scorer.score("demand is not weak")).isEqualTo(1.0);
        assertThat(scorer.score("no growth")).isEqualTo(-1.0);
    }
}
