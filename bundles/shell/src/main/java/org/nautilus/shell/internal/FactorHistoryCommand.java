package org.nautilus.shell.internal;

import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.marketdata.BarSpec;
import org.nautilus.api.research.FactorValue;
import org.nautilus.api.research.store.FactorStore;
import org.nautilus.api.research.store.TimeRange;

@Command(scope = "nautilus", name = "factor-history", description = "A factor's stored values on instruments over a range of days, as known at a moment.", detailedDescription = "Reads the factor store (fill it with nautilus:factor-backfill). --as-of shows only\n"
        + "what was known then (a date means its end):\n"
        + "  nautilus:factor-history KMID AAPL.NASDAQ --from 2013-06-01 --to 2013-06-30\n"
        + "  nautilus:factor-history --as-of 2013-06-14 ROC5 AAPL.NASDAQ")
@Service
public class FactorHistoryCommand implements Action {

    @Option(name = "--from", description = "first day (yyyy-MM-dd)")
    String from;

    @Option(name = "--to", description = "last day (yyyy-MM-dd)")
    String to;

    @Option(name = "--as-of", description = "only what was known then: a date (its end) or an instant")
    String asOf;

    @Option(name = "-s", aliases = "--bars", description = "bar series, e.g. PT24H (default: all)")
    String bars;

    @Option(name = "-n", aliases = "--last", description = "only the last N values (0: all)")
    int last = 0;

    @Argument(index = 0, name = "name", required = true, description = "factor name")
    @Completion(StoredFactorCompleter.class)
    String name;

    @Argument(index = 1, name = "symbols", required = true, multiValued = true, description = "instruments")
    @Completion(StoredInstrumentCompleter.class)
    List<String> symbols;

    @Reference
    FactorStore store;

    @Reference
    Session session;

    @Override
    public Object execute() {
        TimeRange range = TimeRange.ofDays(StoreTimes.day("--from", from), StoreTimes.day("--to", to));
        List<FactorValue> values = store.history(name, symbols.stream().map(InstrumentId::of).toList(),
                bars == null ? null : BarSpec.parse(bars), range, StoreTimes.moment("--as-of", asOf));
        if (last > 0 && values.size() > last) {
            values = values.subList(values.size() - last, values.size());
        }
        Text.printValues(name, values, "values", session);
        return null;
    }
}
