package org.nautilus.api.risk;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.nautilus.api.domain.FixedPoint;
import org.nautilus.api.domain.Instrument;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Money;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.OrderRequest;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.domain.Position;
import org.nautilus.api.domain.Price;
import org.nautilus.api.marketdata.Quote;
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

    /**
     * The portfolio's gross exposure: Σ |quantity × price × multiplier| over its positions, each valued at its mark,
     * else at its average price (a position without market data), raw fixed-point money, exact. The risk engine keeps
     * it as a running total (updated on each fill and mark change), so this is O(1) there; the default adds up
     * {@link #positions}.
     *
     * @since 1.3
     */
    default Money grossExposure(PortfolioId portfolio) {
        long gross = 0;
        for (Position p : positions(portfolio)) {
            if (!p.isFlat()) {
                gross = Math.addExact(gross, Math.abs(exposure(portfolio, p.instrumentId()).raw()));
            }
        }
        return new Money(gross);
    }

    /**
     * The signed exposure of one position (quantity × price × multiplier, priced as in {@link #grossExposure}); zero
     * for a flat position.
     *
     * @since 1.3
     */
    default Money exposure(PortfolioId portfolio, InstrumentId instrument) {
        Position p = position(portfolio, instrument);
        if (p.isFlat()) {
            return Money.ZERO;
        }
        long price = mark(instrument).orElse(p.averagePrice()).raw();
        long value = FixedPoint.multiply(p.quantity().raw(), price);
        Optional<Instrument> definition = instrument(instrument);
        long multiplier = definition.isPresent() ? definition.get().multiplier().raw() : FixedPoint.ONE;
        return new Money(multiplier == FixedPoint.ONE ? value : FixedPoint.multiply(value, multiplier));
    }

    /** How many orders of the portfolio the risk engine approved at or after {@code since}. */
    int submitCount(PortfolioId portfolio, Instant since);

    /**
     * The portfolio's recently approved orders in one instrument, at or after {@code since}, newest first.
     * The history is bounded (the engine keeps the last few per instrument for a limited time).
     */
    List<SubmittedOrder> recentSubmits(PortfolioId portfolio, InstrumentId instrument, Instant since);

    /**
     * The newest of the portfolio's {@link #recentSubmits} in the request's instrument, at or after {@code since},
     * that is the same order as {@code request} under another client order id: same side, type, quantity, limit
     * price and stop price. The duplicate-order check asks this on every order, so the engine answers it from
     * its history without building a list; the default filters {@link #recentSubmits}.
     */
    default Optional<SubmittedOrder> recentIdentical(OrderRequest request, Instant since) {
        for (SubmittedOrder previous : recentSubmits(request.portfolioId(), request.instrumentId(), since)) {
            OrderRequest p = previous.request();
            if (p.side() == request.side() && p.type() == request.type() && p.quantity().equals(request.quantity())
                    && Objects.equals(p.limitPrice(), request.limitPrice())
                    && Objects.equals(p.stopPrice(), request.stopPrice())
                    && !p.clientOrderId().equals(request.clientOrderId())) {
                return Optional.of(previous);
            }
        }
        return Optional.empty();
    }

    Instant now();

    /**
     * The instrument's last quote (top of book, with the feed's timestamp), if any: the reference the stale market
     * data check looks at. Default: none.
     *
     * @since 1.2
     */
    default Optional<Quote> lastQuote(InstrumentId id) {
        return Optional.empty();
    }

    /**
     * How many amends of the portfolio's orders the risk engine approved at or after {@code since}. Default: 0
     * (an engine that keeps no amend history).
     *
     * @since 1.2
     */
    default int amendCount(PortfolioId portfolio, Instant since) {
        return 0;
    }

    /** How many cancels of the portfolio's orders the risk engine approved at or after {@code since}. @since 1.2 */
    default int cancelCount(PortfolioId portfolio, Instant since) {
        return 0;
    }
}
