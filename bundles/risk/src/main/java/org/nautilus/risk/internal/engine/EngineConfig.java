package org.nautilus.risk.internal.engine;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.nautilus.api.domain.Money;
import org.nautilus.risk.support.Numbers;
import org.nautilus.risk.support.PerPortfolio;

/**
 * The risk engine's own settings (PID {@code nautilus.risk}).
 *
 * @param capital            starting capital per portfolio: equity = capital + P&amp;L to date
 * @param dayZone            the time zone of the trading day
 * @param dayStart           when the trading day starts in that zone (daily P&amp;L resets then)
 * @param varConfidence      VaR confidence level in (0.5, 1), e.g. 0.95
 * @param varWindow          the most recent bar returns VaR uses
 * @param varMinObservations fewer returns than this: no VaR
 * @param historyRetention   how long approved orders are remembered for the throttle and duplicate check
 * @param historyCapacity    the most approval times remembered per portfolio
 * @param refreshInterval    how often every portfolio's P&amp;L is observed (keeps the daily baseline at the close)
 * @param mandatoryRules     rules that must be running: while one is missing (its bundle stopped, uninstalled or
 *                           failed to start) every new order is denied ({@link RuleChain#RULE_MISSING})
 */
public record EngineConfig(PerPortfolio<Money> capital, ZoneId dayZone, LocalTime dayStart, BigDecimal varConfidence,
        int varWindow, int varMinObservations, Duration historyRetention, int historyCapacity,
        Duration refreshInterval, Set<String> mandatoryRules) {

    /** What a rule name looks like ({@code risk.rule} of a rule service): {@code max-order-quantity}. */
    private static final Pattern RULE_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]*");

    public static final String DEFAULT_CAPITAL = "1000000";

    public EngineConfig {
        Objects.requireNonNull(capital, "capital");
        Objects.requireNonNull(dayZone, "dayZone");
        Objects.requireNonNull(dayStart, "dayStart");
        if (varConfidence.compareTo(new BigDecimal("0.5")) <= 0 || varConfidence.compareTo(BigDecimal.ONE) >= 0) {
            throw new IllegalArgumentException("var.confidence must be between 0.5 and 1, got " + varConfidence);
        }
        if (varWindow < 2) {
            throw new IllegalArgumentException("var.window must be at least 2, got " + varWindow);
        }
        if (varMinObservations < 2 || varMinObservations > varWindow) {
            throw new IllegalArgumentException("var.min.observations must be between 2 and var.window ("
                    + varWindow + "), got " + varMinObservations);
        }
        if (historyRetention.isNegative() || historyRetention.isZero()) {
            throw new IllegalArgumentException("history.retention.ms must be positive");
        }
        if (historyCapacity < 64) {
            throw new IllegalArgumentException("history.capacity must be at least 64, got " + historyCapacity);
        }
        if (refreshInterval.toMillis() < 10) {
            throw new IllegalArgumentException("refresh.ms must be at least 10, got " + refreshInterval.toMillis());
        }
        mandatoryRules = Set.copyOf(mandatoryRules);
    }

    /**
     * These settings with the mandatory rules read from {@code text}: rule names separated by commas or blanks
     * ({@code kill-switch, max-order-quantity}); blank for none.
     *
     * @throws IllegalArgumentException naming the key and the malformed name
     */
    public EngineConfig withMandatoryRules(String text) {
        Set<String> names = new TreeSet<>();
        for (String name : (text == null ? "" : text.strip()).split("[,\\s]+")) {
            if (name.isEmpty()) {
                continue;
            }
            if (!RULE_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("mandatory.rules: '" + name + "' is not a rule name (e.g. "
                        + "kill-switch, max-order-quantity: see nautilus:risk-rules)");
            }
            names.add(name);
        }
        return new EngineConfig(capital, dayZone, dayStart, varConfidence, varWindow, varMinObservations,
                historyRetention, historyCapacity, refreshInterval, names);
    }

    public static EngineConfig defaults() {
        return of(DEFAULT_CAPITAL, "UTC", "00:00", "0.95", 250, 20, 60_000, 1 << 16, 1000, Map.of());
    }

    /** Reads the settings; {@code properties} supplies {@code portfolio.<id>.capital} overrides. */
    public static EngineConfig of(String capital, String dayZone, String dayStart, String varConfidence, int varWindow,
            int varMinObservations, long historyRetentionMs, int historyCapacity,
            long refreshMs, Map<String, ?> properties) {
        Money defaultCapital = PerPortfolio.parse("capital", capital, EngineConfig::parseCapital);
        ZoneId zone = PerPortfolio.parse("day.zone", dayZone, text -> {
            try {
                return ZoneId.of(text);
            } catch (DateTimeException e) {
                throw new IllegalArgumentException("not a time zone (e.g. UTC, America/New_York)");
            }
        });
        LocalTime start = PerPortfolio.parse("day.start", dayStart, text -> {
            try {
                return LocalTime.parse(text);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("not a time of day (e.g. 00:00, 17:00)");
            }
        });
        BigDecimal confidence = PerPortfolio.parse("var.confidence", varConfidence, BigDecimal::new);
        return new EngineConfig(PerPortfolio.read(properties, "capital", defaultCapital, EngineConfig::parseCapital),
                zone, start, confidence, varWindow, varMinObservations, Duration.ofMillis(historyRetentionMs),
                historyCapacity, Duration.ofMillis(refreshMs), Set.of());
    }

    /** The trading day an instant falls in. */
    public LocalDate tradingDay(Instant instant) {
        // In local wall-clock time, so a DST change does not shift the boundary by an hour.
        LocalDateTime local = instant.atZone(dayZone).toLocalDateTime();
        return local.toLocalTime().isBefore(dayStart) ? local.toLocalDate().minusDays(1) : local.toLocalDate();
    }

    private static Money parseCapital(String text) {
        return new Money(Numbers.parseNonNegative(text));
    }
}
