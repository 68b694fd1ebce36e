package org.nautilus.factor.sentiment.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nautilus.api.research.data.NewsItem;
import org.nautilus.api.research.dataset.DataSource;
import org.nautilus.research.internal.generated.GeneratedUniverse;
import org.nautilus.research.internal.generated.UniverseGenerator;

/**
 * On the seeded generated universe (labelled GENERATED), whose news words lean with the last planted factor, the
 * lexicon sentiment recovers that factor and its information about the next day's return.
 */
class PlantedNewsSignalTest {

    private static final double PLANTED_IC = 0.1;

    @Test
    void theLexiconSentimentRecoversThePlantedNewsSignal() {
        GeneratedUniverse universe = UniverseGenerator.generate(new DataSource.Generated(20_261_207L, 300, 750, 1,
                PLANTED_IC, LocalDate.of(2015, 1, 5), false));
        NewsSentimentComponent service = new NewsSentimentComponent(Duration.ofDays(5), 8, LexiconScorer.NAME);
        service.addScorer(new LexiconScorer());
        List<NewsItem> items = new ArrayList<>();
        for (GeneratedUniverse.NewsItem item : universe.news()) {
            assertThat(item.text()).startsWith("[GENERATED]");
            items.add(new NewsItem(item.time(), item.instruments(), item.source(), item.text(), "generated"));
        }
        service.add(items);

        int days = universe.calendar().size();
        // score as of each day's close (the end of the daily bar, the next midnight), by instrument and day
        double[][] score = new double[universe.instruments().size()][];
        List<Instant> closes = new ArrayList<>();
        for (LocalDate day : universe.calendar()) {
            closes.add(day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
        }
        for (int i = 0; i < score.length; i++) {
            score[i] = service.scores(universe.instruments().get(i).instrument(), closes);
        }
        // daily cross-sectional IC against the next day's return, and the pooled correlation with the factor
        List<Double> ics = new ArrayList<>();
        double sxy = 0, sxx = 0, syy = 0, sx = 0, sy = 0;
        long n = 0;
        for (int t = 30; t < days - 1; t++) {
            List<double[]> pairs = new ArrayList<>();
            for (int i = 0; i < score.length; i++) {
                GeneratedUniverse.Series s = universe.instruments().get(i);
                double x = score[i][s.days()[t]];
                if (Double.isNaN(x)) {
                    continue;
                }
                double r = s.bars().close()[t + 1] / s.bars().close()[t] - 1;
                pairs.add(new double[] {x, r});
                double f = s.planted()[0][t];
                sx += x; sy += f; sxx += x * x; syy += f * f; sxy += x * f; n++;
            }
            if (pairs.size() >= 20) {
                ics.add(pearson(pairs));
            }
        }
        double mean = ics.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double sd = Math.sqrt(ics.stream().mapToDouble(ic -> (ic - mean) * (ic - mean)).sum() / (ics.size() - 1));
        double se = sd / Math.sqrt(ics.size());
        double factorCorrelation = (sxy - sx * sy / n) / Math.sqrt((sxx - sx * sx / n) * (syy - sy * sy / n));
        System.out.printf("sentiment IC %.4f (se %.4f, %d days), corr(sentiment, planted factor) %.3f over %d%n",
                mean, se, ics.size(), factorCorrelation, n);
        // the sentiment tracks the planted factor (0.198 with this seed; noisy headlines of three words, a few a
        // month per instrument, so far from 1; its standard error over ~96,000 pairs is ~0.003) ...
        assertThat(factorCorrelation).isGreaterThan(0.15);
        // ... and predicts the next day's return: significantly (0.0196, t = 6 with this seed), and as much as the
        // generator's model says it must, the planted IC times the sentiment's correlation with the factor (the
        // return depends on the news only through the factor), within 3 standard errors
        assertThat(mean).isGreaterThan(3 * se);
        assertThat(mean).isCloseTo(PLANTED_IC * factorCorrelation, org.assertj.core.api.Assertions.within(3 * se));
    }

    private static double pearson(List<double[]> pairs) {
        double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
        int n = pairs.size();
        for (double[] p : pairs) {
            sx += p[0]; sy += p[1]; sxx += p[0] * p[0]; syy += p[1] * p[1]; sxy += p[0] * p[1];
        }
        return (sxy - sx * sy / n) / Math.sqrt((sxx - sx * sx / n) * (syy - sy * sy / n));
    }
}
