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
     * Measures the portfolio over the request's range and writes its tearsheet.
     *
     * @throws IllegalArgumentException if the portfolio has no fills up to the range's end
     */
    LiveTearsheet tearsheet(LiveTearsheetRequest request);
}
