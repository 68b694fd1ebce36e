package org.nautilus.api.portfolio;

import java.util.List;
import java.util.Optional;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.domain.Position;
import org.osgi.annotation.versioning.ProviderType;

/** The position keeper: positions per portfolio and instrument, built from fills. */
@ProviderType
public interface PositionService {

    /** Every position, sorted by portfolio then instrument. */
    List<Position> positions();

    List<Position> positions(PortfolioId portfolio);

    Optional<Position> position(PortfolioId portfolio, InstrumentId instrument);

    /** Every position valued at the current marks, sorted by portfolio then instrument. */
    List<PositionValuation> valuations();

    /** The portfolio's positions valued at the current marks, by instrument. */
    List<PositionValuation> valuations(PortfolioId portfolio);
}
