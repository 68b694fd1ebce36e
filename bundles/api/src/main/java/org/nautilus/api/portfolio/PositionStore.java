package org.nautilus.api.portfolio;

import java.util.List;
import java.util.Optional;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.domain.Position;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Where positions are kept durably (the Ignite grid in the platform). Implemented by the infrastructure,
 * used by the position keeper.
 */
@ConsumerType
public interface PositionStore {

    /**
     * Stores a position; when this returns, it survives a restart. If the implementation is also a
     * {@link org.nautilus.api.store.TradingStore} and a unit of work is open on the calling thread (the OMS's
     * writer applying a fill), the position joins that unit and commits atomically with it instead.
     */
    void save(Position position);

    Optional<Position> load(PortfolioId portfolio, InstrumentId instrument);

    List<Position> loadAll();

    /** Where the data lives, e.g. {@code ignite cache 'positions' (persistent, data/ignite)}. */
    String description();
}
