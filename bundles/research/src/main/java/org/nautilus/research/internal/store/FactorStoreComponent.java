package org.nautilus.research.internal.store;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.marketdata.Bar;
import org.nautilus.api.marketdata.BarSpec;
import org.nautilus.api.research.FactorValue;
import org.nautilus.api.research.store.FactorSeries;
import org.nautilus.api.research.store.FactorStore;
import org.nautilus.api.research.store.Fundamental;
import org.nautilus.api.research.store.TimeRange;
import org.nautilus.research.internal.training.Placeholders;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The factor store as a service: a {@link DuckDbFactorStore} on the configured directory, closed (DuckDB's native
 * database and its memory released) when the component stops or its configuration changes.
 */
@Component(service = FactorStore.class, configurationPid = FactorStoreConfig.PID)
@Designate(ocd = FactorStoreConfig.class)
public final class FactorStoreComponent implements FactorStore {

    private static final Logger LOG = LoggerFactory.getLogger(FactorStoreComponent.class);

    private final DuckDbFactorStore store;

    @Activate
    public FactorStoreComponent(FactorStoreConfig config) {
        Path directory = Path.of(Placeholders.resolve(config.directory(), System::getProperty));
        this.store = DuckDbFactorStore.open(directory, DatePartition.parse(config.partition_date()), config.threads());
        LOG.info("Factor store on {} (Parquet partitioned by instrument and {}, DuckDB in memory)", store.location(),
                config.partition_date());
    }

    @Deactivate
    void deactivate() {
        store.close();
        LOG.info("Factor store on {} closed", store.location());
    }

    @Override
    public int replaceBars(InstrumentId instrument, BarSpec spec, TimeRange range, List<Bar> bars) {
        return store.replaceBars(instrument, spec, range, bars);
    }

    @Override
    public long replaceValues(FactorSeries series, TimeRange range) {
        return store.replaceValues(series, range);
    }

    @Override
    public int writeFundamentals(List<Fundamental> rows) {
        return store.writeFundamentals(rows);
    }

    @Override
    public List<BarSpec> barSpecs(InstrumentId instrument) {
        return store.barSpecs(instrument);
    }

    @Override
    public long fundamentalsWritten() {
        return store.fundamentalsWritten();
    }

    @Override
    public List<InstrumentId> instruments() {
        return store.instruments();
    }

    @Override
    public List<String> factors() {
        return store.factors();
    }

    @Override
    public List<Bar> bars(InstrumentId instrument, BarSpec spec, TimeRange range) {
        return store.bars(instrument, spec, range);
    }

    @Override
    public List<FactorValue> history(String factor, Collection<InstrumentId> instruments, BarSpec spec, TimeRange range,
            Instant asOf) {
        return store.history(factor, instruments, spec, range, asOf);
    }

    @Override
    public List<FactorValue> crossSection(String factor, BarSpec spec, Instant asOf) {
        return store.crossSection(factor, spec, asOf);
    }

    @Override
    public List<Fundamental> fundamentals(InstrumentId instrument, Instant asOf) {
        return store.fundamentals(instrument, asOf);
    }

    @Override
    public List<Fundamental> fundamentalHistory(InstrumentId instrument) {
        return store.fundamentalHistory(instrument);
    }

    @Override
    public List<FactorValue> fundamentalOnBars(String field, Collection<InstrumentId> instruments, BarSpec spec,
            TimeRange range) {
        return store.fundamentalOnBars(field, instruments, spec, range);
    }

    @Override
    public String location() {
        return store.location();
    }
}
