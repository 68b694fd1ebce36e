package org.nautilus.grid.internal.features;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteException;
import org.apache.ignite.cache.affinity.Affinity;
import org.apache.ignite.cluster.ClusterNode;
import org.apache.ignite.lang.IgniteCallable;
import org.apache.ignite.lang.IgniteFuture;
import org.apache.ignite.resources.IgniteInstanceResource;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.research.cache.FeatureCache;
import org.nautilus.api.research.store.BackfillRequest;
import org.nautilus.api.research.store.BackfillResult;
import org.nautilus.api.research.store.ClusterBackfillResult;
import org.nautilus.api.research.store.DistributedBackfill;
import org.nautilus.api.research.store.FactorBackfill;
import org.nautilus.api.research.store.TimeRange;
import org.nautilus.grid.internal.node.Grid;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A backfill split by instrument partition across the grid: each instrument's partition is the one of its entries in
 * the feature cache ({@link GridFeatureCache#CACHE}, affinity by instrument), the partitions are grouped by their
 * primary node, and each node is sent one compute job with its instruments; the job runs that node's own
 * {@link FactorBackfill} (published in the node's local map at activation, so the job finds it without OSGi), which
 * writes that node's store. The same request on one node or on three writes the same values: each instrument is
 * computed whole, by the same code, wherever it runs.
 */
@Component(service = DistributedBackfill.class)
public final class GridBackfill implements DistributedBackfill {

    /** Where a node's {@link FactorBackfill} waits for compute jobs (the node's local map). */
    static final String LOCAL_BACKFILL = "nautilus.research.backfill";
    private static final Logger LOG = LoggerFactory.getLogger(GridBackfill.class);

    private final Ignite ignite;
    private final FactorBackfill local;

    @Activate
    public GridBackfill(@Reference Grid grid, @Reference FactorBackfill local,
            @Reference(target = "(component.name=org.nautilus.grid.internal.features.GridFeatureCache)") FeatureCache partitions) {
        // the feature cache's partitions are the split: it is referenced so that it exists, configured, first
        this.ignite = grid.ignite();
        this.local = local;
        ignite.cluster().<String, Object> nodeLocalMap().put(LOCAL_BACKFILL, local);
    }

    @Deactivate
    void deactivate() {
        ignite.cluster().<String, Object> nodeLocalMap().remove(LOCAL_BACKFILL, local);
    }

    @Override
    public ClusterBackfillResult backfill(BackfillRequest request, Consumer<String> progress) {
        long t0 = System.nanoTime();
        List<InstrumentId> instruments = request.instruments().isEmpty() ? local.instruments()
                : List.copyOf(new TreeSet<>(request.instruments()));
        Set<InstrumentId> unknown = new TreeSet<>(request.instruments());
        local.instruments().forEach(unknown::remove);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("no historical bars of " + unknown + " to backfill from; instruments: "
                    + local.instruments());
        }
        Set<String> unknownLibraries = new TreeSet<>(request.libraries());
        unknownLibraries.removeAll(local.libraries());
        if (!unknownLibraries.isEmpty()) {
            throw new IllegalArgumentException("no factor library " + unknownLibraries + "; libraries: "
                    + local.libraries());
        }
        Map<ClusterNode, Share> shares = split(instruments);
        List<IgniteFuture<String[]>> futures = new ArrayList<>();
        List<Share> sent = new ArrayList<>();
        shares.forEach((node, share) -> {
            progress.accept(String.format("%s: %d instruments of %d partitions", node.consistentId(),
                    share.instruments.size(), share.partitions.size()));
            futures.add(ignite.compute(ignite.cluster().forNode(node)).callAsync(new BackfillJob(
                    List.copyOf(request.libraries()), share.instruments, request.range())));
            sent.add(share);
        });
        List<ClusterBackfillResult.NodeShare> results = new ArrayList<>();
        for (int i = 0; i < futures.size(); i++) {
            String[] answer;
            try {
                answer = futures.get(i).get();
            } catch (IgniteException e) {
                throw new IllegalStateException("the backfill of " + sent.get(i).instruments.size()
                        + " instruments on node " + sent.get(i).node + " failed: " + e.getMessage(), e);
            }
            ClusterBackfillResult.NodeShare share = new ClusterBackfillResult.NodeShare(answer[0],
                    sent.get(i).partitions.size(), Integer.parseInt(answer[1]), Long.parseLong(answer[2]),
                    Long.parseLong(answer[3]), Duration.ofMillis(Long.parseLong(answer[4])),
                    answer[5].isEmpty() ? List.of() : List.of(answer[5].split("\n")));
            progress.accept(String.format("%s: %d instruments, %d values in %d ms%s", share.node(), share.instruments(),
                    share.values(), share.elapsed().toMillis(), share.failures().isEmpty() ? ""
                            : ", " + share.failures().size() + " failed"));
            results.add(share);
        }
        ClusterBackfillResult result = new ClusterBackfillResult(results, Duration.ofNanos(System.nanoTime() - t0));
        LOG.info("Distributed backfill: {} instruments on {} nodes, {} values in {} ms", result.instruments(),
                results.size(), result.values(), result.elapsed().toMillis());
        return result;
    }

    /** Each primary node's partitions and their instruments (node order: by consistent id). */
    Map<ClusterNode, Share> split(Collection<InstrumentId> instruments) {
        Affinity<Object> affinity = ignite.affinity(GridFeatureCache.CACHE);
        Map<ClusterNode, Share> shares = new TreeMap<>((a, b) -> String.valueOf(a.consistentId())
                .compareTo(String.valueOf(b.consistentId())));
        for (InstrumentId instrument : instruments) {
            // the affinity part of the cache's keys is the instrument's text (GridFeatureCache.key)
            int partition = affinity.partition(instrument.value());
            ClusterNode primary = affinity.mapPartitionToNode(partition);
            Share share = shares.computeIfAbsent(primary, n -> new Share(String.valueOf(n.consistentId())));
            share.partitions.add(partition);
            share.instruments.add(instrument.value());
        }
        return shares;
    }

    /** One node's part of the split. */
    static final class Share {
        final String node;
        final Set<Integer> partitions = new LinkedHashSet<>();
        final List<String> instruments = new ArrayList<>();

        Share(String node) {
            this.node = node;
        }
    }

    /**
     * Runs on the node that owns the instruments' partitions: its own backfill over them. Plain strings travel, so
     * no class of ours but this one has to be known to Ignite's marshaller. Answers node, instruments, bars,
     * values, milliseconds and failures (one per line).
     */
    static final class BackfillJob implements IgniteCallable<String[]> {

        private static final long serialVersionUID = 1L;

        private final List<String> libraries;
        private final List<String> instruments;
        private final long fromSecond;
        private final int fromNano;
        private final long toSecond;
        private final int toNano;

        @IgniteInstanceResource
        private transient Ignite ignite;

        BackfillJob(List<String> libraries, List<String> instruments, TimeRange range) {
            this.libraries = new ArrayList<>(libraries);
            this.instruments = new ArrayList<>(instruments);
            this.fromSecond = range.from().getEpochSecond();
            this.fromNano = range.from().getNano();
            this.toSecond = range.to().getEpochSecond();
            this.toNano = range.to().getNano();
        }

        @Override
        public String[] call() {
            Object found = ignite.cluster().nodeLocalMap().get(LOCAL_BACKFILL);
            String node = String.valueOf(ignite.cluster().localNode().consistentId());
            if (!(found instanceof FactorBackfill backfill)) {
                throw new IllegalStateException("node " + node + " has no factor backfill (is the research feature"
                        + " installed there?)");
            }
            Set<InstrumentId> ids = new TreeSet<>();
            instruments.forEach(i -> ids.add(InstrumentId.of(i)));
            long t0 = System.nanoTime();
            BackfillResult result = backfill.backfill(new BackfillRequest(Set.copyOf(libraries), ids,
                    new TimeRange(Instant.ofEpochSecond(fromSecond, fromNano),
                            Instant.ofEpochSecond(toSecond, toNano))),
                    p -> {});
            StringBuilder failures = new StringBuilder();
            result.failures().forEach((instrument, why) -> failures.append(failures.length() == 0 ? "" : "\n")
                    .append(instrument.value()).append(": ").append(why));
            return new String[] {node, String.valueOf(result.instruments()), String.valueOf(result.bars()),
                    String.valueOf(result.values()), String.valueOf((System.nanoTime() - t0) / 1_000_000),
                    failures.toString()};
        }
    }
}
