package org.nautilus.risk.rule.fillrate.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.nautilus.api.domain.PortfolioId;

/**
 * Counts each portfolio's fills in a sliding window and says when the count goes above the threshold (the alarm is
 * raised) and when it is back at or below it (cleared). Plain Java; thread-safe (one lock: fills arrive on the
 * subscriber's thread, checks on the OMS's writers, and both are short).
 */
public final class FillRateMonitor {

    /** What a raised alarm does beyond logging, auditing and counting it. */
    public enum Action {
        /** Log, audit, metric: orders go on. */
        ALARM,
        /** Also deny the portfolio's new orders (code FILL_RATE) while the rate stays above the threshold. */
        DENY,
        /** Also set the portfolio HALTED through the kill switch: an operator resumes it. */
        HALT;

        static Action parse(String text) {
            try {
                return valueOf(text.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("action = '" + text + "': alarm, deny or halt", e);
            }
        }
    }

    /**
     * @param maxFills the most fills per window before the alarm
     * @param window   the sliding window
     * @param action   what a raised alarm does
     */
    public record Limits(int maxFills, Duration window, Action action) {

        public static Limits of(Map<String, ?> properties) {
            return new Limits((int) positive(properties, "max.fills", 200),
                    Duration.ofMillis(positive(properties, "window.ms", 1000)),
                    Action.parse(properties.get("action") == null ? "alarm"
                            : String.valueOf(properties.get("action"))));
        }

        private static long positive(Map<String, ?> properties, String key, long defaultValue) {
            Object value = properties.get(key);
            if (value == null) {
                return defaultValue;
            }
            String text = String.valueOf(value).strip();
            long n;
            try {
                n = Long.parseLong(text.replace("_", ""));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(key + " = '" + text + "': not a whole number", e);
            }
            if (n <= 0 || n > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(key + " = '" + text + "': must be a positive whole number");
            }
            return n;
        }
    }

    /**
     * A raised alarm.
     *
     * @param portfolio the portfolio
     * @param fills     fills in the window when it was raised
     * @param limits    the limits it went above
     * @param at        when
     */
    public record Alarm(PortfolioId portfolio, int fills, Limits limits, Instant at) {

        /** {@code fill rate 200 per 1000 ms exceeded: 201 fills in the last 1000 ms}. */
        public String describe() {
            return "fill rate " + limits.maxFills() + " per " + limits.window().toMillis() + " ms of portfolio "
                    + portfolio + " exceeded: " + fills + " fills in the last " + limits.window().toMillis() + " ms";
        }
    }

    private final Clock clock;
    private final Map<PortfolioId, ArrayDeque<Instant>> fills = new HashMap<>();
    private final Map<PortfolioId, Alarm> raised = new HashMap<>();
    private final AtomicLong alarms = new AtomicLong();
    private volatile Limits limits;

    public FillRateMonitor(Clock clock, Limits limits) {
        this.clock = clock;
        this.limits = limits;
    }

    public void configure(Limits newLimits) {
        this.limits = newLimits;
    }

    public Limits limits() {
        return limits;
    }

    /** A fill of the portfolio now; the alarm if this fill raised it. */
    public synchronized Optional<Alarm> onFill(PortfolioId portfolio) {
        Instant now = clock.instant();
        ArrayDeque<Instant> times = fills.computeIfAbsent(portfolio, p -> new ArrayDeque<>());
        times.addLast(now);
        int count = count(portfolio, now);
        Limits l = limits;
        if (count > l.maxFills() && !raised.containsKey(portfolio)) {
            Alarm alarm = new Alarm(portfolio, count, l, now);
            raised.put(portfolio, alarm);
            alarms.incrementAndGet();
            return Optional.of(alarm);
        }
        return Optional.empty();
    }

    /** The portfolio's alarm if the rate is still above the threshold now; a rate back at or below clears it. */
    public synchronized Optional<Alarm> active(PortfolioId portfolio) {
        Alarm alarm = raised.get(portfolio);
        if (alarm == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        int count = count(portfolio, now);
        if (count <= limits.maxFills()) {
            raised.remove(portfolio);
            return Optional.empty();
        }
        return Optional.of(new Alarm(portfolio, count, limits, alarm.at()));
    }

    /** Alarms raised since start. */
    public long alarms() {
        return alarms.get();
    }

    /** Portfolios whose alarm is raised (not yet seen cleared). */
    public synchronized int raisedCount() {
        return raised.size();
    }

    /** Fills in the window ending now, dropping older ones. */
    private int count(PortfolioId portfolio, Instant now) {
        ArrayDeque<Instant> times = fills.get(portfolio);
        if (times == null) {
            return 0;
        }
        Instant since = now.minus(limits.window());
        while (!times.isEmpty() && times.peekFirst().isBefore(since)) {
            times.pollFirst();
        }
        return times.size();
    }
}
