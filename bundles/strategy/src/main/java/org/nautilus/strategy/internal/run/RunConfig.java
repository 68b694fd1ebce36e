package org.nautilus.strategy.internal.run;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.domain.VenueId;
import org.nautilus.api.strategy.Strategy;
import org.nautilus.api.strategy.StrategyParameters;

/**
 * The settings every strategy run has, read from its parameters ({@code etc/nautilus.strategy.<name>.cfg} or a
 * backtest spec): {@code portfolio} (default: the strategy's name), {@code instruments} (comma separated),
 * {@code venue} (default: the smart order router chooses), {@code flatten.on.stop} (default false), {@code signals.model} and {@code signals.shadow} (the
 * model signals it receives, live). The other
 * keys are the strategy's own.
 */
public record RunConfig(String name, PortfolioId portfolio, Set<InstrumentId> instruments, VenueId venue,
        boolean flattenOnStop, StrategyParameters parameters) {

    public RunConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(portfolio, "portfolio");
        instruments = Set.copyOf(instruments);
        Objects.requireNonNull(parameters, "parameters");
    }

    /** The registered models whose signals the run subscribes to ({@code signals.model}, comma separated). */
    public Set<String> signalModels() {
        return list(parameters.text(Strategy.SIGNALS_MODEL_PARAMETER, ""));
    }

    /** Whether the run also takes batches of challengers scoring in shadow ({@code signals.shadow}). */
    public boolean signalShadow() {
        return parameters.flag(Strategy.SIGNALS_SHADOW_PARAMETER, false);
    }

    private static Set<String> list(String commaSeparated) {
        Set<String> items = new LinkedHashSet<>();
        Arrays.stream(commaSeparated.split(",")).map(String::strip).filter(s -> !s.isEmpty()).forEach(items::add);
        return items;
    }

    /**
     * Reads the common settings.
     *
     * @param defaultInstruments used when the parameters name none (a backtest: the data's instruments)
     * @throws IllegalArgumentException if no instrument is named and there is no default
     */
    public static RunConfig of(String name, Map<String, String> values, Set<InstrumentId> defaultInstruments) {
        StrategyParameters parameters = StrategyParameters.of(values);
        Set<InstrumentId> instruments = new LinkedHashSet<>();
        list(parameters.text("instruments", "")).stream().map(InstrumentId::of).forEach(instruments::add);
        if (instruments.isEmpty()) {
            instruments.addAll(defaultInstruments);
        }
        if (instruments.isEmpty()) {
            throw new IllegalArgumentException("strategy " + name + ": no instruments: set instruments = SYMBOL,... in "
                    + "etc/nautilus.strategy." + name.replace('-', '_') + ".cfg");
        }
        String venue = parameters.text("venue", null);
        return new RunConfig(name, PortfolioId.of(parameters.text("portfolio", name)), instruments,
                venue == null ? null : VenueId.of(venue), parameters.flag("flatten.on.stop", false), parameters);
    }
}
