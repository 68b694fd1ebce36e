package org.nautilus.marketdata.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.nautilus.api.domain.Instrument;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;

/**
 * Parses the {@code instruments} configuration: a comma-separated list of
 * {@code SYMBOL:CURRENCY:TICK:LOT[:MIN:MAX[:MULTIPLIER]]}, for example
 * {@code AAPL:USD:0.01:1, BTC-USD:USD:0.01:0.0001:0.0001:100}. MIN defaults to LOT, MAX to 1,000,000 and
 * MULTIPLIER to 1.
 */
final class InstrumentsConfig {

    static final Quantity DEFAULT_MAX = Quantity.ofWhole(1_000_000);

    private InstrumentsConfig() {
    }

    /**
     * @throws IllegalArgumentException naming the faulty entry and what is wrong with it
     */
    static List<Instrument> parse(String text) {
        List<Instrument> result = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return result;
        }
        Set<InstrumentId> seen = new LinkedHashSet<>();
        for (String entry : text.split(",")) {
            String trimmed = entry.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            Instrument instrument = parseEntry(trimmed);
            if (!seen.add(instrument.id())) {
                throw new IllegalArgumentException("instrument '" + instrument.id() + "' is defined twice");
            }
            result.add(instrument);
        }
        return result;
    }

    private static Instrument parseEntry(String entry) {
        String[] f = entry.split(":");
        if (f.length < 4 || f.length > 7) {
            throw new IllegalArgumentException("instrument '" + entry
                    + "': expected SYMBOL:CURRENCY:TICK:LOT[:MIN:MAX[:MULTIPLIER]], e.g. AAPL:USD:0.01:1");
        }
        try {
            Quantity lot = Quantity.of(f[3]);
            Quantity min = f.length > 4 ? Quantity.of(f[4]) : lot;
            Quantity max = f.length > 5 ? Quantity.of(f[5]) : DEFAULT_MAX;
            Quantity multiplier = f.length > 6 ? Quantity.of(f[6]) : Quantity.ofWhole(1);
            return new Instrument(InstrumentId.of(f[0].strip()), f[1].strip(), Price.of(f[2]), lot, min, max,
                    multiplier);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("instrument '" + entry + "': " + e.getMessage(), e);
        }
    }
}
