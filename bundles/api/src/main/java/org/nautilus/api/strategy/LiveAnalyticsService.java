package org.nautilus.api.strategy;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Performance analytics of live trading: the same metrics and tearsheet as a backtest's, from a portfolio's fills in
 * the OMS's audit journal and the marks of its instruments.
 *
 * @since 1.4
 */
@ProviderType
public interface LiveAnalyticsService {

    /**
     * Measures the portfolio over the request's range and writes its tearsheet; with a benchmark, also its beta and
     * alpha to that instrument's prices (the bars the market data gateway keeps of it, sampled at the points of the
     * equity curve).
     *
     * @throws IllegalArgumentException       if the portfolio has no fills up to the range's end
     * @throws java.util.NoSuchElementException if the benchmark is not an instrument the platform knows (nothing is
     *                                        written)
     */
    LiveTearsheet tearsheet(LiveTearsheetRequest request);
}
