package org.nautilus.research.internal.generated;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.research.dataset.DataSource;
import org.nautilus.research.internal.expression.BarColumns;

/**
 * Generates a universe of daily bars with a planted factor structure, deterministic by seed (GENERATED data,
 * never market data).
 *
 * <p>Each instrument i carries K latent factors f<sub>k,i,t</sub>, each an AR(1) with persistence
 * {@link #PERSISTENCE} and a standard normal stationary distribution, independent across instruments and factors.
 * The close-to-close return from day t to t+1 is
 *
 * <pre>  r<sub>i,t+1</sub> = m<sub>t+1</sub> + σ·(Σ<sub>k</sub> b·f<sub>k,i,t</sub> + √(1 − K·b²)·ε<sub>i,t+1</sub>)</pre>
 *
 * with b = {@code plantedIc}, a market return m common to every instrument (it does not move a cross-sectional
 * correlation) and one σ = {@link #VOLATILITY} for all. So across instruments, corr(f<sub>k,t</sub>,
 * r<sub>t+1</sub>) = b exactly in expectation: the planted IC against the next-day return. Against Qlib's label
 * (the return from t+1 to t+2) the IC is b·φ (the factor moves on by a day); the Rank IC of jointly normal
 * variables is (6/π)·asin(ρ/2), slightly below ρ.
 *
 * <p>Factor 1 is also visible in the bars: vwap = close·(1 + {@link #VWAP_LOADING}·f<sub>1</sub>), so the
 * ordinary expression {@code $vwap/$close-1} has the planted IC. The other factors are given as truth columns
 * ({@link GeneratedUniverse.Series#planted()}). The last factor drives the sentiment of generated news items.
 *
 * <p>Each instrument draws from its own random stream (seed, index), so the result does not depend on how many
 * threads generate it. With gaps on, 30% of instruments list late, 10% delist early, and 0.5% of days are missing
 * at random.
 */
public final class UniverseGenerator {

    /** Day-to-day persistence φ of the latent factors. */
    public static final double PERSISTENCE = 0.9;
    /** Daily idiosyncratic volatility σ. */
    public static final double VOLATILITY = 0.02;
    /** How much of factor 1 vwap carries (relative to close). */
    public static final double VWAP_LOADING = 0.002;

    private static final double MARKET_DRIFT = 0.0003;
    private static final double MARKET_VOLATILITY = 0.01;
    private static final double NEWS_PER_DAY = 0.02;
    private static final String[] POSITIVE = {"beats estimates", "upgrade", "record orders", "strong demand",
            "raises guidance", "buyback"};
    private static final String[] NEGATIVE = {"misses estimates", "downgrade", "recall", "weak demand",
            "cuts guidance", "lawsuit"};

    private UniverseGenerator() {
    }

    public static GeneratedUniverse generate(DataSource.Generated spec) {
        LocalDate[] calendar = calendar(spec.start(), spec.days());
        double[] market = market(spec.seed(), spec.days());
        Draw[] draws = IntStream.range(0, spec.instruments()).parallel()
                .mapToObj(i -> instrument(spec, i, calendar, market))
                .toArray(Draw[]::new);
        List<GeneratedUniverse.Series> series = new ArrayList<>(draws.length);
        List<GeneratedUniverse.Fundamental> fundamentals = new ArrayList<>();
        List<GeneratedUniverse.NewsItem> news = new ArrayList<>();
        for (Draw draw : draws) {
            series.add(draw.series);
            fundamentals.addAll(draw.fundamentals);
            news.addAll(draw.news);
        }
        fundamentals.sort(Comparator.comparing(GeneratedUniverse.Fundamental::published)
                .thenComparing(f -> f.instrument().value()));
        news.sort(Comparator.comparing(GeneratedUniverse.NewsItem::time)
                .thenComparing(n -> n.instruments().get(0).value()));
        return new GeneratedUniverse(spec, Arrays.asList(calendar), series, fundamentals, news);
    }

    /** {@code GEN0001}, … (zero-padded to at least 4 digits, so names sort in index order). */
    public static InstrumentId name(int index, int instruments) {
        int width = Math.max(4, String.valueOf(instruments).length());
        return InstrumentId.of("GEN" + String.format("%0" + width + "d", index + 1));
    }

    /** Weekdays from {@code start} (holidays are not modelled). */
    static LocalDate[] calendar(LocalDate start, int days) {
        LocalDate[] calendar = new LocalDate[days];
        LocalDate day = start;
        for (int t = 0; t < days; t++) {
            while (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
                day = day.plusDays(1);
            }
            calendar[t] = day;
            day = day.plusDays(1);
        }
        return calendar;
    }

    private static double[] market(long seed, int days) {
        SplittableRandom random = new SplittableRandom(mix(seed, -1));
        double[] market = new double[days];
        for (int t = 1; t < days; t++) {
            market[t] = MARKET_DRIFT + MARKET_VOLATILITY * random.nextGaussian();
        }
        return market;
    }

    private record Draw(GeneratedUniverse.Series series, List<GeneratedUniverse.Fundamental> fundamentals,
            List<GeneratedUniverse.NewsItem> news) {
    }

    private static Draw instrument(DataSource.Generated spec, int index, LocalDate[] calendar, double[] market) {
        SplittableRandom random = new SplittableRandom(mix(spec.seed(), index));
        InstrumentId id = name(index, spec.instruments());
        int days = spec.days();
        int k = spec.factors();
        double b = spec.plantedIc();
        double noise = Math.sqrt(1 - k * b * b);
        double innovation = Math.sqrt(1 - PERSISTENCE * PERSISTENCE);

        int first = 0;
        int last = days - 1;
        if (spec.gaps()) {
            if (random.nextDouble() < 0.3) {
                first = random.nextInt(Math.max(1, days / 5));
            }
            if (random.nextDouble() < 0.1) {
                last = Math.max(first + 1, days - 1 - random.nextInt(Math.max(1, days / 5)));
            }
        }
        double price = Math.exp(Math.log(5) + random.nextDouble() * Math.log(100)); // 5 .. 500
        double typicalVolume = Math.exp(Math.log(1e5) + random.nextDouble() * Math.log(100)); // 1e5 .. 1e7

        double[] factor = new double[k];
        for (int f = 0; f < k; f++) {
            factor[f] = random.nextGaussian();
        }
        int capacity = last - first + 1;
        int[] dayIndex = new int[capacity];
        double[] open = new double[capacity];
        double[] high = new double[capacity];
        double[] low = new double[capacity];
        double[] close = new double[capacity];
        double[] volume = new double[capacity];
        double[] vwap = new double[capacity];
        double[][] planted = new double[k][capacity];
        List<GeneratedUniverse.NewsItem> news = new ArrayList<>();
        int rows = 0;
        double previousClose = price;
        for (int t = first; t <= last; t++) {
            if (t > first) {
                // The return into day t uses the factors known at the close of day t-1.
                double signal = 0;
                for (int f = 0; f < k; f++) {
                    signal += b * factor[f];
                }
                double r = market[t] + VOLATILITY * (signal + noise * random.nextGaussian());
                price = price * (1 + Math.max(r, -0.5));
                for (int f = 0; f < k; f++) {
                    factor[f] = PERSISTENCE * factor[f] + innovation * random.nextGaussian();
                }
            }
            double wiggle = random.nextGaussian(); // drawn every day, so gaps do not shift the stream
            double highWiggle = Math.abs(random.nextGaussian());
            double lowWiggle = Math.abs(random.nextGaussian());
            double volumeWiggle = random.nextGaussian();
            boolean missing = spec.gaps() && t > first && t < last && random.nextDouble() < 0.005;
            if (k > 0 && random.nextDouble() < NEWS_PER_DAY) {
                news.add(newsItem(id, calendar[t], factor[k - 1], random));
            }
            if (missing) {
                continue;
            }
            double c = round(price);
            double o = round(previousClose + (price - previousClose) * (0.5 + 0.25 * wiggle));
            double v = round(price * (1 + (k > 0 ? VWAP_LOADING * factor[0] : 0.001 * wiggle)));
            double h = round(Math.max(Math.max(o, c), v) * (1 + 0.004 * highWiggle));
            double l = round(Math.min(Math.min(o, c), v) * (1 - 0.004 * lowWiggle));
            dayIndex[rows] = t;
            open[rows] = o;
            high[rows] = h;
            low[rows] = l;
            close[rows] = c;
            vwap[rows] = v;
            volume[rows] = Math.rint(typicalVolume * Math.exp(0.4 * volumeWiggle));
            for (int f = 0; f < k; f++) {
                planted[f][rows] = factor[f];
            }
            previousClose = c;
            rows++;
        }
        for (int f = 0; f < k; f++) {
            planted[f] = Arrays.copyOf(planted[f], rows);
        }
        BarColumns bars = new BarColumns(Arrays.copyOf(open, rows), Arrays.copyOf(high, rows),
                Arrays.copyOf(low, rows), Arrays.copyOf(close, rows), Arrays.copyOf(volume, rows),
                Arrays.copyOf(vwap, rows));
        GeneratedUniverse.Series series = new GeneratedUniverse.Series(id, Arrays.copyOf(dayIndex, rows), bars,
                planted);
        return new Draw(series, fundamentals(id, calendar[first], calendar[last], random), news);
    }

    /** Quarterly EPS: published 25–55 days after the quarter ends, 30% revised 30–90 days later. */
    private static List<GeneratedUniverse.Fundamental> fundamentals(InstrumentId id, LocalDate from, LocalDate to,
            SplittableRandom random) {
        List<GeneratedUniverse.Fundamental> statements = new ArrayList<>();
        double eps = 0.5 + 2 * random.nextDouble();
        LocalDate quarterEnd = from.withDayOfMonth(1).plusMonths(3 - (from.getMonthValue() - 1) % 3).minusDays(1);
        while (!quarterEnd.isAfter(to)) {
            eps = eps * (1 + 0.05 * random.nextGaussian());
            LocalDate published = quarterEnd.plusDays(25 + random.nextInt(31));
            statements.add(new GeneratedUniverse.Fundamental(id, "eps", quarterEnd, atEvening(published), 0, eps));
            if (random.nextDouble() < 0.3) {
                LocalDate revised = published.plusDays(30 + random.nextInt(61));
                statements.add(new GeneratedUniverse.Fundamental(id, "eps", quarterEnd, atEvening(revised), 1,
                        eps * (1 + 0.05 * random.nextGaussian())));
            }
            quarterEnd = quarterEnd.plusDays(1).plusMonths(3).minusDays(1);
        }
        return statements;
    }

    private static Instant atEvening(LocalDate day) {
        return day.atTime(21, 30).toInstant(ZoneOffset.UTC);
    }

    /** A headline whose words lean with the planted factor (plus noise); published before that day's close. */
    private static GeneratedUniverse.NewsItem newsItem(InstrumentId id, LocalDate day, double factor,
            SplittableRandom random) {
        double sentiment = Math.max(-1, Math.min(1, (factor + random.nextGaussian()) / 2));
        StringBuilder text = new StringBuilder("[GENERATED] ").append(id.value()).append(':');
        for (int w = 0; w < 3; w++) {
            boolean positive = random.nextDouble() < (1 + sentiment) / 2;
            String[] words = positive ? POSITIVE : NEGATIVE;
            text.append(w == 0 ? " " : ", ").append(words[random.nextInt(words.length)]);
        }
        Instant time = day.atTime(13, 0).toInstant(ZoneOffset.UTC).plusSeconds(random.nextInt(7 * 3600));
        String source = random.nextBoolean() ? "gen-wire" : "gen-blog";
        return new GeneratedUniverse.NewsItem(time, List.of(id), source, text.toString(), sentiment);
    }

    /** Prices to 4 decimals, like a quote. */
    private static double round(double price) {
        return Math.rint(price * 10_000) / 10_000;
    }

    /** A well-spread seed per (seed, stream): SplitMix64's finaliser. */
    private static long mix(long seed, long stream) {
        long z = seed * 0x9E3779B97F4A7C15L + stream * 0xBF58476D1CE4E5B9L + 0x94D049BB133111EBL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
