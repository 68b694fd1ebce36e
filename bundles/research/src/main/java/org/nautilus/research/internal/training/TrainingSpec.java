package org.nautilus.research.internal.training;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import org.nautilus.api.domain.InstrumentId;

/**
 * What {@code nautilus:train} trains: a properties file (keys below), checked as a whole with every problem named.
 *
 * <pre>
 * experiment   = aapl-daily                 # runs are grouped by it
 * family       = lightgbm                   # a deployed model family (model.family)
 * param.NAME   = VALUE                      # the family's parameters (nautilus:models -f lists them)
 * factors      = KMID, ROC5, rsi-14         # factor names, or library:alpha158 for a whole library
 * label.horizon= 1                          # label: close[t+1+h] / close[t+1] - 1 (Qlib's default for h=1)
 * bars         = ${karaf.home}/samples/appleinc_bars_from_20130101_usd.csv
 * instrument   = AAPL.NASDAQ
 * interval     = P1D
 * from, to     = 2013-01-01, 2013-12-31     # optional, inclusive, by bar end date (UTC)
 * folds        = 3                          # expanding walk-forward folds, label overlap purged
 * seed         = 42
 * register     = aapl-lgbm                  # optional: register the run's model under this name
 * </pre>
 */
public record TrainingSpec(String experiment, String family, Map<String, String> parameters, List<String> factors,
                           int horizon, Path bars, InstrumentId instrument, Duration interval, LocalDate from,
                           LocalDate to, int folds, long seed, String register) {

    private static final Set<String> KEYS = Set.of("experiment", "family", "factors", "label.horizon", "bars",
            "instrument", "interval", "from", "to", "folds", "seed", "register");

    public TrainingSpec {
        parameters = Map.copyOf(parameters);
        factors = List.copyOf(factors);
    }

    public static TrainingSpec read(Path file, UnaryOperator<String> properties) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no spec file " + file);
        }
        return parse(Files.readString(file), file.toString(), properties);
    }

    /**
     * @throws IllegalArgumentException listing every problem of the spec
     */
    public static TrainingSpec parse(String text, String source, UnaryOperator<String> properties) {
        Properties p = new Properties();
        try (Reader reader = new StringReader(text)) {
            p.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": not a properties file: " + e.getMessage());
        }
        List<String> problems = new ArrayList<>();
        Map<String, String> params = new LinkedHashMap<>();
        Set<String> unknown = new TreeSet<>();
        for (String key : p.stringPropertyNames()) {
            if (key.startsWith("param.")) {
                params.put(key.substring("param.".length()), p.getProperty(key).strip());
            } else if (!KEYS.contains(key)) {
                unknown.add(key);
            }
        }
        if (!unknown.isEmpty()) {
            problems.add("unknown keys " + unknown + " (known: " + new TreeSet<>(KEYS) + ", param.NAME)");
        }
        String experiment = required(p, "experiment", problems);
        String family = required(p, "family", problems);
        List<String> factors = new ArrayList<>();
        for (String f : p.getProperty("factors", "").split(",")) {
            if (!f.isBlank()) {
                factors.add(f.strip());
            }
        }
        if (factors.isEmpty()) {
            problems.add("factors is missing: factor names separated by commas, or library:NAME");
        }
        int horizon = integer(p, "label.horizon", "1", 1, problems);
        int folds = integer(p, "folds", "3", 1, problems);
        long seed = 0;
        try {
            seed = Long.parseLong(p.getProperty("seed", "42").strip());
        } catch (NumberFormatException e) {
            problems.add("seed must be an integer, got '" + p.getProperty("seed") + "'");
        }
        Path bars = null;
        String barsText = required(p, "bars", problems);
        if (barsText != null) {
            try {
                bars = Path.of(Placeholders.resolve(barsText, properties));
            } catch (IllegalArgumentException e) {
                problems.add("bars: " + e.getMessage());
            }
        }
        InstrumentId instrument = null;
        String instrumentText = required(p, "instrument", problems);
        if (instrumentText != null) {
            try {
                instrument = InstrumentId.of(instrumentText);
            } catch (IllegalArgumentException e) {
                problems.add("instrument: " + e.getMessage());
            }
        }
        Duration interval = null;
        try {
            interval = Duration.parse(p.getProperty("interval", "P1D").strip());
        } catch (DateTimeParseException e) {
            problems.add("interval must be an ISO-8601 duration (P1D, PT1M), got '" + p.getProperty("interval") + "'");
        }
        LocalDate from = date(p, "from", problems);
        LocalDate to = date(p, "to", problems);
        if (from != null && to != null && to.isBefore(from)) {
            problems.add("to " + to + " is before from " + from);
        }
        String register = p.getProperty("register");
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(source + ": " + String.join("; ", problems));
        }
        return new TrainingSpec(experiment, family, params, factors, horizon, bars, instrument, interval, from, to,
                folds, seed, register == null || register.isBlank() ? null : register.strip());
    }

    private static String required(Properties p, String key, List<String> problems) {
        String value = p.getProperty(key);
        if (value == null || value.isBlank()) {
            problems.add(key + " is missing");
            return null;
        }
        return value.strip();
    }

    private static int integer(Properties p, String key, String fallback, int min, List<String> problems) {
        String text = p.getProperty(key, fallback).strip();
        try {
            int value = Integer.parseInt(text);
            if (value < min) {
                problems.add(key + " must be at least " + min + ", got " + value);
            }
            return value;
        } catch (NumberFormatException e) {
            problems.add(key + " must be an integer, got '" + text + "'");
            return min;
        }
    }

    private static LocalDate date(Properties p, String key, List<String> problems) {
        String text = p.getProperty(key);
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            problems.add(key + " must be a date (2013-01-31), got '" + text.strip() + "'");
            return null;
        }
    }
}
