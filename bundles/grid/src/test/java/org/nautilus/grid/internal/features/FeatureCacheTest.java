package org.nautilus.grid.internal.features;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.ignite.cache.affinity.Affinity;
import org.apache.ignite.cache.affinity.AffinityKey;
import org.apache.ignite.spi.communication.tcp.TcpCommunicationSpi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.marketdata.Bar;
import org.nautilus.api.marketdata.BarSpec;
import org.nautilus.api.research.FactorValue;
import org.nautilus.api.research.FittedModel;
import org.nautilus.api.research.LabelledMatrix;
import org.nautilus.api.research.cache.FeatureCache;
import org.nautilus.api.research.cache.FeatureVector;
import org.nautilus.api.research.cache.PanelState;
import org.nautilus.api.research.cache.StreamState;
import org.nautilus.api.research.expression.FactorDefinition;
import org.nautilus.api.research.expression.FactorLibrary;
import org.nautilus.api.research.signal.SignalBatch;
import org.nautilus.api.research.tracking.ModelVersion;
import org.nautilus.api.research.tracking.RegisteredModel;
import org.nautilus.factor.alpha158.internal.Alpha158Library;
import org.nautilus.grid.internal.node.EmbeddedGrid;
import org.nautilus.grid.internal.node.GridSettings;
import org.nautilus.grid.internal.node.TestClusters;
import org.nautilus.model.lightgbm.internal.LightGbmModel;
import org.nautilus.research.internal.data.CsvBarReader;
import org.nautilus.research.internal.features.CompiledLibrary;
import org.nautilus.research.internal.features.FeatureEngine;
import org.nautilus.research.internal.serving.SignalServer;
import org.nautilus.testsupport.Await;

/**
 * The feature cache on real Ignite nodes in this JVM (in memory, one backup): entries of an instrument live
 * together, any node reads what one node wrote, the death of a primary node loses nothing, offers are coalesced;
 * and the feature engine with Alpha158 on the Apple bars, stopped on one node, resumes on another from the cached
 * state, replaying only the bars after it, with values bit for bit those of an engine that never stopped; a state
 * that does not match the bar history is not used (computed from history instead).
 */
class FeatureCacheTest {

    /** Ports of this test only (other grid tests use 47xxx, 48xxx, 493xx-497xx). */
    private static final int DISCOVERY = 49810;
    private static final int COMMUNICATION = 49910;
    private static final int NODES = 3;
    private static final BarSpec DAILY = BarSpec.time(Duration.ofDays(1));
    private static final InstrumentId AAPL = InstrumentId.of("AAPL");

    @TempDir
    Path dir;

    private final List<EmbeddedGrid> running = new ArrayList<>();
    private final List<GridFeatureCache> caches = new ArrayList<>();

    @AfterEach
    void stopAll() {
        caches.forEach(GridFeatureCache::close);
        TestClusters.stopImmediately(running);
    }

    private GridSettings node(int n) {
        return new GridSettings("f" + n, "f" + n, dir.resolve("f" + n).toAbsolutePath(), false,
                GridSettings.WalMode.LOG_ONLY, 64, 4, "127.0.0.1", GridSettings.DiscoveryMode.STATIC,
                List.of("127.0.0.1:" + DISCOVERY + ".." + (DISCOVERY + NODES - 1)), DISCOVERY + n - 1, 0,
                COMMUNICATION + n - 1, "nautilus", "nautilus-grid", 1, true, false, 10_000, 0, 60_000, true, null);
    }

    private List<GridFeatureCache> startNodes(int count) {
        for (int n = 1; n <= count; n++) {
            EmbeddedGrid grid = EmbeddedGrid.start(node(n), getClass().getClassLoader());
            running.add(grid);
            caches.add(new GridFeatureCache(grid));
        }
        assertThat(running.get(0).ignite().cluster().forServers().nodes()).hasSize(count);
        return List.copyOf(caches);
    }

    private static FeatureVector vector(int instrument, int version) {
        double[] values = {instrument + version / 1000.0, Double.NaN, -0.0, Math.PI * instrument};
        return new FeatureVector(InstrumentId.of("GEN" + instrument), DAILY, "lib", "digest",
                Instant.parse("2024-01-02T21:00:00Z").plusSeconds(86_400L * version), List.of("A", "B", "C", "D"),
                values);
    }

    @Test
    void entries_live_with_their_instrument_any_node_reads_them_and_a_primary_death_loses_none() {
        List<GridFeatureCache> nodes = startNodes(NODES);
        GridFeatureCache writer = nodes.get(0);
        List<InstrumentId> instruments = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            writer.offer(vector(i, 1));
            writer.offer(new StreamState(InstrumentId.of("GEN" + i), DAILY, "lib", "digest",
                    Instant.parse("2024-01-03T21:00:00Z"), 42L + i, 7, new byte[] {(byte) i, 1, 2, 3}));
            instruments.add(InstrumentId.of("GEN" + i));
        }
        assertThat(writer.vector(InstrumentId.of("GEN5"), DAILY, "lib")).contains(vector(5, 1)); // its own, at once
        assertThat(writer.flush(Duration.ofSeconds(10))).isTrue();

        Affinity<AffinityKey<String>> affinity = running.get(0).ignite().affinity(GridFeatureCache.CACHE);
        for (InstrumentId instrument : instruments) {
            assertThat(affinity.partition(GridFeatureCache.key('V', instrument, DAILY, "lib")))
                    .isEqualTo(affinity.partition(GridFeatureCache.key('S', instrument, DAILY, "lib")));
        }
        // every node's own read (node 3 never wrote anything)
        Map<InstrumentId, FeatureVector> read = nodes.get(2).vectors(instruments, DAILY, "lib");
        assertThat(read).hasSize(60);
        instruments
                .forEach(i -> assertThat(read.get(i)).isEqualTo(vector(Integer.parseInt(i.value().substring(3)), 1)));
        assertThat(Double.doubleToRawLongBits(read.get(InstrumentId.of("GEN3")).values()[2]))
                .isEqualTo(Double.doubleToRawLongBits(-0.0));

        // node 2 dies: it was primary for about a third of the instruments; their backups answer
        long primaryOnTwo = instruments.stream().filter(i -> affinity.isPrimary(running.get(1).ignite().cluster()
                .localNode(), GridFeatureCache.key('V', i, DAILY, "lib"))).count();
        assertThat(primaryOnTwo).isGreaterThan(5);
        caches.remove(1).close();
        running.remove(1).close();
        assertThat(nodes.get(2).vectors(instruments, DAILY, "lib")).hasSize(60);
        for (InstrumentId instrument : instruments) {
            StreamState state = nodes.get(2).state(instrument, DAILY, "lib").orElseThrow();
            assertThat(state.state()[0]).isEqualTo((byte) Integer.parseInt(instrument.value().substring(3)));
        }
    }

    /**
     * A subscriber receives the vectors other nodes write, and the stream states are not shipped to it: the bytes
     * its node receives while 60 states of 64 KB are written are counted without a subscription, then with one
     * (the same instruments, so the same owners and backups): the subscription adds about the vectors only.
     */
    @Test
    void a_subscriber_gets_every_vector_and_the_stream_states_stay_where_they_are_written() throws Exception {
        List<GridFeatureCache> nodes = startNodes(NODES);
        GridFeatureCache writer = nodes.get(0);
        TcpCommunicationSpi subscriberLink = (TcpCommunicationSpi) running.get(2).ignite().configuration()
                .getCommunicationSpi();
        int instruments = 60;
        int stateBytes = 64 * 1024;

        long before = subscriberLink.getReceivedBytesCount();
        writeStates(writer, instruments, stateBytes, 1);
        long withoutSubscription = subscriberLink.getReceivedBytesCount() - before;

        List<FeatureVector> received = new CopyOnWriteArrayList<>();
        try (AutoCloseable subscription = nodes.get(2).subscribe(received::add)) {
            before = subscriberLink.getReceivedBytesCount();
            writeStates(writer, instruments, stateBytes, 2);
            for (int i = 0; i < instruments; i++) {
                writer.offer(vector(i, 2));
            }
            assertThat(writer.flush(Duration.ofSeconds(10))).isTrue();
            Await.until("the subscriber has every vector", Duration.ofSeconds(10),
                    () -> received.size() >= instruments);
            long withSubscription = subscriberLink.getReceivedBytesCount() - before;

            assertThat(received).hasSize(instruments)
                    .allSatisfy(v -> assertThat(v).isEqualTo(vector(Integer.parseInt(v.instrument().value()
                            .substring(3)), 2)));
            // without the remote filter, about two thirds of the states (those another node is primary for) would
            // come as events too: more than 2.5 MB
            long statesShipped = (long) instruments * stateBytes * 2 / 3;
            assertThat(withSubscription - withoutSubscription).as("bytes the subscription added")
                    .isLessThan(statesShipped / 10);
        }
    }

    private void writeStates(GridFeatureCache writer, int instruments, int size, int version) {
        Random random = new Random(version);
        for (int i = 0; i < instruments; i++) {
            byte[] state = new byte[size];
            random.nextBytes(state); // incompressible
            writer.offer(new StreamState(InstrumentId.of("GEN" + i), DAILY, "lib", "digest",
                    Instant.parse("2024-01-03T21:00:00Z").plusSeconds(86_400L * version), 42L + i, 7, state));
        }
        assertThat(writer.flush(Duration.ofSeconds(10))).isTrue();
    }

    @Test
    void newer_offers_replace_older_ones_not_yet_written() {
        GridFeatureCache cache = startNodes(1).get(0);
        for (int version = 1; version <= 2000; version++) {
            cache.offer(vector(1, version));
        }
        assertThat(cache.flush(Duration.ofSeconds(10))).isTrue();
        FeatureCache.Stats stats = cache.stats();
        assertThat(stats.offered()).isEqualTo(2000);
        assertThat(stats.written()).isLessThan(2000).isGreaterThanOrEqualTo(1);
        assertThat(stats.pending()).isZero();
        assertThat(cache.vector(InstrumentId.of("GEN1"), DAILY, "lib")).contains(vector(1, 2000));
    }

    @Test
    void a_stream_stopped_on_one_node_resumes_on_another_bit_for_bit_replaying_only_the_bars_after_its_state() {
        List<GridFeatureCache> nodes = startNodes(2);
        List<Bar> bars = appleBars();
        CompiledLibrary alpha158 = CompiledLibrary.compile(new Alpha158Library());
        FeatureEngine uninterrupted = engine(List.of(), alpha158);

        // node 1 computes 160 bars live (a state every 25 bars: the last one after bar 150), then dies
        FeatureEngine first = engine(List.of(), alpha158);
        first.cache(nodes.get(0), 25);
        for (int r = 0; r < 160; r++) {
            uninterrupted.onBar(DAILY, bars.get(r));
            first.onBar(DAILY, bars.get(r));
        }
        assertThat(nodes.get(0).flush(Duration.ofSeconds(10))).isTrue();
        caches.remove(0).close();
        running.remove(0).close();

        // node 2 takes the instrument over: its gateway has the same 160 bars
        FeatureEngine second = engine(bars.subList(0, 160), alpha158);
        second.cache(nodes.get(1), 25);
        second.backfill(AAPL, DAILY);
        assertThat(second.cacheCounts()).containsExactly(1, 10, 0); // resumed once, 10 bars replayed, none recomputed
        assertSameValues(alpha158, second, uninterrupted, 159);
        for (int r = 160; r < bars.size(); r++) {
            uninterrupted.onBar(DAILY, bars.get(r));
            second.onBar(DAILY, bars.get(r));
            assertSameValues(alpha158, second, uninterrupted, r);
        }
        FeatureVector cached = nodes.get(1).vector(AAPL, DAILY, alpha158.name()).orElseThrow();
        assertThat(cached.asOf()).isEqualTo(bars.get(bars.size() - 1).end());
        assertThat(cached.value("KMID")).isEqualTo(uninterrupted.latest("KMID", AAPL, DAILY).orElseThrow().value());
    }

    @Test
    void a_state_the_bar_history_contradicts_is_not_used() {
        GridFeatureCache cache = startNodes(1).get(0);
        List<Bar> bars = appleBars();
        CompiledLibrary alpha158 = CompiledLibrary.compile(new Alpha158Library());
        FeatureEngine first = engine(List.of(), alpha158);
        first.cache(cache, 20);
        bars.subList(0, 100).forEach(bar -> first.onBar(DAILY, bar));
        assertThat(cache.flush(Duration.ofSeconds(10))).isTrue();

        // the history now says bar 99 closed elsewhere (a corrected print): the state after it is not that history's
        List<Bar> corrected = new ArrayList<>(bars.subList(0, 100));
        Bar b = corrected.get(99);
        corrected.set(99, new Bar(b.instrumentId(), b.start(), b.end(), b.open(), b.high(), b.low(), b.high(),
                b.volume()));
        FeatureEngine second = engine(corrected, alpha158);
        second.cache(cache, 20);
        second.backfill(AAPL, DAILY);
        assertThat(second.cacheCounts()).containsExactly(0, 0, 1);
        FeatureEngine fresh = engine(corrected, alpha158);
        fresh.backfill(AAPL, DAILY);
        assertSameValues(alpha158, second, fresh, 99);
    }

    /** Three instruments (Apple's bars 60k + d at Apple's day d, C missing day 30) and a cross-sectional library. */
    private static final List<InstrumentId> UNIVERSE = List.of(InstrumentId.of("A"), InstrumentId.of("B"),
            InstrumentId.of("C"));
    private static final int DAYS = 120;
    private static final Map<InstrumentId, String> GROUPS = Map.of(UNIVERSE.get(0), "tech", UNIVERSE.get(1), "tech",
            UNIVERSE.get(2), "energy");

    private record CrossLibrary(String name, List<FactorDefinition> definitions) implements FactorLibrary {
        static CrossLibrary of() {
            return new CrossLibrary("cross", List.of(
                    new FactorDefinition("MOM", "$close/Ref($close,5)-1", ""),
                    new FactorDefinition("MOM_RANK", "CSRank(MOM)", ""),
                    new FactorDefinition("NEUTRAL", "GroupDemean($close/$open-1)", ""),
                    new FactorDefinition("SMOOTH", "Mean(CSZScore($volume),3)", ""),
                    new FactorDefinition("VOL_DEMEAN", "CSDemean(Std($close/Ref($close,1)-1,20))", "")));
        }
    }

    /** Each instrument's bars of the first {@code days} days. */
    private static Map<InstrumentId, List<Bar>> crossBars(List<Bar> apple, int days) {
        Map<InstrumentId, List<Bar>> bars = new HashMap<>();
        for (int k = 0; k < UNIVERSE.size(); k++) {
            List<Bar> own = new ArrayList<>();
            for (int d = 0; d < days; d++) {
                if (k == 2 && d == 30) {
                    continue;
                }
                Bar source = apple.get(60 * k + d);
                Bar day = apple.get(d);
                own.add(new Bar(UNIVERSE.get(k), day.start(), day.end(), source.open(), source.high(), source.low(),
                        source.close(), source.volume()));
            }
            bars.put(UNIVERSE.get(k), own);
        }
        return bars;
    }

    /** Day d's bars, instrument by instrument, into the engines (and the gateway's history). */
    private static void day(int d, List<Bar> apple, Map<InstrumentId, List<Bar>> all,
            Map<InstrumentId, List<Bar>> gateway, FeatureEngine... engines) {
        for (InstrumentId instrument : UNIVERSE) {
            for (Bar bar : all.get(instrument)) {
                if (bar.end().equals(apple.get(d).end())) {
                    gateway.computeIfAbsent(instrument, i -> new ArrayList<>()).add(bar);
                    for (FeatureEngine engine : engines) {
                        engine.onBar(DAILY, bar);
                    }
                }
            }
        }
    }

    private static FeatureEngine crossEngine(Map<InstrumentId, List<Bar>> gateway, Map<InstrumentId, String> groups) {
        FeatureEngine engine = new FeatureEngine((instrument, spec, limit) -> List.copyOf(gateway.getOrDefault(
                instrument, List.of())), 200, 500, 5000);
        engine.groups(groups);
        return engine;
    }

    /** An engine that had the bars before the library: it starts the library's panel over the whole universe. */
    private static FeatureEngine crossEngineStartedAfterTheBars(Map<InstrumentId, List<Bar>> gateway,
            Map<InstrumentId, String> groups, CompiledLibrary library, GridFeatureCache cache) {
        FeatureEngine engine = crossEngine(gateway, groups);
        if (cache != null) {
            engine.cache(cache, 25);
        }
        gateway.keySet().stream().sorted().forEach(instrument -> engine.backfill(instrument, DAILY));
        engine.addLibrary(library, library);
        engine.startLibrary(library);
        return engine;
    }

    /**
     * The cross-sectional panel (CSRank, CSZScore, CSDemean, GroupDemean, windows over them) stopped on one node
     * resumes on another from the panel state in the cache, feeding only the times after it, with values bit for
     * bit those of an engine that never stopped.
     */
    @Test
    void a_cross_sectional_panel_stopped_on_one_node_resumes_on_another_bit_for_bit() {
        List<GridFeatureCache> nodes = startNodes(2);
        List<Bar> apple = appleBars();
        Map<InstrumentId, List<Bar>> all = crossBars(apple, DAYS);
        CrossLibrary library = CrossLibrary.of();
        CompiledLibrary compiled = CompiledLibrary.compile(library);
        Map<InstrumentId, List<Bar>> gateway = new HashMap<>();
        FeatureEngine uninterrupted = crossEngine(gateway, GROUPS);
        uninterrupted.addLibrary(library, compiled);
        uninterrupted.startLibrary(compiled);

        // node 1 computes 80 days live (a panel state every 25 closed days: the last one after day 74), then dies
        FeatureEngine first = crossEngine(gateway, GROUPS);
        first.cache(nodes.get(0), 25);
        first.addLibrary(library, compiled);
        first.startLibrary(compiled);
        for (int d = 0; d < 80; d++) {
            day(d, apple, all, gateway, uninterrupted, first);
        }
        assertThat(nodes.get(0).flush(Duration.ofSeconds(10))).isTrue();
        PanelState state = nodes.get(0).panel(DAILY, "cross").orElseThrow();
        assertThat(state.universe()).isEqualTo(UNIVERSE);
        assertThat(state.lastClosed()).isEqualTo(apple.get(74).end());
        caches.remove(0).close();
        running.remove(0).close();

        // node 2 takes the library over: its gateway has the same 80 days; the library compiled afresh
        CompiledLibrary recompiled = CompiledLibrary.compile(library);
        FeatureEngine second = crossEngineStartedAfterTheBars(new HashMap<>(gateway), GROUPS, recompiled,
                nodes.get(1));
        assertThat(second.panelCacheCounts()).containsExactly(1, 0);
        assertSameCrossValues(recompiled, second, uninterrupted, 79);
        Map<InstrumentId, List<Bar>> secondGateway = new HashMap<>(gateway);
        for (int d = 80; d < DAYS; d++) {
            day(d, apple, all, gateway, uninterrupted);
            day(d, apple, all, secondGateway, second);
            assertSameCrossValues(recompiled, second, uninterrupted, d);
        }
    }

    /**
     * A panel state of another universe, another grouping or other bars than the history's is refused: the panel is
     * computed from history.
     */
    @Test
    void a_panel_state_of_another_universe_grouping_or_bars_is_not_used() {
        GridFeatureCache cache = startNodes(1).get(0);
        List<Bar> apple = appleBars();
        Map<InstrumentId, List<Bar>> all = crossBars(apple, 60);
        CrossLibrary library = CrossLibrary.of();
        CompiledLibrary compiled = CompiledLibrary.compile(library);
        FeatureEngine first = crossEngineStartedAfterTheBars(new HashMap<>(all), GROUPS, compiled, cache);
        first.snapshotToCache(Duration.ofSeconds(10));
        PanelState written = cache.panel(DAILY, "cross").orElseThrow();
        assertThat(written.universe()).isEqualTo(UNIVERSE);

        // C is not in this node's universe
        Map<InstrumentId, List<Bar>> twoOfThem = new HashMap<>(all);
        twoOfThem.remove(UNIVERSE.get(2));
        FeatureEngine smaller = crossEngineStartedAfterTheBars(new HashMap<>(twoOfThem), GROUPS, compiled, cache);
        assertThat(smaller.panelCacheCounts()).containsExactly(0, 1);
        assertSameCrossValues(compiled, smaller, crossEngineStartedAfterTheBars(twoOfThem, GROUPS, compiled, null),
                59);

        // the same universe, grouped otherwise: GroupDemean's state is not this grouping's (the engine above wrote
        // its own panel's state over the first one: that one again)
        cache.offer(written);
        Map<InstrumentId, String> regrouped = Map.of(UNIVERSE.get(0), "tech", UNIVERSE.get(1), "energy",
                UNIVERSE.get(2), "energy");
        FeatureEngine otherGroups = crossEngineStartedAfterTheBars(new HashMap<>(all), regrouped, compiled, cache);
        assertThat(otherGroups.panelCacheCounts()).containsExactly(0, 1);
        assertSameCrossValues(compiled, otherGroups, crossEngineStartedAfterTheBars(all, regrouped, compiled, null),
                59);

        // B's last bar is corrected in the history (another close): the state did not take that bar
        cache.offer(written);
        Map<InstrumentId, List<Bar>> corrected = new HashMap<>(all);
        List<Bar> b = new ArrayList<>(all.get(UNIVERSE.get(1)));
        Bar last = b.get(b.size() - 1);
        b.set(b.size() - 1, new Bar(last.instrumentId(), last.start(), last.end(), last.open(), last.high(), last.low(),
                last.high(), last.volume()));
        corrected.put(UNIVERSE.get(1), b);
        FeatureEngine correctedBars = crossEngineStartedAfterTheBars(new HashMap<>(corrected), GROUPS, compiled, cache);
        assertThat(correctedBars.panelCacheCounts()).containsExactly(0, 1);
        assertSameCrossValues(compiled, correctedBars, crossEngineStartedAfterTheBars(corrected, GROUPS, compiled,
                null), 59);

        // the same universe, groups and bars: resumed, and the values are those computed from history
        cache.offer(written);
        FeatureEngine same = crossEngineStartedAfterTheBars(new HashMap<>(all), GROUPS, compiled, cache);
        assertThat(same.panelCacheCounts()).containsExactly(1, 0);
        assertSameCrossValues(compiled, same, crossEngineStartedAfterTheBars(all, GROUPS, compiled, null), 59);
    }

    private static void assertSameCrossValues(CompiledLibrary library, FeatureEngine actual, FeatureEngine expected,
            int day) {
        int compared = 0;
        for (InstrumentId instrument : UNIVERSE) {
            for (String factor : library.published()) {
                Optional<FactorValue> a = actual.latest(factor, instrument, DAILY);
                Optional<FactorValue> e = expected.latest(factor, instrument, DAILY);
                assertThat(a.map(v -> Double.doubleToRawLongBits(v.value()))).as("%s of %s at day %d", factor,
                        instrument, day).isEqualTo(e.map(v -> Double.doubleToRawLongBits(v.value())));
                assertThat(a.map(FactorValue::asOf)).as("%s of %s at day %d", factor, instrument, day)
                        .isEqualTo(e.map(FactorValue::asOf));
                compared += a.isPresent() ? 1 : 0;
            }
        }
        assertThat(compared).isPositive();
    }

    /**
     * Serving on any node: two nodes' engines each compute half of six instruments, a third node computes nothing
     * and serves from the vectors the cache tells it of. Each close comes out once, as one batch of the whole
     * universe, each signal the model's prediction from the computing engine's values; a close an instrument misses
     * goes out after the grace and names it.
     */
    @Test
    void a_node_that_computes_nothing_serves_every_close_in_one_batch_from_the_vectors_others_wrote()
            throws Exception {
        List<GridFeatureCache> nodes = startNodes(NODES);
        List<Bar> apple = appleBars();
        CompiledLibrary alpha158 = CompiledLibrary.compile(new Alpha158Library());
        List<String> features = List.of("KMID", "KLEN", "ROC5", "MA10", "STD20");
        FittedModel model = new LightGbmModel(1, dir.resolve("lightgbm")).fit(planted(features),
                Map.of("iterations", "20", "leaves", "7", "num.threads", "1"), 3);
        ModelVersion version = new ModelVersion("m", 1, "run-1", model.family(), features, "none", Map.of(),
                Instant.now());
        RegisteredModel registered = new RegisteredModel("m", List.of(version), Map.of("champion", 1));
        List<SignalBatch> batches = new CopyOnWriteArrayList<>();
        SignalServer server = new SignalServer(new SignalServer.Platform() {
            @Override
            public List<RegisteredModel> models() {
                return List.of(registered);
            }

            @Override
            public FittedModel load(String name, int v) {
                return model;
            }

            @Override
            public boolean deployed(String family) {
                return true;
            }

            @Override
            public String interval(ModelVersion v) {
                return "P1D";
            }

            @Override
            public Optional<FactorValue> feature(String factor, InstrumentId instrument, BarSpec bars) {
                return Optional.empty(); // this node computes nothing
            }

            @Override
            public Set<String> libraries(Set<String> factors) {
                return Set.of(alpha158.name());
            }
        }, List.of("champion"), batches::add, Duration.ofSeconds(2));
        try (AutoCloseable subscription = nodes.get(2).subscribe(server::vectorWritten)) {
            server.refresh();
            FeatureEngine[] engines = {engine(List.of(), alpha158), engine(List.of(), alpha158)};
            engines[0].cache(nodes.get(0), 50);
            engines[1].cache(nodes.get(1), 50);
            int instruments = 6;
            int closes = 90;
            Map<Instant, Map<InstrumentId, Double>> expected = new TreeMap<>();
            for (int r = 0; r < closes; r++) {
                int last = r == closes - 1 ? instruments - 1 : instruments; // GEN5 misses the last close
                for (int k = 0; k < last; k++) {
                    Bar source = apple.get(r + 7 * k);
                    Bar bar = new Bar(InstrumentId.of("GEN" + k), apple.get(r).start(), apple.get(r).end(),
                            source.open(), source.high(), source.low(), source.close(), source.volume());
                    FeatureEngine engine = engines[k < instruments / 2 ? 0 : 1];
                    engine.onBar(DAILY, bar);
                    double[] row = new double[features.size()];
                    for (int f = 0; f < row.length; f++) {
                        row[f] = engine.latest(features.get(f), bar.instrumentId(), DAILY).filter(
                                v -> v.asOf().equals(bar.end())).map(FactorValue::value).orElse(Double.NaN);
                    }
                    if (Arrays.stream(row).allMatch(Double::isFinite)) {
                        expected.computeIfAbsent(bar.end(), e -> new TreeMap<>()).put(bar.instrumentId(),
                                model.predict(row));
                    }
                }
                // closes a day apart: each vector is written before the next bar replaces it
                assertThat(nodes.get(0).flush(Duration.ofSeconds(10))).isTrue();
                assertThat(nodes.get(1).flush(Duration.ofSeconds(10))).isTrue();
            }
            Instant lastClose = apple.get(closes - 1).end();
            Await.until("the last close served", Duration.ofSeconds(20),
                    () -> !batches.isEmpty() && batches.get(batches.size() - 1).time().equals(lastClose));

            List<Instant> times = batches.stream().map(SignalBatch::time).toList();
            assertThat(times).doesNotHaveDuplicates().isSorted();
            assertThat(expected).hasSizeGreaterThan(20);
            assertThat(times).containsExactlyElementsOf(expected.keySet());
            for (SignalBatch batch : batches) {
                Map<InstrumentId, Double> want = expected.get(batch.time());
                assertThat(batch.signals()).hasSize(want.size());
                batch.signals().forEach(s -> assertThat(Double.doubleToRawLongBits(s.value()))
                        .as("%s at %s", s.instrument(), s.time())
                        .isEqualTo(Double.doubleToRawLongBits(want.get(s.instrument()))));
                assertThat(batch.missing()).isEqualTo(batch.time().equals(lastClose)
                        ? List.of(InstrumentId.of("GEN5"))
                        : List.of());
            }
            assertThat(expected.get(lastClose)).hasSize(instruments - 1);
            assertThat(batches.get(0).signals()).hasSize(instruments);
        } finally {
            server.close();
        }
    }

    /** A dataset where the label follows the first feature (so the trees split on something). */
    private static LabelledMatrix planted(List<String> features) {
        Random random = new Random(11);
        double[][] x = new double[2000][features.size()];
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            for (int f = 0; f < features.size(); f++) {
                x[i][f] = random.nextGaussian() * (f == 3 ? 100 : 0.05);
            }
            y[i] = x[i][0] + 0.01 * random.nextGaussian();
        }
        return new LabelledMatrix(features, "label", x, y);
    }

    private static void assertSameValues(CompiledLibrary library, FeatureEngine actual, FeatureEngine expected,
            int row) {
        for (String factor : library.published()) {
            Optional<FactorValue> a = actual.latest(factor, AAPL, DAILY);
            Optional<FactorValue> e = expected.latest(factor, AAPL, DAILY);
            assertThat(a.map(v -> Double.doubleToRawLongBits(v.value())))
                    .as("%s at row %d", factor, row).isEqualTo(e.map(v -> Double.doubleToRawLongBits(v.value())));
            assertThat(a.map(FactorValue::asOf)).as("%s at row %d", factor, row).isEqualTo(e.map(FactorValue::asOf));
        }
    }

    private static FeatureEngine engine(List<Bar> history, CompiledLibrary library) {
        FeatureEngine engine = new FeatureEngine((instrument, spec, limit) -> List.copyOf(history), 200, 500, 5000);
        engine.addLibrary(library, library);
        engine.startLibrary(library);
        return engine;
    }

    private static List<Bar> appleBars() {
        String csv = "appleinc_bars_from_20130101_usd.csv";
        try (InputStream in = FeatureCacheTest.class.getClassLoader().getResourceAsStream(csv);
                Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return CsvBarReader.read(reader, csv, AAPL, Duration.ofDays(1));
        } catch (Exception e) {
            throw new IllegalStateException(csv + " (org.ta4j:ta4j-examples:0.18): " + e, e);
        }
    }
}
