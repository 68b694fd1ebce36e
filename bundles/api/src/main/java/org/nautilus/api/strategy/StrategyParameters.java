package org.nautilus.api.strategy;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A strategy run's configuration: the text values of its {@code .cfg} file or backtest spec, read with typed
 * getters that refuse a malformed value with the key and what was expected.
 */
public record StrategyParameters(Map<String, String> values) {

    public StrategyParameters {
        values = Map.copyOf(new TreeMap<>(Objects.requireNonNull(values, "values")));
    }

    public static StrategyParameters of(Map<String, String> values) {
        return new StrategyParameters(values);
    }

    public String text(String key, String defaultValue) {
        String v = values.get(key);
        return v == null || v.isBlank() ? defaultValue : v.strip();
    }

    public int integer(String key, int defaultValue) {
        String v = text(key, null);
        try {
            return v == null ? defaultValue : Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be an integer, got '" + v + "'", e);
        }
    }

    public BigDecimal decimal(String key, String defaultValue) {
        String v = text(key, defaultValue);
        try {
            return new BigDecimal(v);
        } catch (NumberFormatException | NullPointerException e) {
            throw new IllegalArgumentException(key + " must be a decimal number, got '" + v + "'", e);
        }
    }

    public boolean flag(String key, boolean defaultValue) {
        String v = text(key, null);
        if (v == null) {
            return defaultValue;
        }
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new IllegalArgumentException(key + " must be true or false, got '" + v + "'");
        };
    }
}
