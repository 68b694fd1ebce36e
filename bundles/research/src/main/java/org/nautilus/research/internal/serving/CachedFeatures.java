package org.nautilus.research.internal.serving;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.marketdata.BarSpec;
import org.nautilus.api.research.FactorInfo;
import org.nautilus.api.research.FactorValue;
import org.nautilus.api.research.cache.FeatureCache;
import org.nautilus.api.research.cache.FeatureVector;

/**
 * The features a model scores, read from the feature cache: one vector per library (the row of every factor the
 * library computes per instrument), taken only if it is of the bar that closed. A factor the cache has no vector
 * for (a factor plugin, a cross-sectional factor) is read from the feature engine.
 */
public final class CachedFeatures {

    /** The feature engine's own latest values, for what the cache does not hold. */
    public interface Fallback {
        Optional<FactorValue> feature(String factor, InstrumentId instrument, BarSpec bars);
    }

    private final FeatureCache cache;
    private final Fallback fallback;
    private volatile Map<String, String> libraryOf = Map.of();
    /** Each program's factor positions, by program digest (a vector's names are its program's). */
    private final Map<String, Map<String, Integer>> positions = new ConcurrentHashMap<>();

    public CachedFeatures(FeatureCache cache, Fallback fallback) {
        this.cache = cache;
        this.fallback = fallback;
    }

    /** Which library computes each factor (refreshed as libraries come and go). */
    public void libraries(List<FactorInfo> factors) {
        Map<String, String> map = new HashMap<>();
        for (FactorInfo info : factors) {
            if (!info.library().isEmpty()) {
                map.put(info.name(), info.library());
            }
        }
        libraryOf = Map.copyOf(map);
    }

    /** The libraries whose vectors hold {@code factors} (those the cache has). */
    public Set<String> librariesOf(Set<String> factors) {
        Map<String, String> libraries = libraryOf;
        Set<String> result = new HashSet<>();
        for (String factor : factors) {
            String library = libraries.get(factor);
            if (library != null) {
                result.add(library);
            }
        }
        return result;
    }

    public Map<String, Double> features(Set<String> factors, InstrumentId instrument, BarSpec bars, Instant end) {
        Map<String, Double> values = new HashMap<>(factors.size() * 2);
        Map<String, FeatureVector> vectors = new HashMap<>(4);
        Map<String, String> libraries = libraryOf;
        for (String factor : factors) {
            String library = libraries.get(factor);
            FeatureVector vector = library == null ? null
                    : vectors.computeIfAbsent(library, l -> cache.vector(instrument, bars, l).orElse(null));
            Integer at = vector == null ? null : positions(vector).get(factor);
            if (at != null) {
                double value = vector.values()[at];
                if (vector.asOf().equals(end) && Double.isFinite(value)) {
                    values.put(factor, value);
                }
            } else {
                Optional<FactorValue> value = fallback.feature(factor, instrument, bars);
                if (value.isPresent() && value.get().asOf().equals(end)) {
                    values.put(factor, value.get().value());
                }
            }
        }
        return values;
    }

    private Map<String, Integer> positions(FeatureVector vector) {
        return positions.computeIfAbsent(vector.program(), p -> {
            Map<String, Integer> map = new HashMap<>();
            for (int i = 0; i < vector.names().size(); i++) {
                map.put(vector.names().get(i), i);
            }
            return map;
        });
    }
}
