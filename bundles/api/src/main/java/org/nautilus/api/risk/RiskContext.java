package org.nautilus.api.risk;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.nautilus.api.domain.Instrument;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Money;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.domain.Position;
import org.nautilus.api.domain.Price;
import org.osgi.annotation.versioning.ProviderType;

/**
 * What a risk rule may look at while checking an order. The risk engine checks the orders of one portfolio
 * one at a time, so what a rule reads about that portfolio (positions, open orders, recent submits) does not
 * change under it during a check.
 */
@ProviderType
public interface RiskContext {

    Optional<Instrument> instrument(InstrumentId id);

    /** The current mark (last trade, else mid), if the instrument has market data. */
    Optional<Price> mark(InstrumentId id);

    /** The current position, flat if there is none. */
    Position position(PortfolioId portfolio, InstrumentId instrument);

    /** Every position of the portfolio (flat ones may be included). */
    List<Position> positions(PortfolioId portfolio);

    /** The portfolio's open orders (accepted or in flight, not yet terminal), oldest first. */
    List<Order> openOrders(PortfolioId portfolio);

    /** The portfolio's open orders in one instrument, oldest first. */
    List<Order> openOrders(PortfolioId portfolio, InstrumentId instrument);

    /** Every portfolio's open orders in one instrument, oldest first. */
    List<Order> openOrders(InstrumentId instrument);

    /**
     * Realized plus unrealized P&amp;L of the portfolio since the start of the trading day, after commissions,
     * at the current marks (negative for a loss).
     */
    Money dailyPnl(PortfolioId portfolio);

    /** Configured capital plus all P&amp;L to date at the current marks. */
    Money equity(PortfolioId portfolio);

    /** How many orders of the portfolio the risk engine approved at or after {@code since}. */
    int submitCount(PortfolioId portfolio, Instant since);

    /**
     * The portfolio's recently approved orders in one instrument, at or after {@code since}, newest first.
     * The history is bounded (the engine keeps the last few per instrument for a limited time).
     */
    List<SubmittedOrder> recentSubmits(PortfolioId portfolio, InstrumentId instrument, Instant since);

    /**
     * The newest of {@link #recentSubmits} that {@code match} accepts, if any: the same answer without building
     * the list, for checks that run on every order (the duplicate-order check). The default filters
     * {@link #recentSubmits}.
     */
    default Optional<SubmittedOrder> recentSubmit(PortfolioId portfolio, InstrumentId instrument, Instant since,
                                                  Predicate<SubmittedOrder> match) {
        for (SubmittedOrder order : recentSubmits(portfolio, instrument, since)) {
            if (match.test(order)) {
                return Optional.of(order);
            }
        }
        return Optional.empty();
    }

    Instant now();
}
