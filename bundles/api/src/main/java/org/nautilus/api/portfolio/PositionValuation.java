package org.nautilus.api.portfolio;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Money;
import org.nautilus.api.domain.Position;
import org.nautilus.api.domain.Price;

/**
 * A position valued at the current mark of the market data gateway.
 *
 * @param position      the position
 * @param mark          the mark used (last trade, else mid), or {@code null} if the instrument has none yet
 * @param unrealizedPnl (mark − average price) × quantity; zero without a mark or when flat
 * @param totalPnl      realized + unrealized − commissions
 */
public record PositionValuation(Position position, Price mark, Money unrealizedPnl, Money totalPnl) {

    public PositionValuation {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(unrealizedPnl, "unrealizedPnl");
        Objects.requireNonNull(totalPnl, "totalPnl");
    }

    /** Values {@code position} at {@code mark} ({@code null}: no mark, unrealized P&amp;L zero). */
    public static PositionValuation of(Position position, Price mark) {
        Money unrealized = mark == null || position.isFlat() ? Money.ZERO : position.unrealizedPnl(mark);
        return new PositionValuation(position, mark, unrealized,
                position.realizedPnl().plus(unrealized).minus(position.commissions()));
    }

    /** Values each position at its instrument's mark from {@code marks}, in the order given. */
    public static List<PositionValuation> atMarks(List<Position> positions,
            Function<InstrumentId, Optional<Price>> marks) {
        List<PositionValuation> valuations = new ArrayList<>(positions.size());
        for (Position position : positions) {
            valuations.add(of(position, marks.apply(position.instrumentId()).orElse(null)));
        }
        return valuations;
    }
}
