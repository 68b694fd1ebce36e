package org.nautilus.shell.internal;

import java.nio.file.Path;
import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.FileCompleter;
import org.apache.karaf.shell.support.table.ShellTable;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.research.store.FactorBackfill;
import org.nautilus.api.research.store.FactorStore;
import org.nautilus.api.research.store.Fundamental;

@Command(scope = "nautilus", name = "fundamentals", description = "An instrument's fundamentals as known at a moment, or loads a CSV file of them.", detailedDescription = "Fundamentals are kept bitemporally: a restatement is a new row, and a read as of a\n"
        + "moment sees, for each field and period, the latest figure published by then.\n"
        + "  nautilus:fundamentals --load etc/acme-fundamentals.csv     instrument,period_end,published,field,value\n"
        + "  nautilus:fundamentals --as-of 2013-05-15 ACME")
@Service
public class FundamentalsCommand implements Action {

    @Option(name = "--load", description = "CSV file to load first (instrument,period_end,published,field,value)")
    @Completion(FileCompleter.class)
    String load;

    @Option(name = "--as-of", description = "what was known then: a date (its end) or an instant; default now")
    String asOf;

    @Argument(index = 0, name = "symbol", description = "instrument (with --load: whose file it is, if it has no instrument column)")
    @Completion(StoredInstrumentCompleter.class)
    String symbol;

    @Reference
    FactorStore store;

    @Reference
    FactorBackfill backfill;

    @Reference
    Session session;

    @Override
    public Object execute() {
        if (load != null) {
            int rows = backfill.loadFundamentals(Path.of(load), symbol == null ? null : InstrumentId.of(symbol));
            System.out.println("Loaded " + rows + " rows from " + load);
            if (symbol == null) {
                return null;
            }
        }
        if (symbol == null) {
            throw new IllegalArgumentException("name an instrument, or a file with --load");
        }
        List<Fundamental> rows = store.fundamentals(InstrumentId.of(symbol), StoreTimes.moment("--as-of", asOf));
        ShellTable table = new ShellTable();
        table.column("FIELD");
        table.column("PERIOD END");
        table.column("PUBLISHED");
        table.column("VALUE").alignRight();
        rows.forEach(f -> table.addRow().addContent(f.field(), f.periodEnd(), Text.dateTime(f.published()),
                Text.number(f.value())));
        Text.print(table, session);
        return null;
    }
}
