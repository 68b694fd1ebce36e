package org.nautilus.factor.sentiment.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.research.data.NewsItem;

class NewsSentimentTest {

    private static final InstrumentId ACME = InstrumentId.of("ACME");
    private static final Instant T0 = Instant.parse("2025-01-06T14:00:00Z");

    private static NewsSentimentComponent service() {
        NewsSentimentComponent service = new NewsSentimentComponent(Duration.ofDays(1), 4, LexiconScorer.NAME);
        service.addScorer(new LexiconScorer());
        return service;
    }

    private static NewsItem item(Instant time, String text) {
        return new NewsItem(time, List.of(ACME), "wire", text, "test");
    }

    @Test
    void theScoreIsTheDecayedAverageOfWhatWasPublishedByThen() {
        NewsSentimentComponent service = service();
        // +1 at T0, -1 a day later (added out of order: put in its place)
        assertThat(service.add(List.of(item(T0.plus(Duration.ofDays(1)), "ACME misses estimates"),
                item(T0, "ACME beats estimates")))).isEqualTo(2);
        assertThat(service.score(ACME, T0.minusSeconds(1))).isEmpty();
        assertThat(service.score(ACME, T0).getAsDouble()).isEqualTo(1.0);
        // just before the second item: still only the first
        assertThat(service.score(ACME, T0.plus(Duration.ofDays(1)).minusMillis(1)).getAsDouble()).isEqualTo(1.0);
        // at the second: weights 1/2 (a day old) and 1 -> (0.5 - 1) / 1.5 = -1/3
        assertThat(service.score(ACME, T0.plus(Duration.ofDays(1))).getAsDouble()).isCloseTo(-1.0 / 3, within(1e-15));
        // two days on: weights 1/8 and 1/4 -> (0.125 - 0.25) / 0.375 = -1/3 still
        assertThat(service.score(ACME, T0.plus(Duration.ofDays(3))).getAsDouble()).isCloseTo(-1.0 / 3, within(1e-15));
        // beyond 4 half-lives of the first, only the second counts
        assertThat(service.score(ACME, T0.plus(Duration.ofDays(4)).plusMillis(1)).getAsDouble()).isEqualTo(-1.0);
        // and beyond 4 of the second, nothing
        assertThat(service.score(ACME, T0.plus(Duration.ofDays(5)).plusMillis(1))).isEmpty();
        // the same item again is stored once
        assertThat(service.add(List.of(item(T0, "ACME beats estimates")))).isZero();
        assertThat(service.items(ACME)).isEqualTo(2);
    }

    @Test
    void aBatchOfMomentsEqualsEachMomentAskedAlone() {
        NewsSentimentComponent service = service();
        List<NewsItem> items = new ArrayList<>();
        String[] texts = {"beats", "misses", "upgrade and record orders", "lawsuit", "weak demand, buyback"};
        for (int i = 0; i < 40; i++) {
            items.add(item(T0.plus(Duration.ofHours(7L * i)), texts[i % texts.length]));
        }
        service.add(items);
        List<Instant> times = new ArrayList<>();
        for (int h = 0; h < 400; h += 5) {
            times.add(T0.plus(Duration.ofHours(h)));
        }
        double[] batch = service.scores(ACME, times);
        for (int i = 0; i < times.size(); i++) {
            double one = service.score(ACME, times.get(i)).orElse(Double.NaN);
            assertThat(Double.doubleToRawLongBits(batch[i])).isEqualTo(Double.doubleToRawLongBits(one));
        }
    }

    @Test
    void withoutItsScorerNothingIsAdded() {
        NewsSentimentComponent service = new NewsSentimentComponent(Duration.ofDays(1), 4, "weka-text");
        service.addScorer(new LexiconScorer());
        assertThatThrownBy(() -> service.add(List.of(item(T0, "beats"))))
                .hasMessage("no sentiment scorer 'weka-text' (scorers: [lexicon]); nothing added");
        assertThat(service.instruments()).isEmpty();
    }
}
