package org.nautilus.shell.internal;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.research.store.BackfillRequest;
import org.nautilus.api.research.store.BackfillResult;
import org.nautilus.api.research.store.ClusterBackfillResult;
import org.nautilus.api.research.store.DistributedBackfill;
import org.nautilus.api.research.store.FactorBackfill;
import org.nautilus.api.research.store.FactorStore;
import org.nautilus.api.research.store.TimeRange;

@Command(scope = "nautilus", name = "factor-backfill", description = "Computes factor libraries over historical bars and writes bars and values into the factor store.", detailedDescription = "Reads each instrument's bars: the bar series the data connectors stored in the factor\n"
        + "store, and the files of backfill.sources in etc/nautilus.factorstore.cfg (the shipped Apple daily\n"
        + "bars of 2013) for series the store does not hold (backfill.from chooses). Computes the libraries\n"
        + "over the whole series with the live engine's kernels (the same values, bit for bit), fundamental\n"
        + "fields ($eps, PSum($eps,4)) and $sentiment as known at each bar's end, and replaces the store's\n"
        + "values (and the bars read from files) in the range; running it again gives the same store.\n"
        + "Prints a line per instrument.\n"
        + "  nautilus:factor-backfill                                    every library, every instrument\n"
        + "  nautilus:factor-backfill -l alpha158 --from 2013-06-01 AAPL.NASDAQ\n"
        + "With --cluster the instruments are split by their feature-cache partition and each node of the\n"
        + "grid computes and writes its own (Ignite compute jobs); a line per node.\n"
        + "  nautilus:factor-backfill --cluster -l alpha158")
@Service
public class FactorBackfillCommand implements Action {

    @Option(name = "-l", aliases = "--library", multiValued = true, description = "factor library (repeatable); default: all")
    @Completion(BackfillLibraryCompleter.class)
    List<String> libraries;

    @Option(name = "--from", description = "first day written (yyyy-MM-dd); default: the first bar")
    String from;

    @Option(name = "--to", description = "last day written (yyyy-MM-dd); default: the last bar")
    String to;

    @Argument(index = 0, name = "symbols", multiValued = true, description = "instruments; default: every one with bars")
    @Completion(StoredInstrumentCompleter.class)
    List<String> symbols;

    @Option(name = "--cluster", description = "split the work across the grid's nodes by instrument partition")
    boolean cluster;

    @Reference
    FactorBackfill backfill;

    @Reference(optional = true)
    DistributedBackfill distributed;

    @Reference
    FactorStore store;

    @Override
    public Object execute() {
        TimeRange range = TimeRange.ofDays(StoreTimes.day("--from", from), StoreTimes.day("--to", to));
        Set<String> chosen = libraries == null ? Set.of() : Set.copyOf(libraries);
        Set<InstrumentId> instruments = symbols == null ? Set.of()
                : symbols.stream().map(InstrumentId::of).collect(Collectors.toSet());
        if (cluster) {
            if (distributed == null) {
                throw new IllegalStateException("--cluster needs the grid's distributed backfill (nautilus-grid with"
                        + " the research feature); run without --cluster to backfill on this node");
            }
            System.out.println("Backfilling " + (chosen.isEmpty() ? backfill.libraries() : chosen)
                    + " across the cluster, each node into its own store");
            ClusterBackfillResult result = distributed.backfill(new BackfillRequest(chosen, instruments, range),
                    System.out::println);
            System.out.println(String.format(Locale.ROOT, "Backfilled %d instruments on %d nodes: %,d values in %.1f s",
                    result.instruments(), result.shares().size(), result.values(),
                    result.elapsed().toMillis() / 1000.0));
            List<String> failures = result.shares().stream().flatMap(s -> s.failures().stream()).toList();
            if (!failures.isEmpty()) {
                throw new IllegalStateException(failures.size() + " instruments failed: " + failures);
            }
            return null;
        }
        System.out.println("Backfilling " + (chosen.isEmpty() ? backfill.libraries() : chosen) + " into "
                + store.location());
        BackfillResult result = backfill.backfill(new BackfillRequest(chosen, instruments, range),
                p -> System.out.println(String.format(Locale.ROOT, "%d/%d %s: %s, %,d bars, %,d values, %,.0f values/s",
                        p.instrumentsDone(), p.instruments(), p.instrument(),
                        p.failure() == null ? "done" : "FAILED " + p.failure(), p.bars(), p.values(),
                        p.valuesPerSecond())));
        System.out.println(String.format(Locale.ROOT, "Backfilled %s: %d instruments, %,d bars, %,d values in %.1f s",
                result.libraries(), result.instruments(), result.bars(), result.values(),
                result.elapsed().toMillis() / 1000.0));
        if (!result.failures().isEmpty()) {
            throw new IllegalStateException(result.failures().size() + " instruments failed: " + result.failures());
        }
        return null;
    }
}
