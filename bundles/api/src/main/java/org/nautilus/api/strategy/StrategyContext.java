package org.nautilus.api.strategy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.nautilus.api.domain.ClientOrderId;
import org.nautilus.api.domain.Instrument;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.OrderId;
import org.nautilus.api.domain.OrderRequest;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.domain.Position;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.domain.VenueId;
import org.nautilus.api.marketdata.Bar;
import org.nautilus.api.marketdata.Quote;
import org.nautilus.api.oms.CommandResult;
import org.nautilus.api.research.FactorValue;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A strategy run's only door to the platform. Everything it answers is what was known at {@link #now()} (a
 * backtest never shows a bar before its end); every order goes through the OMS, with pre-trade risk, for the
 * run's portfolio.
 */
@ProviderType
public interface StrategyContext {

    /** The strategy's name. */
    String name();

    /** The portfolio the run trades for. */
    PortfolioId portfolio();

    /** The instruments the run receives data for. */
    Set<InstrumentId> instruments();

    /** The venue orders go to, or {@code null}: the smart order router chooses. */
    VenueId venue();

    /** The run's configuration. */
    StrategyParameters parameters();

    /** The platform clock's time: the system clock live, the data's time in a backtest. */
    Instant now();

    /** {@code true} in a backtest. */
    boolean backtest();

    /**
     * {@code true} if this run receives the signals of the models its configuration names
     * ({@value Strategy#SIGNALS_MODEL_PARAMETER}) in {@link StrategyHandler#onSignals}: live runs do; a backtest
     * does when the platform's model registry and factor service are there (it scores the registered version of
     * the {@code signals.alias}, default champion, over factors computed from its own bars). Where they are not, a
     * strategy that names a model reads this and refuses the run, or trades its own fallback score knowingly.
     *
     * @since 1.1
     */
    boolean signalsDelivered();

    // ---------------------------------------------------------------- orders

    /** A client order id unique to this run (its name and a counter), deterministic in a backtest. */
    ClientOrderId nextClientOrderId();

    /**
     * Submits an order through the OMS (validation, risk, routing, the venue).
     *
     * @return the order when the OMS returned: DENIED with the rule's reason, or working, or filled
     * @throws IllegalArgumentException if the request is for another portfolio or an instrument of no run
     */
    Order submit(OrderRequest request);

    /** A market order for {@code quantity} (signed: positive buys, negative sells) to the run's venue. */
    Order market(InstrumentId instrument, Quantity signedQuantity);

    /** A DAY limit order (signed quantity) to the run's venue. */
    Order limit(InstrumentId instrument, Quantity signedQuantity, Price price);

    CommandResult cancel(OrderId orderId);

    CommandResult amend(OrderId orderId, Quantity quantity, Price price);

    /** The run's open orders, oldest first. */
    List<Order> openOrders();

    // ---------------------------------------------------------------- state

    /** The portfolio's position in {@code instrument} (flat if none). */
    Position position(InstrumentId instrument);

    Optional<Instrument> instrument(InstrumentId instrument);

    Optional<Quote> lastQuote(InstrumentId instrument);

    /** The mark: last trade, else quote mid, else last bar close. */
    Optional<Price> mark(InstrumentId instrument);

    /** The latest closed bars of the instrument's data series, oldest first, at most {@code limit}. */
    List<Bar> bars(InstrumentId instrument, int limit);

    /** The latest value of a factor for an instrument, as known now. */
    Optional<FactorValue> factor(String factor, InstrumentId instrument);

    // ---------------------------------------------------------------- timers

    /**
     * Calls {@link StrategyHandler#onTimer} with {@code name} at {@code at}; replaces a timer of that name.
     *
     * @throws IllegalArgumentException if {@code at} is in the past
     */
    void schedule(String name, Instant at);

    /** Calls {@link StrategyHandler#onTimer} every {@code period}; replaces a timer of that name. */
    void every(String name, Duration period);

    /** Cancels a timer; nothing if there is none. */
    void cancelTimer(String name);
}
