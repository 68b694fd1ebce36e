package org.nautilus.api.risk;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.nautilus.api.domain.Money;
import org.nautilus.api.domain.PortfolioId;

/**
 * A portfolio's risk at one moment, computed from its positions and the current marks. Amounts are summed
 * in the instruments' quote currencies without FX conversion (one currency per portfolio is assumed).
 *
 * @param portfolio          the portfolio
 * @param grossExposure      Σ |quantity × mark × multiplier|
 * @param netExposure        Σ quantity × mark × multiplier (long minus short)
 * @param dailyRealizedPnl   realized P&amp;L since the start of the trading day, after commissions
 * @param dailyUnrealizedPnl change of unrealized P&amp;L since the start of the trading day
 * @param dailyPnl           the sum of both
 * @param equity             configured capital plus all P&amp;L to date
 * @param leverage           gross exposure / equity, {@code null} if equity is not positive
 * @param varConfidence      the VaR confidence level, e.g. 0.95
 * @param varHorizon         the horizon of the VaR: the interval of the bars its returns come from
 * @param varObservations    the number of return scenarios both VaR figures use
 * @param historicalVar      historical-simulation VaR (a loss as a positive amount), {@code null} if there
 *                           are too few returns
 * @param parametricVar      variance-covariance VaR (z × σ of the same scenario P&amp;Ls, mean assumed 0),
 *                           {@code null} if there are too few returns
 * @param asOf               when it was computed
 */
public record RiskMetrics(PortfolioId portfolio, Money grossExposure, Money netExposure, Money dailyRealizedPnl,
        Money dailyUnrealizedPnl, Money dailyPnl, Money equity, BigDecimal leverage,
        BigDecimal varConfidence, Duration varHorizon, int varObservations,
        Money historicalVar, Money parametricVar, Instant asOf) {

    public RiskMetrics {
        Objects.requireNonNull(portfolio, "portfolio");
        Objects.requireNonNull(grossExposure, "grossExposure");
        Objects.requireNonNull(netExposure, "netExposure");
        Objects.requireNonNull(dailyRealizedPnl, "dailyRealizedPnl");
        Objects.requireNonNull(dailyUnrealizedPnl, "dailyUnrealizedPnl");
        Objects.requireNonNull(dailyPnl, "dailyPnl");
        Objects.requireNonNull(equity, "equity");
        Objects.requireNonNull(varConfidence, "varConfidence");
        Objects.requireNonNull(asOf, "asOf");
    }
}
