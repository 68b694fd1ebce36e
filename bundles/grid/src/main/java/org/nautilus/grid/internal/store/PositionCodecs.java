package org.nautilus.grid.internal.store;

import org.apache.ignite.binary.BinaryObject;
import org.apache.ignite.binary.BinaryObjectBuilder;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Money;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.domain.Position;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;

/** Stored form of positions: fixed-point amounts as their raw {@code long}s, so a round trip is exact. */
final class PositionCodecs {

    /** Key of a position. Partitioned by portfolio, so a portfolio's positions (and later its orders) colocate. */
    record PositionKey(PortfolioId portfolio, InstrumentId instrument) {

        static PositionKey of(Position position) {
            return new PositionKey(position.portfolioId(), position.instrumentId());
        }
    }

    static final String KEY_TYPE = "nautilus.PositionKey";
    static final String AFFINITY_FIELD = "portfolio";

    static final BinaryCodec<PositionKey> KEY = new BinaryCodec<>() {
        @Override
        public String typeName() {
            return KEY_TYPE;
        }

        @Override
        public void write(PositionKey key, BinaryObjectBuilder out) {
            // Field order is part of the key's identity (Ignite compares key bytes): keep it fixed.
            out.setField(AFFINITY_FIELD, key.portfolio().value(), String.class);
            out.setField("instrument", key.instrument().value(), String.class);
        }

        @Override
        public PositionKey read(BinaryObject in) {
            return new PositionKey(PortfolioId.of(BinaryFields.string(in, AFFINITY_FIELD)),
                    InstrumentId.of(BinaryFields.string(in, "instrument")));
        }
    };

    static final BinaryCodec<Position> VALUE = new BinaryCodec<>() {
        @Override
        public String typeName() {
            return "nautilus.Position";
        }

        @Override
        public void write(Position p, BinaryObjectBuilder out) {
            out.setField("portfolio", p.portfolioId().value(), String.class);
            out.setField("instrument", p.instrumentId().value(), String.class);
            out.setField("quantity", p.quantity().raw(), long.class);
            out.setField("averagePrice", p.averagePrice().raw(), long.class);
            out.setField("realizedPnl", p.realizedPnl().raw(), long.class);
            out.setField("commissions", p.commissions().raw(), long.class);
            out.setField("fillCount", p.fillCount(), long.class);
            BinaryFields.writeInstant(out, "updatedAt", p.updatedAt());
        }

        @Override
        public Position read(BinaryObject in) {
            return new Position(PortfolioId.of(BinaryFields.string(in, "portfolio")),
                    InstrumentId.of(BinaryFields.string(in, "instrument")),
                    new Quantity(BinaryFields.int64(in, "quantity")),
                    new Price(BinaryFields.int64(in, "averagePrice")),
                    new Money(BinaryFields.int64(in, "realizedPnl")),
                    new Money(BinaryFields.int64(in, "commissions")),
                    BinaryFields.int64(in, "fillCount"),
                    BinaryFields.instant(in, "updatedAt"));
        }
    };

    private PositionCodecs() {
    }
}
