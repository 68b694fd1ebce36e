package org.nautilus.research.internal.store;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration PID {@value #PID}: where the factor store keeps its files and what a backfill reads. */
@ObjectClassDefinition(name = "Nautilus factor store", description = "The point-in-time factor store (Parquet files read and written by an in-memory DuckDB).")
public @interface FactorStoreConfig {

    String PID = "nautilus.factorstore";

    @AttributeDefinition(name = "Directory", description = "Where the Parquet files are; ${karaf.home} is replaced "
            + "by the Karaf home directory. Several processes may read it; each instrument should have one writer.")
    String directory() default "${karaf.home}/data/factors";

    @AttributeDefinition(name = "Date partition", description = "year, month or day: how finely an instrument's "
            + "history is split into files.")
    String partition_date() default "year";

    @AttributeDefinition(name = "DuckDB threads", description = "Worker threads of DuckDB; 0 for one per core.", min = "0")
    int threads() default 0;

    @AttributeDefinition(name = "Backfill reads", description = "Where a backfill reads bars: 'store' (the bar "
            + "series the data connectors stored in the factor store), 'files' (backfill.sources), or 'store, files' "
            + "(the store's series, and the files for series the store does not hold).")
    String backfill_from() default "store, files";

    @AttributeDefinition(name = "Backfill sources", description = "Historical bar files a backfill reads: entries "
            + "SYMBOL | FILE | INTERVAL separated by ';' (CSV files as CsvBarReader reads them; a relative file is "
            + "under the Karaf home).")
    String backfill_sources() default "AAPL.NASDAQ | samples/appleinc_bars_from_20130101_usd.csv | P1D";
}
