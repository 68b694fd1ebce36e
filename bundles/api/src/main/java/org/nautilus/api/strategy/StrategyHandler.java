package org.nautilus.api.strategy;

import java.time.Instant;
import org.nautilus.api.domain.Fill;
import org.nautilus.api.domain.Order;
import org.nautilus.api.marketdata.Bar;
import org.nautilus.api.marketdata.Quote;
import org.nautilus.api.marketdata.Trade;
import org.nautilus.api.research.FactorValue;
import org.nautilus.api.research.signal.SignalBatch;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * One run of a strategy. Called on one thread at a time, in time order, only with data of its instruments and
 * events of its own orders; the defaults ignore what it does not want. A method that throws stops the run
 * (state FAILED, the exception reported).
 */
@ConsumerType
public interface StrategyHandler {

    /** A closed bar (known from {@link Bar#end()} on). */
    default void onBar(Bar bar) {
    }

    default void onQuote(Quote quote) {
    }

    default void onTrade(Trade trade) {
    }

    /** A factor value of one of its instruments, as it became known. */
    default void onFactor(FactorValue value) {
    }

    /**
     * Model predictions for its instruments: one batch per bar close of a model it subscribes to
     * ({@value Strategy#SIGNALS_MODEL_PARAMETER} in its configuration), holding only the signals of its instruments.
     * See {@link StrategyContext#signalsDelivered()}.
     *
     * @since 1.1
     */
    default void onSignals(SignalBatch batch) {
    }

    /** A timer set with {@link StrategyContext#schedule} or {@link StrategyContext#every} is due. */
    default void onTimer(String name, Instant at) {
    }

    /** One of its own orders changed (accepted, rejected, canceled, filled...): the order as it now stands. */
    default void onOrder(Order order) {
    }

    /** A fill of one of its own orders (also seen as a FILL {@link #onOrder} event). */
    default void onFill(Fill fill) {
    }

    /** The run ends; orders sent now still go through the OMS (a flattening strategy closes its positions). */
    default void onStop() {
    }
}
