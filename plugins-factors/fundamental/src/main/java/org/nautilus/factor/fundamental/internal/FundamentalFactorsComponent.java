package org.nautilus.factor.fundamental.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.marketdata.Bar;
import org.nautilus.api.marketdata.BarSpec;
import org.nautilus.api.research.fundamental.FundamentalFactors;
import org.nautilus.api.research.store.FactorSeries;
import org.nautilus.api.research.store.FactorStore;
import org.nautilus.api.research.store.Fundamental;
import org.nautilus.api.research.store.TimeRange;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The fundamental factors over the factor store's bars and fundamentals, written back into it. */
@Component(service = FundamentalFactors.class)
public final class FundamentalFactorsComponent implements FundamentalFactors {

    private static final Logger LOG = LoggerFactory.getLogger(FundamentalFactorsComponent.class);

    private final FactorStore store;

    @Activate
    public FundamentalFactorsComponent(@Reference FactorStore store) {
        this.store = store;
    }

    @Override
    public List<String> factors() {
        return FundamentalStream.FACTORS;
    }

    @Override
    public long backfill(InstrumentId instrument, BarSpec spec, TimeRange range) {
        List<Bar> bars = store.bars(instrument, spec, range);
        if (bars.isEmpty()) {
            throw new IllegalArgumentException("the factor store has no " + spec + " bars of " + instrument + " in "
                    + range);
        }
        FactorSeries series = compute(instrument, spec, bars, store.fundamentalHistory(instrument));
        long written = store.replaceValues(series, range);
        LOG.info("Fundamental factors of {}: {} values on {} bars", instrument, written, bars.size());
        return written;
    }

    /** The factors on each bar (oldest first) from the rows known at its end: the batch, the stream run through. */
    static FactorSeries compute(InstrumentId instrument, BarSpec spec, List<Bar> bars,
            List<Fundamental> history) {
        FundamentalStream stream = new FundamentalStream(history);
        double[][] values = new double[FundamentalStream.FACTORS.size()][bars.size()];
        List<Instant> times = new ArrayList<>(bars.size());
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            double[] row = stream.next(bar.end(), bar.close().toBigDecimal().doubleValue());
            for (int f = 0; f < row.length; f++) {
                values[f][i] = row[f];
            }
            times.add(bar.end());
        }
        return new FactorSeries(instrument, spec, times, FundamentalStream.FACTORS, values);
    }
}
