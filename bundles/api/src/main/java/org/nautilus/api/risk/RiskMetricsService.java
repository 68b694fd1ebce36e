package org.nautilus.api.risk;

import java.util.List;
import org.nautilus.api.domain.PortfolioId;
import org.osgi.annotation.versioning.ProviderType;

/** Risk metrics per portfolio: exposure, daily P&amp;L, leverage and VaR, computed at the current marks. */
@ProviderType
public interface RiskMetricsService {

    /** The portfolio's metrics now; a portfolio without positions has zero exposure. */
    RiskMetrics metrics(PortfolioId portfolio);

    /** The metrics of every portfolio that has positions, by portfolio. */
    List<RiskMetrics> metrics();
}
