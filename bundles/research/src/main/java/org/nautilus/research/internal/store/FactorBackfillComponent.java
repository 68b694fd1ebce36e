package org.nautilus.research.internal.store;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.research.expression.FactorLibrary;
import org.nautilus.api.research.store.BackfillProgress;
import org.nautilus.api.research.store.BackfillRequest;
import org.nautilus.api.research.store.BackfillResult;
import org.nautilus.api.research.store.FactorBackfill;
import org.nautilus.api.research.store.FactorStore;
import org.nautilus.research.internal.data.BarFileException;
import org.nautilus.research.internal.data.FundamentalsCsvReader;
import org.nautilus.research.internal.features.CompiledLibrary;
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
 * Backfills the factor libraries registered as services over the configured historical bar files into the
 * {@link FactorStore}. One backfill at a time.
 */
@Component(service = FactorBackfill.class, configurationPid = FactorStoreConfig.PID)
public final class FactorBackfillComponent implements FactorBackfill {

    private static final Logger LOG = LoggerFactory.getLogger(FactorBackfillComponent.class);

    private final FactorStore store;
    private final List<BarSource> sources;
    private final Map<FactorLibrary, CompiledLibrary> libraries = new ConcurrentHashMap<>();

    @Activate
    public FactorBackfillComponent(@Reference FactorStore store, FactorStoreConfig config) {
        this.store = store;
        String home = System.getProperty("karaf.home", ".");
        this.sources = BarSource.parseAll(config.backfill_sources(), Path.of(home),
                text -> Placeholders.resolve(text, System::getProperty));
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
        return sources.stream().map(BarSource::instrument).sorted().distinct().toList();
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
        List<BarSource> chosenSources = new ArrayList<>();
        for (BarSource source : sources) {
            if (request.instruments().isEmpty() || request.instruments().contains(source.instrument())) {
                chosenSources.add(source);
                missing.remove(source.instrument());
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("no historical bars of " + missing + " to backfill from; instruments: "
                    + instruments() + " (backfill.sources in etc/" + FactorStoreConfig.PID + ".cfg)");
        }
        chosen.sort(Comparator.comparing(CompiledLibrary::name));
        LOG.info("Backfilling {} over {} instruments in {}", chosen.stream().map(CompiledLibrary::name).toList(),
                chosenSources.size(), request.range());
        BackfillResult result = new Backfill(store).run(chosen, Backfill.jobs(chosenSources), request.range(), p -> {
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
