package org.nautilus.factor.sentiment.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.research.data.NewsItem;
import org.nautilus.api.research.dataset.DataSource;
import org.nautilus.api.research.dataset.DatasetRequest;
import org.nautilus.api.research.dataset.PanelDataset;
import org.nautilus.api.research.expression.FactorDefinition;
import org.nautilus.api.research.store.Fundamental;
import org.nautilus.research.internal.generated.GeneratedUniverse;
import org.nautilus.research.internal.generated.UniverseGenerator;
import org.nautilus.research.internal.methods.ResearchMethodsComponent;
import org.nautilus.research.internal.store.DatePartition;
import org.nautilus.research.internal.store.DuckDbFactorStore;

/**
 * A dataset whose features read {@code $eps} and {@code $sentiment} gets them point in time through the dataset
 * service: on a GENERATED universe (its quarterly EPS with revisions, its news scored by the real lexicon sentiment
 * service), every row's {@code $eps} is what DuckDB's as-of read of the same statements says was known at that
 * bar's end, and its {@code $sentiment} is the sentiment service's score then.
 */
class DatasetDataFieldsTest {

    private static final DataSource.Generated SOURCE = new DataSource.Generated(77, 30, 400, 1, 0.1,
            LocalDate.of(2016, 1, 4), false);

    @TempDir
    Path temp;

    @Test
    void aDatasetOfEpsAndSentimentReadsWhatWasKnownAtEachBar() {
        GeneratedUniverse universe = UniverseGenerator.generate(SOURCE);
        NewsSentimentComponent sentiment = new NewsSentimentComponent(Duration.ofDays(5), 8, LexiconScorer.NAME);
        sentiment.addScorer(new LexiconScorer());
        List<NewsItem> items = new ArrayList<>();
        for (GeneratedUniverse.NewsItem item : universe.news()) {
            items.add(new NewsItem(item.time(), item.instruments(), item.source(), item.text(), "generated"));
        }
        sentiment.add(items);
        ResearchMethodsComponent datasets = new ResearchMethodsComponent(temp.resolve("no-sample.csv"),
                InstrumentId.of("AAPL"));
        datasets.bindSentiment(sentiment);

        PanelDataset panel = datasets.build(DatasetRequest.of(SOURCE,
                List.of(new FactorDefinition("EPS", "$eps", "latest quarter's EPS"),
                        new FactorDefinition("SENT", "$sentiment", "news sentiment"),
                        new FactorDefinition("EY", "PSum($eps,4)/$close", "trailing earnings yield"))));

        // The oracle: the same statements in the factor store, read as of each bar's end with DuckDB's ASOF join.
        try (DuckDbFactorStore store = DuckDbFactorStore.open(temp.resolve("store"), DatePartition.YEAR, 1)) {
            store.writeFundamentals(universe.fundamentals().stream().map(f -> new Fundamental(f.instrument(),
                    f.field(), f.periodEnd(), f.published(), f.value())).toList());
            int epsKnown = 0;
            int sentimentKnown = 0;
            int yieldKnown = 0;
            for (int row = 0; row < panel.rows(); row += 23) {
                InstrumentId instrument = panel.instrument(row);
                Instant end = panel.date(row).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
                double expectedEps = store.fundamentals(instrument, end).stream()
                        .filter(f -> f.field().equals("eps")).max(Comparator.comparing(Fundamental::periodEnd))
                        .map(Fundamental::value).orElse(Double.NaN);
                assertThat(Double.valueOf(panel.feature(row, 0))).as("$eps of %s on %s", instrument, panel.date(row))
                        .isEqualTo(Double.valueOf(expectedEps)); // NaN equals NaN here
                double expectedSentiment = sentiment.score(instrument, end).orElse(Double.NaN);
                assertThat(Double.valueOf(panel.feature(row, 1)))
                        .as("$sentiment of %s on %s", instrument, panel.date(row))
                        .isEqualTo(Double.valueOf(expectedSentiment));
                epsKnown += Double.isNaN(expectedEps) ? 0 : 1;
                sentimentKnown += Double.isNaN(expectedSentiment) ? 0 : 1;
                yieldKnown += Double.isNaN(panel.feature(row, 2)) ? 0 : 1;
            }
            int checked = (panel.rows() + 22) / 23;
            System.out.printf("%d rows checked: $eps known in %d, $sentiment in %d, PSum($eps,4) in %d%n", checked,
                    epsKnown, sentimentKnown, yieldKnown);
            // most rows have a published quarter, many a recent news item: the fields were not simply NaN
            assertThat(epsKnown).isGreaterThan(checked * 7 / 10);
            assertThat(sentimentKnown).isGreaterThan(checked / 5);
            assertThat(yieldKnown).isGreaterThan(checked / 5);
        }
    }

    /** Without a sentiment service the field reads NaN, and the EPS still comes from the generated statements. */
    @Test
    void withoutASentimentServiceTheSentimentIsMissing() {
        ResearchMethodsComponent datasets = new ResearchMethodsComponent(temp.resolve("no-sample.csv"),
                InstrumentId.of("AAPL"));
        PanelDataset panel = datasets.build(DatasetRequest.of(SOURCE,
                List.of(new FactorDefinition("EPS", "$eps", ""), new FactorDefinition("SENT", "$sentiment", ""))));
        assertThat(Arrays.stream(panel.featureColumn(1)).allMatch(Double::isNaN)).isTrue();
        assertThat(Arrays.stream(panel.featureColumn(0)).filter(v -> !Double.isNaN(v)).count())
                .isGreaterThan(panel.rows() / 2);
    }
}
