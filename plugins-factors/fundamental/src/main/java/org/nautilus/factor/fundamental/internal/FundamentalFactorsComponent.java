package org.nautilus.factor.fundamental.internal;

import java.util.List;
import java.util.Set;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.marketdata.BarSpec;
import org.nautilus.api.research.fundamental.FundamentalFactors;
import org.nautilus.api.research.store.BackfillRequest;
import org.nautilus.api.research.store.BackfillResult;
import org.nautilus.api.research.store.FactorBackfill;
import org.nautilus.api.research.store.FactorStore;
import org.nautilus.api.research.store.TimeRange;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fundamental factors over the factor store's bars and fundamentals, written back into it: a backfill of the
 * {@link FundamentalLibrary} expressions (the engine's batch, bit-identical to what it streams live).
 */
@Component(service = FundamentalFactors.class)
public final class FundamentalFactorsComponent implements FundamentalFactors {

    private static final Logger LOG = LoggerFactory.getLogger(FundamentalFactorsComponent.class);

    private final FactorStore store;
    private final FactorBackfill backfill;

    @Activate
    public FundamentalFactorsComponent(@Reference FactorStore store, @Reference FactorBackfill backfill) {
        this.store = store;
        this.backfill = backfill;
    }

    @Override
    public List<String> factors() {
        return FundamentalLibrary.names();
    }

    /** Backfills the library over the instrument's stored bar series ({@code spec} among them). */
    @Override
    public long backfill(InstrumentId instrument, BarSpec spec, TimeRange range) {
        if (store.bars(instrument, spec, range).isEmpty()) { // an unknown instrument is refused by the store
            throw new IllegalArgumentException("the factor store has no " + spec + " bars of " + instrument + " in "
                    + range);
        }
        store.fundamentalHistory(instrument); // refuses an instrument without fundamentals
        BackfillResult result = backfill.backfill(new BackfillRequest(Set.of(FundamentalLibrary.NAME),
                Set.of(instrument), range), progress -> {});
        String failure = result.failures().get(instrument);
        if (failure != null) {
            throw new IllegalArgumentException("fundamental factors of " + instrument + ": " + failure);
        }
        LOG.info("Fundamental factors of {}: {} values on {} bars", instrument, result.values(), result.bars());
        return result.values();
    }
}
