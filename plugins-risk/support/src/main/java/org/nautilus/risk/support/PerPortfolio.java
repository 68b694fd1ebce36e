package org.nautilus.risk.support;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.nautilus.api.domain.PortfolioId;

/**
 * A limit with a default and per-portfolio overrides, read from a configuration such as
 * <pre>
 * max.quantity = 1000
 * portfolio.alpha.max.quantity = 250
 * </pre>
 *
 * @param defaultValue the limit of every portfolio without an override
 * @param overrides    limits of named portfolios
 * @param <T>          the limit's type
 */
public record PerPortfolio<T>(T defaultValue, Map<PortfolioId, T> overrides) {

    /** Prefix of a per-portfolio key: {@code portfolio.<id>.<key>}. */
    public static final String PREFIX = "portfolio.";

    public PerPortfolio {
        Objects.requireNonNull(defaultValue, "defaultValue");
        overrides = Map.copyOf(overrides);
    }

    public static <T> PerPortfolio<T> of(T defaultValue) {
        return new PerPortfolio<>(defaultValue, Map.of());
    }

    /**
     * Reads the overrides of {@code key} from raw configuration properties.
     *
     * @param parser turns the configured text into a limit; throws {@link IllegalArgumentException} for bad input
     * @throws IllegalArgumentException naming the key whose value is invalid
     */
    public static <T> PerPortfolio<T> read(Map<String, ?> properties, String key, T defaultValue,
            Function<String, T> parser) {
        Map<PortfolioId, T> overrides = new HashMap<>();
        String suffix = "." + key;
        for (Map.Entry<String, ?> e : properties.entrySet()) {
            String k = e.getKey();
            if (k.startsWith(PREFIX) && k.endsWith(suffix) && k.length() > PREFIX.length() + suffix.length()) {
                String id = k.substring(PREFIX.length(), k.length() - suffix.length());
                PortfolioId portfolio;
                try {
                    portfolio = PortfolioId.of(id);
                } catch (IllegalArgumentException ex) {
                    throw new IllegalArgumentException(k + ": " + ex.getMessage(), ex);
                }
                overrides.put(portfolio, parse(k, e.getValue(), parser));
            }
        }
        return new PerPortfolio<>(defaultValue, overrides);
    }

    /** Parses one configured value, naming the key in the error. */
    public static <T> T parse(String key, Object value, Function<String, T> parser) {
        String text = value == null ? "" : String.valueOf(value).strip();
        try {
            return parser.apply(text);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new IllegalArgumentException(key + " = '" + text + "': " + e.getMessage(), e);
        }
    }

    public T get(PortfolioId portfolio) {
        T value = overrides.get(portfolio);
        return value != null ? value : defaultValue;
    }

    /** {@code 1000} or {@code 1000 (alpha: 250, beta: 500)}. */
    public String describe(Function<T, String> format) {
        if (overrides.isEmpty()) {
            return format.apply(defaultValue);
        }
        StringBuilder b = new StringBuilder(format.apply(defaultValue)).append(" (");
        overrides.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> b.append(e.getKey()).append(": ").append(format.apply(e.getValue())).append(", "));
        b.setLength(b.length() - 2);
        return b.append(')').toString();
    }
}
