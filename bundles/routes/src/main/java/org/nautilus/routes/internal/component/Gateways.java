package org.nautilus.routes.internal.component;

import java.util.function.Supplier;
import org.nautilus.api.marketdata.MarketDataService;

/** The platform services the Camel components talk to; absent ones give a clear error when used. */
public final class Gateways {

    private final Supplier<MarketDataService> marketData;

    public Gateways(Supplier<MarketDataService> marketData) {
        this.marketData = marketData;
    }

    /** The gateway, or {@code null} while none is registered. */
    public MarketDataService marketDataOrNull() {
        return marketData.get();
    }

    public MarketDataService marketData() {
        MarketDataService service = marketData.get();
        if (service == null) {
            throw new IllegalStateException(
                    "the market data gateway is not available: is the bundle nautilus-marketdata active?");
        }
        return service;
    }
}
