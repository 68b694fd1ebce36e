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
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
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
 * folds        = 3                          # test folds (walk-forward blocks, K, or CPCV groups)
 * validation   = walk-forward               # walk-forward (expanding) | rolling | purged-kfold | cpcv
 * window       = 120                        # rolling: training dates per fold (default dates / (folds + 1))
 * embargo      = 0                          # purged-kfold, cpcv: dates after each test block kept out of training
 * cpcv.test.groups = 2                      # cpcv: groups tested per split (C(folds, this) splits)
 * search       = grid                       # optional hyper-parameter search inside each training fold: grid | random
 * search.param.NAME = 3, 5, 8               # candidate values of param.NAME
 * search.trials = 10                        # random: candidates drawn from the grid by seed
 * search.folds = 2                          # inner expanding walk-forward folds cut from the training rows only
 * seed         = 42
 * register     = aapl-lgbm                  # optional: register the run's model under this name
 * </pre>
 */
public record TrainingSpec(String experiment, String family, Map<String, String> parameters, List<String> factors,
        int horizon, Path bars, InstrumentId instrument, Duration interval, LocalDate from,
        LocalDate to, int folds, long seed, String register, Validation validation,
        Search search) {

    private static final Set<String> KEYS = Set.of("experiment", "family", "factors", "label.horizon", "bars",
            "instrument", "interval", "from", "to", "folds", "seed", "register", "validation", "window", "embargo",
            "cpcv.test.groups", "search", "search.trials", "search.folds");

    /** The validation schemes a spec can name. */
    public static final List<String> SCHEMES = List.of("walk-forward", "rolling", "purged-kfold", "cpcv");

    public TrainingSpec {
        parameters = Map.copyOf(parameters);
        factors = List.copyOf(factors);
    }

    /**
     * How the folds are cut.
     *
     * @param scheme     one of {@link #SCHEMES}
     * @param window     rolling: training dates per fold, 0 for {@code dates / (folds + 1)}
     * @param embargo    purged-kfold and cpcv: dates after each test block dropped from training
     * @param testGroups cpcv: groups tested per split
     */
    public record Validation(String scheme, int window, int embargo, int testGroups) {
        public static final Validation DEFAULT = new Validation("walk-forward", 0, 0, 2);
    }

    /**
     * A hyper-parameter search run inside each fold's training rows (and, for the final model, inside all rows).
     *
     * @param method grid or random
     * @param space  candidate values per parameter name, in the spec's order
     * @param trials random: how many grid points are drawn
     * @param folds  inner expanding walk-forward folds
     */
    public record Search(String method, Map<String, List<String>> space, int trials, int folds) {
        public Search {
            space = Collections.unmodifiableMap(new LinkedHashMap<>(space));
        }
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
        Map<String, List<String>> space = new TreeMap<>();
        Set<String> unknown = new TreeSet<>();
        for (String key : p.stringPropertyNames()) {
            if (key.startsWith("param.")) {
                params.put(key.substring("param.".length()), p.getProperty(key).strip());
            } else if (key.startsWith("search.param.")) {
                List<String> values = new ArrayList<>();
                for (String v : p.getProperty(key).split(",")) {
                    if (!v.isBlank()) {
                        values.add(v.strip());
                    }
                }
                if (values.isEmpty()) {
                    problems.add(key + " lists no values");
                }
                space.put(key.substring("search.param.".length()), values);
            } else if (!KEYS.contains(key)) {
                unknown.add(key);
            }
        }
        if (!unknown.isEmpty()) {
            problems.add(
                    "unknown keys " + unknown + " (known: " + new TreeSet<>(KEYS) + ", param.NAME, search.param.NAME)");
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
        String scheme = p.getProperty("validation", "walk-forward").strip();
        if (!SCHEMES.contains(scheme)) {
            problems.add("validation must be one of " + SCHEMES + ", got '" + scheme + "'");
        }
        int window = integer(p, "window", "0", 0, problems);
        int embargo = integer(p, "embargo", "0", 0, problems);
        int testGroups = integer(p, "cpcv.test.groups", "2", 1, problems);
        if (scheme.equals("purged-kfold") && folds < 2) {
            problems.add("purged-kfold needs folds >= 2, got " + folds);
        }
        if (scheme.equals("cpcv") && testGroups >= folds) {
            problems.add("cpcv needs cpcv.test.groups < folds (the groups), got " + testGroups + " of " + folds);
        }
        if (!scheme.equals("rolling") && p.getProperty("window") != null) {
            problems.add("window applies to validation = rolling only");
        }
        Search search = null;
        String method = p.getProperty("search");
        int trials = integer(p, "search.trials", "10", 1, problems);
        int searchFolds = integer(p, "search.folds", "2", 1, problems);
        if (method != null && !method.isBlank()) {
            method = method.strip();
            if (!method.equals("grid") && !method.equals("random")) {
                problems.add("search must be grid or random, got '" + method + "'");
            }
            if (space.isEmpty()) {
                problems.add("search needs at least one search.param.NAME = v1, v2, ...");
            }
            search = new Search(method, space, trials, searchFolds);
        } else if (!space.isEmpty()) {
            problems.add("search.param.* given without search = grid | random");
        }
        String register = p.getProperty("register");
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(source + ": " + String.join("; ", problems));
        }
        return new TrainingSpec(experiment, family, params, factors, horizon, bars, instrument, interval, from, to,
                folds, seed, register == null || register.isBlank() ? null : register.strip(),
                new Validation(scheme, window, embargo, testGroups), search);
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
