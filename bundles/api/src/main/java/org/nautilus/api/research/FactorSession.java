package org.nautilus.api.research;

import org.nautilus.api.marketdata.Bar;
import org.nautilus.api.marketdata.BarSpec;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A private feature engine (from {@link FactorService#session()}): every factor registered when it was made (the
 * plugins and the libraries' definitions, computed by the same streaming kernels as live), computed over the bars
 * its owner gives it and no others. A backtest feeds it its bars, so its strategy reads the values live would have
 * had at each close. Its queries answer as {@link FactorService}'s do, from those bars only.
 *
 * <p>Not thread-safe: one thread feeds and reads it.
 *
 * @since 2.1
 */
@ProviderType
public interface FactorSession extends FactorService, AutoCloseable {

    /**
     * A bar of a series closed: every factor of the series is computed (a bar not after the series' last one is
     * ignored).
     */
    void onBar(BarSpec spec, Bar bar);

    /** Forgets everything it computed. */
    @Override
    void close();
}
