package org.nautilus.strategy.internal.analytics;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nautilus.api.domain.Fill;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.domain.Price;
import org.nautilus.api.strategy.PerformanceMetrics;
import org.nautilus.portfolio.internal.core.PositionKeeper;
import org.nautilus.strategy.internal.backtest.EngineServices;

/**
 * A live portfolio's analytics over a time range, computed as a backtest's: its fills replayed through the platform's
 * own position keeper, marked to market at the prices the platform saw (bar closes, and each fill's own price), the
 * equity curve sampled once per {@code interval} (the last state of each period, as a backtest samples it), then
 * {@link Performance} and {@link RoundTrips}.
 *
 * <p>Fills before {@code from} make the positions (and realized P&amp;L) held at its start; the curve, the metrics,
 * and the turnover count the fills from {@code from} to {@code to}; the trade list holds the round trips that close
 * inside the range (one opened before {@code from} included, with its whole P&amp;L). A point of the curve at the
 * time of the one before replaces it.
 *
 * <p>With a benchmark, each point of the curve gets the benchmark's last price as of the state the point shows (the
 * opening point: before {@code from}; the others: at their time), as a backtest samples its benchmark's mark with
 * each point; the benchmark's own prices make no point of the curve. Then {@link Benchmark}.
 */
public final class LiveAnalytics {

    /** A price the platform saw for an instrument at a time. */
    public record Mark(Instant time, InstrumentId instrument, Price price) {
    }

    /**
     * The result: the curve, the fills inside the range, the trips and the metrics; beta and alpha to the benchmark
     * ({@code null} without one).
     */
    public record Result(List<EquityPoint> curve, List<Fill> fills, List<RoundTrips.Trip> trips,
            PerformanceMetrics metrics, Benchmark.BetaAlpha benchmark) {
    }

    private LiveAnalytics() {
    }

    /**
     * @param fills          the portfolio's fills up to {@code to}, any order (sorted here by time, then execution id)
     * @param marks          prices seen up to {@code to}, any order
     * @param closingMarks   the prices to mark the last point at (the current marks when the range ends now), or
     *                       empty
     * @param cash           the initial capital, fixed point
     * @param periodsPerYear points per year
     * @param benchmark      the benchmark's prices (its bars' closes, and its current mark at {@code to} when the
     *                       range ends now), any order; {@code null}: no benchmark
     */
    public static Result of(PortfolioId portfolio, List<Fill> fills, List<Mark> marks,
            Map<InstrumentId, Price> closingMarks, Instant from, Instant to, long cash, Duration interval,
            double periodsPerYear, List<Mark> benchmark) {
        // One timeline: marks before fills at the same time (the fill traded at the price shown then).
        List<Step> timeline = new ArrayList<>();
        for (Mark m : marks) {
            if (!m.time().isAfter(to)) {
                timeline.add(new Step(m.time(), 0, m.instrument().value(), m));
            }
        }
        for (Fill f : fills) {
            if (!f.timestamp().isAfter(to)) {
                timeline.add(new Step(f.timestamp(), 1, f.executionId(), f));
            }
        }
        timeline.sort(Comparator.comparing(Step::time).thenComparingInt(Step::order).thenComparing(Step::key));

        PositionKeeper keeper = new PositionKeeper(new EngineServices.MemoryPositionStore());
        Map<InstrumentId, Price> prices = new HashMap<>();
        RoundTrips trips = new RoundTrips(true);
        List<Fill> inside = new ArrayList<>();
        Curve curve = new Curve(benchmark);
        long period = interval.toNanos();
        double traded = 0;
        double commissions = 0;
        Instant last = null;
        for (Step e : timeline) {
            Instant time = e.time();
            boolean started = !time.isBefore(from);
            if (started && curve.isEmpty()) {
                curve.add(EquityPoint.of(from, cash, keeper.positions(portfolio),
                        i -> Optional.ofNullable(prices.get(i))), false);
            } else if (started && last != null
                    && EquityPoint.period(time, period) != EquityPoint.period(last, period)) {
                curve.add(EquityPoint.of(last, cash, keeper.positions(portfolio),
                        i -> Optional.ofNullable(prices.get(i))), true);
            }
            if (e.what() instanceof Mark m) {
                prices.put(m.instrument(), m.price());
                if (started) {
                    double p = EquityPoint.toDouble(m.price().raw());
                    trips.mark(m.instrument().value(), p, p);
                }
            } else {
                Fill f = (Fill) e.what();
                keeper.apply(f);
                // The fill's own price is a price the market showed then.
                prices.put(f.instrumentId(), f.price());
                double price = EquityPoint.toDouble(f.price().raw());
                double quantity = EquityPoint.toDouble(f.signedQuantity().raw());
                double commission = EquityPoint.toDouble(f.commission().raw());
                trips.fill(f.instrumentId().value(), f.timestamp(), quantity, price, commission);
                if (started) {
                    inside.add(f);
                    traded += Math.abs(quantity * price);
                    commissions += commission;
                }
            }
            if (started) {
                last = time;
            }
        }
        if (curve.isEmpty()) {
            curve.add(EquityPoint.of(from, cash, keeper.positions(portfolio),
                    i -> Optional.ofNullable(prices.get(i))), false);
        }
        prices.putAll(closingMarks);
        curve.add(EquityPoint.of(to, cash, keeper.positions(portfolio), i -> Optional.ofNullable(prices.get(i))),
                true);
        List<RoundTrips.Trip> closed = trips.trips().stream().filter(t -> !t.exitTime().isBefore(from)).toList();
        PerformanceMetrics metrics = Performance.of(curve.points, periodsPerYear, traded,
                closed.stream().mapToDouble(RoundTrips.Trip::pnl).toArray(), commissions);
        Benchmark.BetaAlpha betaAlpha = benchmark == null ? null
                : Benchmark.of(curve.points.stream().mapToDouble(EquityPoint::equity).toArray(),
                        curve.benchmarkPrices.stream().mapToDouble(Double::doubleValue).toArray(), periodsPerYear);
        return new Result(List.copyOf(curve.points), List.copyOf(inside), closed, metrics, betaAlpha);
    }

    /** The equity curve being drawn, and the benchmark's price at each of its points (NaN: none yet, or none asked). */
    private static final class Curve {

        final List<EquityPoint> points = new ArrayList<>();
        final List<Double> benchmarkPrices = new ArrayList<>();
        /** The benchmark's prices in time order (at a time it has several, the last given counts). */
        private final Instant[] times;
        private final double[] values;

        Curve(List<Mark> benchmark) {
            List<Mark> sorted = benchmark == null ? List.of()
                    : benchmark.stream().sorted(Comparator.comparing(Mark::time)).toList();
            times = sorted.stream().map(Mark::time).toArray(Instant[]::new);
            values = sorted.stream().mapToDouble(m -> EquityPoint.toDouble(m.price().raw())).toArray();
        }

        boolean isEmpty() {
            return points.isEmpty();
        }

        /**
         * Adds a point, replacing the last one if it is of the same time, with the benchmark's last price before its
         * time ({@code atItsTime} false: the opening point, the state before anything at {@code from}) or at it.
         */
        void add(EquityPoint point, boolean atItsTime) {
            double price = priceAsOf(point.time(), atItsTime);
            if (!points.isEmpty() && points.get(points.size() - 1).time().equals(point.time())) {
                points.set(points.size() - 1, point);
                benchmarkPrices.set(benchmarkPrices.size() - 1, price);
            } else {
                points.add(point);
                benchmarkPrices.add(price);
            }
        }

        /** The benchmark's last price before {@code t} (or at it, if {@code inclusive}); NaN if it has none. */
        private double priceAsOf(Instant t, boolean inclusive) {
            int lo = 0;
            int hi = times.length;
            // The first index whose time is after t (inclusive) or at or after it: the price is the one before.
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                int c = times[mid].compareTo(t);
                if (c < 0 || (inclusive && c == 0)) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo == 0 ? Double.NaN : values[lo - 1];
        }
    }

    /** One step of the timeline: a mark or a fill, ordered by time, then marks first, then by key. */
    private record Step(Instant time, int order, String key, Object what) {
    }
}
