package org.nautilus.portfolio.internal.core;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.nautilus.api.domain.Fill;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Money;
import org.nautilus.api.domain.OrderId;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.domain.Position;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.domain.Side;
import org.nautilus.api.domain.VenueId;

/** Fill builders for the position tests. */
final class Fills {

    static final PortfolioId MAIN = PortfolioId.of("main");
    static final InstrumentId AAPL = InstrumentId.of("AAPL");
    static final Instant T0 = Instant.parse("2024-03-01T14:30:00Z");
    private static final AtomicLong IDS = new AtomicLong();

    private Fills() {
    }

    static Fill buy(String quantity, String price) {
        return fill(Side.BUY, quantity, price, "0");
    }

    static Fill sell(String quantity, String price) {
        return fill(Side.SELL, quantity, price, "0");
    }

    static Fill fill(Side side, String quantity, String price, String commission) {
        return fill(MAIN, AAPL, side, Quantity.of(quantity), Price.of(price), Money.of(commission));
    }

    static Fill fill(PortfolioId portfolio, InstrumentId instrument, Side side, Quantity quantity, Price price,
            Money commission) {
        long n = IDS.incrementAndGet();
        return new Fill("X-" + n, OrderId.of(n), portfolio, instrument, VenueId.of("SIM"), side, quantity, price,
                commission, T0.plusSeconds(n));
    }

    static Position flat() {
        return Position.flat(MAIN, AAPL, T0);
    }

    static Position fold(Fill... fills) {
        Position position = flat();
        for (Fill fill : fills) {
            position = NettingPosition.apply(position, fill);
        }
        return position;
    }
}
