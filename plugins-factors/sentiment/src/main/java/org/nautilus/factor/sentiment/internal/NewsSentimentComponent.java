package org.nautilus.factor.sentiment.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.research.data.NewsItem;
import org.nautilus.api.research.sentiment.SentimentScorer;
import org.nautilus.api.research.sentiment.SentimentService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps each instrument's news items, scored when they arrive by the configured {@link SentimentScorer}, and gives
 * the decayed-average score as of any moment ({@link DecayedSentiment}). Items are held in memory: a restart
 * starts empty until a route loads the news again.
 */
@Component(service = SentimentService.class, configurationPid = SentimentConfig.PID)
@Designate(ocd = SentimentConfig.class)
public final class NewsSentimentComponent implements SentimentService {

    private static final Logger LOG = LoggerFactory.getLogger(NewsSentimentComponent.class);

    private final Duration halfLife;
    private final int horizon;
    private final String scorerName;
    private final Map<String, SentimentScorer> scorers = new ConcurrentHashMap<>();
    private final Map<InstrumentId, Book> books = new ConcurrentHashMap<>();

    @Activate
    public NewsSentimentComponent(SentimentConfig config) {
        this(halfLife(config.half_life()), config.horizon(), config.scorer());
    }

    NewsSentimentComponent(Duration halfLife, int horizon, String scorer) {
        if (halfLife.isNegative() || halfLife.isZero()) {
            throw new IllegalArgumentException("half_life must be positive, got " + halfLife);
        }
        if (horizon < 1) {
            throw new IllegalArgumentException("horizon must be at least 1 half-life, got " + horizon);
        }
        this.halfLife = halfLife;
        this.horizon = horizon;
        this.scorerName = scorer;
    }

    private static Duration halfLife(String text) {
        try {
            return Duration.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("half_life '" + text + "' is not an ISO-8601 duration such as P5D", e);
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void addScorer(SentimentScorer scorer) {
        scorers.put(scorer.name(), scorer);
    }

    void removeScorer(SentimentScorer scorer) {
        scorers.remove(scorer.name(), scorer);
    }

    @Override
    public int add(List<NewsItem> items) {
        SentimentScorer scorer = scorers.get(scorerName);
        if (scorer == null) {
            throw new IllegalStateException("no sentiment scorer '" + scorerName + "' (scorers: " + scorers.keySet()
                    + "); nothing added");
        }
        int added = 0;
        for (NewsItem item : items) {
            double score = scorer.score(item.text());
            if (!(score >= -1 && score <= 1)) {
                throw new IllegalStateException("scorer " + scorerName + " gave " + score + " for " + item.location()
                        + ", outside [-1, 1]");
            }
            for (InstrumentId instrument : item.instruments()) {
                if (books.computeIfAbsent(instrument, i -> new Book()).add(item, score)) {
                    added++;
                }
            }
        }
        LOG.info("News sentiment: {} items added for {} instruments ({} scorer)", added, books.size(), scorerName);
        return added;
    }

    @Override
    public OptionalDouble score(InstrumentId instrument, Instant asOf) {
        double[] one = scores(instrument, List.of(asOf));
        return Double.isNaN(one[0]) ? OptionalDouble.empty() : OptionalDouble.of(one[0]);
    }

    @Override
    public double[] scores(InstrumentId instrument, List<Instant> times) {
        double[] out = new double[times.size()];
        Book book = books.get(instrument);
        if (book == null) {
            Arrays.fill(out, Double.NaN);
            return out;
        }
        synchronized (book) {
            for (int i = 0; i < out.length; i++) {
                out[i] = DecayedSentiment.at(book.times, book.scores, book.count, times.get(i).toEpochMilli(),
                        halfLife, horizon);
            }
        }
        return out;
    }

    @Override
    public Duration halfLife() {
        return halfLife;
    }

    @Override
    public int horizon() {
        return horizon;
    }

    @Override
    public String scorer() {
        return scorerName;
    }

    @Override
    public List<InstrumentId> instruments() {
        return books.keySet().stream().sorted().toList();
    }

    @Override
    public int items(InstrumentId instrument) {
        Book book = books.get(instrument);
        if (book == null) {
            return 0;
        }
        synchronized (book) {
            return book.count;
        }
    }

    /** One instrument's scored items, by time (an item arriving late is put in its place). */
    private static final class Book {
        private long[] times = new long[16];
        private double[] scores = new double[16];
        private int count;
        private final Set<List<Object>> seen = new HashSet<>();

        synchronized boolean add(NewsItem item, double score) {
            if (!seen.add(List.of(item.time(), item.source(), item.text()))) {
                return false;
            }
            if (count == times.length) {
                times = Arrays.copyOf(times, count * 2);
                scores = Arrays.copyOf(scores, count * 2);
            }
            long t = item.time().toEpochMilli();
            int at = count;
            while (at > 0 && times[at - 1] > t) {
                at--;
            }
            System.arraycopy(times, at, times, at + 1, count - at);
            System.arraycopy(scores, at, scores, at + 1, count - at);
            times[at] = t;
            scores[at] = score;
            count++;
            return true;
        }
    }
}
