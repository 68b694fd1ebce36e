package org.nautilus.strategy.internal.backtest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.research.FactorInfo;
import org.nautilus.api.research.FactorService;
import org.nautilus.api.research.FactorValue;

/**
 * What a backtest's strategy reads with {@code context.factor}: the stored values of the spec's {@code store.factors}
 * released so far (in time order, by the feed), and for any other name the factors computed over the run's own bars
 * ({@code computed}, may be null). A stored factor answers from the store only, even before its first value.
 */
final class ReleasedFactors implements FactorService {

    private final FactorService computed;
    /** Per stored factor, per instrument, the values released so far, oldest first. */
    private final Map<String, Map<InstrumentId, List<FactorValue>>> released = new LinkedHashMap<>();

    ReleasedFactors(List<String> stored, FactorService computed) {
        this.computed = computed;
        stored.forEach(f -> released.put(f, new HashMap<>()));
    }

    /** A stored value, now known. */
    void release(FactorValue value) {
        released.get(value.factor()).computeIfAbsent(value.instrument(), i -> new ArrayList<>()).add(value);
    }

    @Override
    public List<FactorInfo> factors() {
        return computed == null ? List.of() : computed.factors();
    }

    @Override
    public List<FactorValue> latest() {
        List<FactorValue> all = new ArrayList<>(computed == null ? List.of() : computed.latest());
        released.values().forEach(m -> m.values().forEach(l -> all.add(l.get(l.size() - 1))));
        return all;
    }

    @Override
    public Optional<FactorValue> latest(String factor, InstrumentId instrument) {
        Map<InstrumentId, List<FactorValue>> stored = released.get(factor);
        if (stored == null) {
            return computed == null ? Optional.empty() : computed.latest(factor, instrument);
        }
        List<FactorValue> values = stored.get(instrument);
        return values == null ? Optional.empty() : Optional.of(values.get(values.size() - 1));
    }

    @Override
    public List<FactorValue> history(String factor, InstrumentId instrument) {
        Map<InstrumentId, List<FactorValue>> stored = released.get(factor);
        if (stored == null) {
            return computed == null ? List.of() : computed.history(factor, instrument);
        }
        return List.copyOf(stored.getOrDefault(instrument, List.of()));
    }
}
