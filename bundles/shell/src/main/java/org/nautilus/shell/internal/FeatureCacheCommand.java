package org.nautilus.shell.internal;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.marketdata.BarSpec;
import org.nautilus.api.research.cache.FeatureCache;
import org.nautilus.api.research.cache.FeatureVector;

@Command(scope = "nautilus", name = "feature-cache", description = "Shows the grid's feature cache: its write counters, or the cached feature vectors of instruments.", detailedDescription = "The feature engine writes each library's latest vector per instrument and bar series\n"
        + "to the partitioned Ignite cache nautilus-features (written behind, coalesced), with a snapshot\n"
        + "of its streaming state every cache.state.every bars (etc/nautilus.research.cfg); any node reads\n"
        + "them, model serving scores from them, a restarted node resumes its streams from them.\n"
        + "  nautilus:feature-cache                                     counters\n"
        + "  nautilus:feature-cache -l alpha158 -s P1D AAPL.NASDAQ      the cached vector (any node's)")
@Service
public class FeatureCacheCommand implements Action {

    @Option(name = "-l", aliases = "--library", description = "factor library of the vectors to show")
    @Completion(FactorLibraryCompleter.class)
    String library;

    @Option(name = "-s", aliases = "--bars", description = "bar series, e.g. P1D or PT1S (default: P1D)")
    String bars = "P1D";

    @Argument(index = 0, name = "symbols", multiValued = true, description = "instruments whose vectors to show")
    @Completion(InstrumentCompleter.class)
    List<String> symbols;

    @Reference(optional = true)
    FeatureCache cache;

    @Override
    public Object execute() {
        if (cache == null) {
            throw new IllegalStateException("no feature cache: it runs in the grid bundle (feature nautilus-grid)");
        }
        if (symbols == null || symbols.isEmpty()) {
            FeatureCache.Stats s = cache.stats();
            System.out.println(String.format(Locale.ROOT, "offered %,d, written %,d in %,d batches, pending %,d,"
                    + " failed batches %,d", s.offered(), s.written(), s.batches(), s.pending(), s.failures()));
            return null;
        }
        if (library == null) {
            throw new IllegalArgumentException("-l LIBRARY is required with instruments (e.g. -l alpha158)");
        }
        BarSpec spec = BarSpec.parse(bars);
        Map<InstrumentId, FeatureVector> vectors = new TreeMap<>(cache.vectors(
                symbols.stream().map(InstrumentId::of).toList(), spec, library));
        for (String symbol : symbols) {
            FeatureVector v = vectors.get(InstrumentId.of(symbol));
            if (v == null) {
                System.out.println(symbol + ": no " + library + " vector on " + spec + " in the cache");
                continue;
            }
            System.out.println(String.format(Locale.ROOT, "%s %s %s as of %s (program %s):", symbol, library, spec,
                    v.asOf(), v.program().substring(0, 12)));
            for (int i = 0; i < v.names().size(); i++) {
                System.out.println(String.format(Locale.ROOT, "  %-24s %s", v.names().get(i), v.values()[i]));
            }
        }
        return null;
    }
}
