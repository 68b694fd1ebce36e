package org.nautilus.grid.internal.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.locks.LockSupport;
import org.apache.ignite.cache.affinity.Affinity;
import org.apache.ignite.cluster.ClusterNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.marketdata.BarSpec;
import org.nautilus.api.research.FactorValue;
import org.nautilus.api.research.store.BackfillRequest;
import org.nautilus.api.research.store.ClusterBackfillResult;
import org.nautilus.api.research.store.TimeRange;
import org.nautilus.factor.alpha158.internal.Alpha158Library;
import org.nautilus.grid.internal.node.EmbeddedGrid;
import org.nautilus.grid.internal.node.GridSettings;
import org.nautilus.grid.internal.node.TestClusters;
import org.nautilus.grid.internal.node.TestConfigs;
import org.nautilus.research.internal.store.DatePartition;
import org.nautilus.research.internal.store.DuckDbFactorStore;
import org.nautilus.research.internal.store.FactorBackfillComponent;
import org.nautilus.research.internal.store.FactorStoreConfig;

/**
 * The distributed backfill on real Ignite nodes in this JVM, each with its own factor store (DuckDB over Parquet in
 * its own directory) and its own backfill component reading the same bar files: Alpha158 over 12 GENERATED
 * instruments backfilled by three nodes writes, across the three stores, exactly the values one node writes alone,
 * bit for bit; each instrument is written by one node only, the one owning its feature-cache partition.
 */
class GridBackfillTest {

    private static final int DISCOVERY = 49830;
    private static final int COMMUNICATION = 49930;
    private static final int NODES = 3;
    private static final int INSTRUMENTS = 12;
    private static final BarSpec DAILY = BarSpec.time(Duration.ofDays(1));

    @TempDir
    Path dir;

    private final List<EmbeddedGrid> running = new ArrayList<>();
    private final List<DuckDbFactorStore> stores = new ArrayList<>();

    @AfterEach
    void stopAll() {
        stores.forEach(DuckDbFactorStore::close);
        stopNodes();
    }

    private void stopNodes() {
        TestClusters.stopImmediately(running);
        running.clear();
    }

    private GridSettings node(String name, int n, int count) {
        return new GridSettings(name + n, name + n, dir.resolve(name + n).toAbsolutePath(), false,
                GridSettings.WalMode.LOG_ONLY, 64, 4, "127.0.0.1", GridSettings.DiscoveryMode.STATIC,
                List.of("127.0.0.1:" + DISCOVERY + ".." + (DISCOVERY + count - 1)), DISCOVERY + n - 1, 0,
                COMMUNICATION + n - 1, "nautilus", "nautilus-grid", 1, true, false, 10_000, 0, 60_000, true, null);
    }

    /** Starts {@code count} nodes, each with its own store and backfill; returns each node's GridBackfill. */
    private List<GridBackfill> cluster(String name, int count, String sources) {
        List<GridBackfill> backfills = new ArrayList<>();
        for (int n = 1; n <= count; n++) {
            EmbeddedGrid grid = EmbeddedGrid.start(node(name, n, count), getClass().getClassLoader());
            running.add(grid);
            DuckDbFactorStore store = DuckDbFactorStore.open(dir.resolve("store-" + name + n), DatePartition.YEAR, 1);
            stores.add(store);
            FactorBackfillComponent backfill = new FactorBackfillComponent(store,
                    TestConfigs.config(FactorStoreConfig.class, Map.of("backfill.sources", sources)));
            backfill.addLibrary(new Alpha158Library());
            backfills.add(new GridBackfill(grid, backfill, new GridFeatureCache(grid)));
        }
        awaitPrimaries();
        return backfills;
    }

    /**
     * Ignite hands a joining node its primary partitions once they are rebalanced to it (late affinity assignment):
     * wait until every node is primary for some, every node's rebalancing is done and the partition map has stopped
     * moving, as in a cluster that has been up for a while (a primary that moved after the backfill would make the
     * test's owner check compare against a later map than the one the backfill split by).
     */
    private void awaitPrimaries() {
        Affinity<Object> affinity = running.get(0).ignite().affinity(GridFeatureCache.CACHE);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        for (EmbeddedGrid grid : running) {
            while (affinity.primaryPartitions(grid.ignite().cluster().localNode()).length == 0) {
                assertThat(System.nanoTime()).as("node %s got no primary partition", grid.settings().instanceName())
                        .isLessThan(deadline);
                LockSupport.parkNanos(50_000_000);
            }
        }
        for (EmbeddedGrid grid : running) {
            grid.ignite().cache(GridFeatureCache.CACHE).rebalance().get(Duration.ofSeconds(60).toMillis());
        }
        List<ClusterNode> map = primaries(affinity);
        for (int stableReads = 0; stableReads < 5;) {
            assertThat(System.nanoTime()).as("the partition map kept moving").isLessThan(deadline);
            LockSupport.parkNanos(200_000_000);
            List<ClusterNode> now = primaries(affinity);
            stableReads = now.equals(map) ? stableReads + 1 : 0;
            map = now;
        }
    }

    private static List<ClusterNode> primaries(Affinity<Object> affinity) {
        List<ClusterNode> primaries = new ArrayList<>();
        for (int p = 0; p < affinity.partitions(); p++) {
            primaries.add(affinity.mapPartitionToNode(p));
        }
        return primaries;
    }

    @Test
    void three_nodes_write_exactly_the_values_one_node_writes() throws IOException {
        String sources = barFiles();
        BackfillRequest request = new BackfillRequest(Set.of("alpha158"), Set.of(), TimeRange.ALL);

        List<String> oneProgress = new ArrayList<>();
        ClusterBackfillResult one = cluster("one", 1, sources).get(0).backfill(request, oneProgress::add);
        List<String> alone = values(stores.get(0));
        stopNodes();

        List<String> progress = new ArrayList<>();
        ClusterBackfillResult three = cluster("three", NODES, sources).get(1).backfill(request, progress::add);
        List<String> together = new ArrayList<>();
        Set<String> writtenBy = new HashSet<>();
        Affinity<Object> affinity = running.get(0).ignite().affinity(GridFeatureCache.CACHE);
        for (int n = 0; n < NODES; n++) {
            DuckDbFactorStore store = stores.get(1 + n);
            together.addAll(values(store));
            Set<String> instruments = new TreeSet<>();
            store.instruments().forEach(i -> instruments.add(i.value()));
            for (String instrument : instruments) {
                // written by one node only: the primary of the instrument's feature-cache partition
                assertThat(writtenBy.add(instrument)).as("%s written twice", instrument).isTrue();
                assertThat(affinity.mapKeyToNode(instrument)).isEqualTo(running.get(n).ignite().cluster().localNode());
            }
        }
        together.sort(null);

        assertThat(one.shares()).hasSize(1);
        assertThat(one.instruments()).isEqualTo(INSTRUMENTS);
        // (rendezvous affinity over random node ids: 12 instruments can leave a node without any, ~2% of runs)
        assertThat(three.shares()).hasSizeGreaterThanOrEqualTo(2);
        assertThat(three.shares()).allSatisfy(share -> assertThat(share.instruments()).isPositive());
        assertThat(three.instruments()).isEqualTo(INSTRUMENTS);
        assertThat(three.values()).isEqualTo(one.values());
        assertThat(writtenBy).hasSize(INSTRUMENTS);
        assertThat(alone).hasSizeGreaterThan(INSTRUMENTS * 100 * 100);
        assertThat(together).isEqualTo(alone);
        assertThat(progress).hasSize(2 * three.shares().size());
    }

    @Test
    void an_unknown_instrument_or_library_is_refused_before_any_node_writes() throws IOException {
        GridBackfill backfill = cluster("bad", 1, barFiles()).get(0);
        assertThatThrownBy(() -> backfill.backfill(new BackfillRequest(Set.of("alpha158"),
                Set.of(InstrumentId.of("NOPE")), TimeRange.ALL), line -> {}))
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("no historical bars of [NOPE]");
        assertThatThrownBy(() -> backfill.backfill(new BackfillRequest(Set.of("alpha999"), Set.of(), TimeRange.ALL),
                line -> {})).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("alpha999");
        assertThat(stores.get(0).instruments()).isEmpty();
    }

    /** Every stored value as text: factor, instrument, time, raw bits (sorted). */
    private static List<String> values(DuckDbFactorStore store) {
        List<String> values = new ArrayList<>();
        if (store.instruments().isEmpty()) {
            return values;
        }
        for (String factor : store.factors()) {
            for (FactorValue v : store.history(factor, List.of(), DAILY, TimeRange.ALL,
                    Instant.parse("2100-01-01T00:00:00Z"))) {
                values.add(factor + " " + v.instrument().value() + " " + v.asOf() + " "
                        + Long.toHexString(Double.doubleToRawLongBits(v.value())));
            }
        }
        values.sort(null);
        return values;
    }

    /** GENERATED daily bars of the instruments, one CSV file each; the sources entry naming them. */
    private String barFiles() throws IOException {
        Path bars = Files.createDirectories(dir.resolve("bars"));
        StringBuilder sources = new StringBuilder();
        for (int i = 0; i < INSTRUMENTS; i++) {
            String symbol = String.format(Locale.ROOT, "GEN%02d", i);
            SplittableRandom random = new SplittableRandom(i);
            StringBuilder csv = new StringBuilder("date,open,high,low,close,volume\n");
            double last = 50 + 100 * random.nextDouble();
            LocalDate day = LocalDate.of(2020, 1, 1);
            for (int d = 0; d < 260; d++) {
                double open = last * (1 + 0.005 * (random.nextDouble() - 0.5));
                double close = open * (1 + 0.04 * (random.nextDouble() - 0.5));
                double high = Math.max(open, close) * (1 + 0.01 * random.nextDouble());
                double low = Math.min(open, close) * (1 - 0.01 * random.nextDouble());
                csv.append(String.format(Locale.ROOT, "%s,%.2f,%.2f,%.2f,%.2f,%d%n", day.plusDays(d), open,
                        Math.max(high, Math.max(open, close) + 0.01), Math.min(low, Math.min(open, close) - 0.01),
                        close, 1000 + random.nextInt(1_000_000)));
                last = close;
            }
            Path file = bars.resolve(symbol + ".csv");
            Files.writeString(file, csv);
            sources.append(sources.length() == 0 ? "" : ";").append(symbol).append(" | ").append(file)
                    .append(" | P1D");
        }
        return sources.toString();
    }
}
