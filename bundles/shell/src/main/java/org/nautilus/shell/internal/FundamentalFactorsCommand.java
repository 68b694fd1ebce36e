package org.nautilus.shell.internal;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.marketdata.BarSpec;
import org.nautilus.api.research.fundamental.FundamentalFactors;
import org.nautilus.api.research.store.TimeRange;

@Command(scope = "nautilus", name = "fundamental-factors", description = "Computes P/E, P/B, earnings yield, ROE and sales growth on stored bars from point-in-time fundamentals.", detailedDescription = "Each bar gets the fundamentals published by its end (the latest revision then), never a\n"
        + "later one; the values go into the factor store (read them with nautilus:factor-history --as-of).\n"
        + "Needs the instrument's bars and fundamentals in the store (a nautilus-data: route, or\n"
        + "nautilus:factor-backfill and nautilus:fundamentals --load). Prints a line per instrument.\n"
        + "  nautilus:fundamental-factors ACME\n"
        + "  nautilus:factor-history --as-of 2025-02-05 PE ACME")
@Service
public class FundamentalFactorsCommand implements Action {

    @Option(name = "--from", description = "first day written (yyyy-MM-dd); default: the first bar")
    String from;

    @Option(name = "--to", description = "last day written (yyyy-MM-dd); default: the last bar")
    String to;

    @Option(name = "--interval", description = "the bar series, ISO-8601 (default P1D)")
    @Completion(value = StringsCompleter.class, values = {"P1D", "PT1H", "PT5M", "PT1M"})
    String interval = "P1D";

    @Argument(index = 0, name = "symbols", required = true, multiValued = true, description = "instruments")
    @Completion(StoredInstrumentCompleter.class)
    List<String> symbols;

    // Optional: a mandatory reference would hold back every nautilus command until the plugin is installed.
    @Reference(optional = true)
    FundamentalFactors factors;

    @Override
    public Object execute() {
        if (factors == null) {
            throw new IllegalStateException("the fundamental factors are not installed: feature:install "
                    + "nautilus-factor-fundamental");
        }
        TimeRange range = TimeRange.ofDays(StoreTimes.day("--from", from), StoreTimes.day("--to", to));
        BarSpec spec = BarSpec.time(Duration.parse(interval.strip().toUpperCase(Locale.ROOT)));
        int done = 0;
        for (String symbol : symbols) {
            long values = factors.backfill(InstrumentId.of(symbol), spec, range);
            System.out.println(String.format(Locale.ROOT, "%d/%d %s: %,d values of %s", ++done, symbols.size(), symbol,
                    values, factors.factors()));
        }
        return null;
    }
}
