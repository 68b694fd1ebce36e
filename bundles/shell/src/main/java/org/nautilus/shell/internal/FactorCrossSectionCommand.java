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
import org.nautilus.api.marketdata.BarSpec;
import org.nautilus.api.research.FactorValue;
import org.nautilus.api.research.store.FactorStore;

@Command(scope = "nautilus", name = "factor-cross-section", description = "A factor across instruments at a date: each instrument's latest stored value known then.", detailedDescription = "DATE is a day (its end: that day's daily bar has closed) or an instant. Each row shows\n"
        + "the time of its value, so an instrument with no bar that day shows how old its value is:\n"
        + "  nautilus:factor-cross-section KMID 2013-06-28\n"
        + "  nautilus:factor-cross-section -s PT24H ROC5 2013-06-28T12:00:00Z")
@Service
public class FactorCrossSectionCommand implements Action {

    @Option(name = "-s", aliases = "--bars", description = "bar series, e.g. PT24H (default: each instrument's latest)")
    String bars;

    @Argument(index = 0, name = "name", required = true, description = "factor name")
    @Completion(StoredFactorCompleter.class)
    String name;

    @Argument(index = 1, name = "date", required = true, description = "a day (yyyy-MM-dd, its end) or an instant")
    String date;

    @Reference
    FactorStore store;

    @Reference
    Session session;

    @Override
    public Object execute() {
        List<FactorValue> values = store.crossSection(name, bars == null ? null : BarSpec.parse(bars),
                StoreTimes.moment("date", date));
        Text.printValues(name, values, "instruments", session);
        return null;
    }
}
