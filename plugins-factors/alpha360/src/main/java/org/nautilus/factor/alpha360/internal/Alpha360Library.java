package org.nautilus.factor.alpha360.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.nautilus.api.research.expression.FactorDefinition;
import org.nautilus.api.research.expression.FactorLibrary;
import org.osgi.service.component.annotations.Component;

/**
 * Qlib's Alpha360 (qlib/contrib/data/loader.py, {@code Alpha360DL}): the last 60 bars of close, open, high, low and
 * vwap divided by the latest close, and of volume divided by the latest volume (+1e-12), 360 factors named
 * {@code CLOSE59 .. CLOSE0}, {@code OPEN59 .. OPEN0}, ... {@code VOLUME59 .. VOLUME0} in Qlib's order. The
 * expressions are Qlib's own text, so the engine computes them with Qlib's semantics (NaN for the first
 * {@code i} bars of {@code Ref(x, i)}; {@code VWAP*} NaN where the bars carry no vwap).
 *
 * <p>{@code OPEN0}, {@code HIGH0}, {@code LOW0} and {@code VWAP0} are also Alpha158's names, with the same
 * expressions: with both libraries installed, those four are published by whichever came first.
 */
@Component(service = FactorLibrary.class, property = FactorLibrary.LIBRARY_PROPERTY + "=" + Alpha360Library.NAME)
public final class Alpha360Library implements FactorLibrary {

    static final String NAME = "alpha360";
    /** Bars of each field: the current one and 59 before it. */
    static final int DAYS = 60;

    private static final List<FactorDefinition> DEFINITIONS = build();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<FactorDefinition> definitions() {
        return DEFINITIONS;
    }

    private static List<FactorDefinition> build() {
        List<FactorDefinition> definitions = new ArrayList<>();
        for (String field : List.of("close", "open", "high", "low", "vwap")) {
            priceSeries(definitions, field);
        }
        String prefix = "VOLUME";
        for (int i = DAYS - 1; i > 0; i--) {
            definitions.add(new FactorDefinition(prefix + i, "Ref($volume, " + i + ")/($volume+1e-12)",
                    "Alpha360 " + prefix + i + ": volume " + i + " bars ago / volume"));
        }
        definitions.add(new FactorDefinition(prefix + 0, "$volume/($volume+1e-12)",
                "Alpha360 " + prefix + "0: volume / volume (1, or NaN without volume)"));
        return List.copyOf(definitions);
    }

    private static void priceSeries(List<FactorDefinition> definitions, String field) {
        String prefix = field.toUpperCase(Locale.ROOT);
        for (int i = DAYS - 1; i > 0; i--) {
            definitions.add(new FactorDefinition(prefix + i, "Ref($" + field + ", " + i + ")/$close",
                    "Alpha360 " + prefix + i + ": " + field + " " + i + " bars ago / close"));
        }
        definitions.add(new FactorDefinition(prefix + 0, "$" + field + "/$close",
                "Alpha360 " + prefix + "0: " + field + " / close"));
    }

    @Override
    public String toString() {
        return NAME + " (" + DEFINITIONS.size() + " factors)";
    }
}
