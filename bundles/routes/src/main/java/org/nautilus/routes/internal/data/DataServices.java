package org.nautilus.routes.internal.data;

import java.util.function.Supplier;
import org.nautilus.api.research.data.DataFiles;
import org.nautilus.api.research.sentiment.SentimentService;
import org.nautilus.api.research.store.FactorStore;

/**
 * The research services the data connectors use, each possibly absent (its bundle stopped or not installed): a
 * connector that needs a missing one fails its exchange with a message saying which bundle or feature to start.
 */
public record DataServices(Supplier<DataFiles> files, Supplier<FactorStore> store,
        Supplier<SentimentService> sentiment) {

    DataFiles filesOrFail() {
        return require(files.get(), "the data files service is not available: is the bundle nautilus-research active?");
    }

    FactorStore storeOrFail() {
        return require(store.get(), "the factor store is not available: is the bundle nautilus-research active?");
    }

    SentimentService sentimentOrFail() {
        return require(sentiment.get(),
                "no sentiment service takes news items: feature:install nautilus-factor-sentiment");
    }

    private static <T> T require(T service, String message) {
        if (service == null) {
            throw new IllegalStateException(message);
        }
        return service;
    }
}
