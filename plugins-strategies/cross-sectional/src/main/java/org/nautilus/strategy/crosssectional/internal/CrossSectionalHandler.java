package org.nautilus.strategy.crosssectional.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.marketdata.Bar;
import org.nautilus.api.research.FactorValue;
import org.nautilus.api.research.signal.Signal;
import org.nautilus.api.research.signal.SignalBatch;
import org.nautilus.api.strategy.Strategy;
import org.nautilus.api.strategy.StrategyContext;
import org.nautilus.api.strategy.StrategyHandler;
import org.nautilus.api.strategy.StrategyParameters;

/** One run of the cross-sectional strategy: each instrument's recent closes and the bars seen per bar end. */
final class CrossSectionalHandler implements StrategyHandler {

    /** The parameters, checked once. */
    record Settings(String signalModel, String scoreFactor, int lookback, int rebalanceBars, int longCount,
            int shortCount,
            BigDecimal capital, BigDecimal grossExposure, BigDecimal maxTurnover) {
        Settings {
            if (lookback < 1 || rebalanceBars < 1) {
                throw new IllegalArgumentException("lookback and rebalance.bars must be at least 1");
            }
            if (longCount < 0 || shortCount < 0 || longCount + shortCount == 0) {
                throw new IllegalArgumentException("long.count + short.count must be at least 1");
            }
            if (capital.signum() <= 0 || grossExposure.signum() <= 0 || maxTurnover.signum() <= 0) {
                throw new IllegalArgumentException("capital, gross.exposure and max.turnover must be positive");
            }
        }

        static Settings of(StrategyParameters p, int universe, boolean signalsDelivered) {
            String models = p.text(Strategy.SIGNALS_MODEL_PARAMETER, null);
            if (models != null && models.contains(",")) {
                throw new IllegalArgumentException(Strategy.SIGNALS_MODEL_PARAMETER + " names one model for "
                        + "cross-sectional to rank, got '" + models + "'");
            }
            if (models != null && !signalsDelivered) {
                throw new IllegalArgumentException(Strategy.SIGNALS_MODEL_PARAMETER + " = " + models + ": this run "
                        + "receives no model signals (a backtest scores models only with the platform's model registry and "
                        + "factor service); remove it to run on the "
                        + "score.factor or momentum score");
            }
            int longCount = p.integer("long.count", Math.max(1, universe / 3));
            int shortCount = p.integer("short.count", 0);
            if (longCount + shortCount > universe) {
                throw new IllegalArgumentException("long.count + short.count (" + (longCount + shortCount)
                        + ") exceed the universe of " + universe + " instruments");
            }
            return new Settings(models, p.text("score.factor", null), p.integer("lookback", 20),
                    p.integer("rebalance.bars", 5),
                    longCount, shortCount, p.decimal("capital", "100000"), p.decimal("gross.exposure", "1"),
                    p.decimal("max.turnover", "0.5"));
        }
    }

    private final StrategyContext context;
    private final Settings settings;
    private final Map<InstrumentId, Deque<BigDecimal>> closes = new HashMap<>();
    private final Map<Instant, Integer> barsAt = new HashMap<>();
    /** The configured model's signals of the latest close, by instrument (empty without {@code signals.model}). */
    private final Map<InstrumentId, Double> signals = new HashMap<>();
    private Instant sectionTime;
    private boolean sectionClosed;
    private int periods;

    CrossSectionalHandler(StrategyContext context, Settings settings) {
        this.context = context;
        this.settings = settings;
    }

    @Override
    public void onBar(Bar bar) {
        Deque<BigDecimal> history = closes.computeIfAbsent(bar.instrumentId(), k -> new ArrayDeque<>());
        history.addLast(bar.close().toBigDecimal());
        if (history.size() > settings.lookback() + 1) {
            history.removeFirst();
        }
        // Rebalance once every instrument's bar of this period has arrived.
        int seen = barsAt.merge(bar.end(), 1, Integer::sum);
        if (seen < context.instruments().size()) {
            return;
        }
        barsAt.remove(bar.end());
        if (settings.signalModel() == null && ++periods % settings.rebalanceBars() == 0) {
            rebalance();
        }
    }

    /**
     * With {@code signals.model}, the batches of one close are its cross-section of predictions (the serving side
     * may split one close over several batches, as its bar closes arrive). A cross-section is complete when every
     * instrument of the universe has a signal, or, if one never comes, when the next close's first batch arrives;
     * every {@code rebalance.bars} complete cross-sections, the book is ranked on it. Shadow batches (a challenger)
     * never move the book; a batch older than the current close is dropped.
     */
    @Override
    public void onSignals(SignalBatch batch) {
        if (!batch.model().equals(settings.signalModel()) || batch.shadow()) {
            return;
        }
        if (sectionTime != null && batch.time().isBefore(sectionTime)) {
            return;
        }
        if (sectionTime == null || batch.time().isAfter(sectionTime)) {
            if (sectionTime != null && !sectionClosed) {
                closeSection(); // the last close's names that never got a signal are not ranked
            }
            signals.clear();
            sectionTime = batch.time();
            sectionClosed = false;
        }
        if (sectionClosed) {
            return;
        }
        for (Signal signal : batch.signals()) {
            if (Double.isFinite(signal.value())) {
                signals.put(signal.instrument(), signal.value());
            }
        }
        if (signals.keySet().containsAll(context.instruments())) {
            closeSection();
        }
    }

    private void closeSection() {
        sectionClosed = true;
        if (++periods % settings.rebalanceBars() == 0) {
            rebalance();
        }
    }

    /** A score for every instrument that has one, highest first (ties by instrument id: deterministic). */
    List<Map.Entry<InstrumentId, Double>> ranked() {
        Map<InstrumentId, Double> scores = new LinkedHashMap<>();
        for (InstrumentId instrument : context.instruments().stream().sorted().toList()) {
            score(instrument).ifPresent(s -> scores.put(instrument, s));
        }
        List<Map.Entry<InstrumentId, Double>> ranked = new ArrayList<>(scores.entrySet());
        ranked.sort(Map.Entry.<InstrumentId, Double> comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()));
        return ranked;
    }

    private Optional<Double> score(InstrumentId instrument) {
        if (settings.signalModel() != null) {
            // The model's score only: mixing in momentum for an unscored name would rank different units.
            return Optional.ofNullable(signals.get(instrument));
        }
        if (settings.scoreFactor() != null) {
            Optional<FactorValue> value = context.factor(settings.scoreFactor(), instrument);
            if (value.isPresent() && Double.isFinite(value.get().value())) {
                return Optional.of(value.get().value());
            }
        }
        Deque<BigDecimal> history = closes.get(instrument);
        if (history == null || history.size() <= settings.lookback()) {
            return Optional.empty();
        }
        return Optional.of(history.getLast().doubleValue() / history.getFirst().doubleValue() - 1);
    }

    private void rebalance() {
        List<Map.Entry<InstrumentId, Double>> ranked = ranked();
        if (ranked.size() < settings.longCount() + settings.shortCount()) {
            return; // not every instrument has a score yet
        }
        BigDecimal legs = BigDecimal.valueOf(settings.longCount() + settings.shortCount());
        BigDecimal perName = settings.capital().multiply(settings.grossExposure()).divide(legs, 8, RoundingMode.DOWN);
        Map<InstrumentId, BigDecimal> delta = new LinkedHashMap<>();
        BigDecimal traded = BigDecimal.ZERO;
        for (int i = 0; i < ranked.size(); i++) {
            InstrumentId instrument = ranked.get(i).getKey();
            int sign = i < settings.longCount() ? 1 : i >= ranked.size() - settings.shortCount() ? -1 : 0;
            BigDecimal price = context.mark(instrument).map(p -> p.toBigDecimal()).orElse(null);
            if (price == null || price.signum() <= 0) {
                continue;
            }
            BigDecimal target = perName.multiply(BigDecimal.valueOf(sign)).divide(price, 0, RoundingMode.DOWN);
            BigDecimal change = target.subtract(context.position(instrument).quantity().toBigDecimal());
            if (change.signum() != 0) {
                delta.put(instrument, change);
                traded = traded.add(change.abs().multiply(price));
            }
        }
        BigDecimal limit = settings.capital().multiply(settings.maxTurnover());
        // Over the turnover limit: every trade shrinks by the same factor, so the book moves toward the targets.
        BigDecimal scale = traded.compareTo(limit) > 0 ? limit.divide(traded, 8, RoundingMode.DOWN) : BigDecimal.ONE;
        for (Map.Entry<InstrumentId, BigDecimal> e : delta.entrySet()) {
            BigDecimal quantity = e.getValue().multiply(scale).setScale(0, RoundingMode.DOWN);
            if (quantity.signum() != 0) {
                context.market(e.getKey(), Quantity.of(quantity));
            }
        }
    }
}
