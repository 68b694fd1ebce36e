package org.nautilus.research.internal.store;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.marketdata.BarSpec;
import org.nautilus.api.research.expression.FactorLibrary;
import org.nautilus.api.research.sentiment.SentimentService;
import org.nautilus.api.research.store.BackfillProgress;
import org.nautilus.api.research.store.BackfillRequest;
import org.nautilus.api.research.store.BackfillResult;
import org.nautilus.api.research.store.FactorBackfill;
import org.nautilus.api.research.store.FactorStore;
import org.nautilus.research.internal.data.BarFileException;
import org.nautilus.research.internal.data.FundamentalsCsvReader;
import org.nautilus.research.internal.features.CompiledLibrary;
import org.nautilus.research.internal.features.PointInTimeSources;
import org.nautilus.research.internal.training.Placeholders;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Backfills the factor libraries registered as services into the {@link FactorStore}, over the bar series the store
 * already holds (what the data connectors loaded) and the configured historical bar files ({@code backfill.from}).
 * Fundamental fields read the store's fundamentals, {@code $sentiment} the sentiment service when one runs. One
 * backfill at a time.
 */
@Component(service = FactorBackfill.class, configurationPid = FactorStoreConfig.PID)
public final class FactorBackfillComponent implements FactorBackfill {

    private static final Logger LOG = LoggerFactory.getLogger(FactorBackfillComponent.class);

    private final FactorStore store;
    private final List<BarSource> sources;
    private final boolean fromStore;
    private final boolean fromFiles;
    private final PointInTimeSources pointInTime;
    private final Map<FactorLibrary, CompiledLibrary> libraries = new ConcurrentHashMap<>();

    @Activate
    public FactorBackfillComponent(@Reference FactorStore store, FactorStoreConfig config) {
        this.store = store;
        String home = System.getProperty("karaf.home", ".");
        this.sources = BarSource.parseAll(config.backfill_sources(), Path.of(home),
                text -> Placeholders.resolve(text, System::getProperty));
        Set<String> from = readsFrom(config.backfill_from());
        this.fromStore = from.contains("store");
        this.fromFiles = from.contains("files");
        this.pointInTime = new PointInTimeSources(store, null);
    }

    /** {@code store}, {@code files} or both, comma-separated; anything else is refused with what is allowed. */
    static Set<String> readsFrom(String text) {
        Set<String> from = new TreeSet<>();
        for (String part : (text == null ? "" : text).split(",")) {
            String name = part.strip();
            if (!name.equals("store") && !name.equals("files")) {
                throw new IllegalArgumentException("backfill.from = '" + text + "': name 'store', 'files' or both"
                        + " ('store, files'), not '" + name + "'");
            }
            from.add(name);
        }
        return from;
    }

    /** The sentiment service, when one runs: {@code $sentiment} reads it (else NaN). */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    public void bindSentiment(SentimentService service) {
        pointInTime.sentiment(service);
    }

    public void unbindSentiment(SentimentService service) {
        pointInTime.removeSentiment(service);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    public void addLibrary(FactorLibrary library) { // public: a grid test runs this component on several nodes
        try {
            libraries.put(library, CompiledLibrary.compile(library));
        } catch (RuntimeException e) {
            LOG.error("Factor library {} could not be read; backfills leave it out", library.getClass().getName(), e);
        }
    }

    public void removeLibrary(FactorLibrary library) {
        libraries.remove(library);
    }

    @Override
    public List<InstrumentId> instruments() {
        return jobs().stream().map(Backfill.Job::instrument).sorted().distinct().toList();
    }

    /**
     * What a backfill of everything would read: each bar series the store holds, then each file of a series the
     * store does not hold.
     */
    private List<Backfill.Job> jobs() {
        List<Backfill.Job> jobs = new ArrayList<>();
        Set<String> held = new HashSet<>();
        if (fromStore) {
            for (InstrumentId instrument : store.instruments()) {
                for (BarSpec spec : store.barSpecs(instrument)) {
                    jobs.add(Backfill.stored(store, instrument, spec));
                    held.add(instrument + " " + spec);
                }
            }
        }
        if (fromFiles) {
            List<BarSource> files = sources.stream()
                    .filter(source -> !held.contains(source.instrument() + " " + source.spec())).toList();
            jobs.addAll(Backfill.jobs(files));
        }
        return jobs;
    }

    @Override
    public List<String> libraries() {
        return libraries.values().stream().map(CompiledLibrary::name).sorted().distinct().toList();
    }

    @Override
    public synchronized BackfillResult backfill(BackfillRequest request, Consumer<BackfillProgress> progress) {
        List<CompiledLibrary> chosen = new ArrayList<>();
        Set<String> unknown = new TreeSet<>(request.libraries());
        for (CompiledLibrary library : libraries.values()) {
            if (request.libraries().isEmpty() || request.libraries().contains(library.name())) {
                chosen.add(library);
                unknown.remove(library.name());
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("no factor library " + unknown + "; libraries: " + libraries());
        }
        if (chosen.isEmpty()) {
            throw new IllegalArgumentException(
                    "no factor library is installed (e.g. feature:install nautilus-factor-alpha158)");
        }
        Set<InstrumentId> missing = new TreeSet<>(request.instruments());
        List<Backfill.Job> jobs = new ArrayList<>();
        for (Backfill.Job job : jobs()) {
            if (request.instruments().isEmpty() || request.instruments().contains(job.instrument())) {
                jobs.add(job);
                missing.remove(job.instrument());
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("no historical bars of " + missing + " to backfill from; instruments: "
                    + instruments() + " (bars stored by the data connectors, or backfill.sources in etc/"
                    + FactorStoreConfig.PID + ".cfg; backfill.from = " + (fromStore ? "store" : "")
                    + (fromStore && fromFiles ? ", " : "") + (fromFiles ? "files" : "") + ")");
        }
        chosen.sort(Comparator.comparing(CompiledLibrary::name));
        LOG.info("Backfilling {} over {} bar series in {} ({} from the store)",
                chosen.stream().map(CompiledLibrary::name).toList(), jobs.size(), request.range(),
                jobs.stream().filter(Backfill.Job::stored).count());
        BackfillResult result = new Backfill(store, pointInTime).run(chosen, jobs, request.range(), p -> {
            if (p.failure() != null) {
                LOG.warn("Backfill of {} failed: {}", p.instrument(), p.failure());
            }
            progress.accept(p);
        });
        LOG.info("Backfilled {} instruments: {} bars, {} values in {} ms", result.instruments(), result.bars(),
                result.values(), result.elapsed().toMillis());
        return result;
    }

    @Override
    public int loadFundamentals(Path file, InstrumentId instrument) {
        try {
            return store.writeFundamentals(FundamentalsCsvReader.read(file, instrument));
        } catch (BarFileException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
