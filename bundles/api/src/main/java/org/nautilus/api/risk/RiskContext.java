package org.nautilus.api.risk;

import java.time.Instant;
import java.util.Optional;
import org.nautilus.api.domain.Instrument;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.domain.Position;
import org.nautilus.api.domain.Price;
import org.osgi.annotation.versioning.ProviderType;

/** What a risk rule may look at while checking an order. */
@ProviderType
public interface RiskContext {

    Optional<Instrument> instrument(InstrumentId id);

    /** The current mark (last trade, else mid), if the instrument has market data. */
    Optional<Price> mark(InstrumentId id);

    /** The current position, flat if there is none. */
    Position position(PortfolioId portfolio, InstrumentId instrument);

    Instant now();
}
