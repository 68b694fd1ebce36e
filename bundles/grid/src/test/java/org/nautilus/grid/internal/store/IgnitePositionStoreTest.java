package org.nautilus.grid.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.ignite.cache.CacheAtomicityMode;
import org.apache.ignite.cache.affinity.Affinity;
import org.apache.ignite.binary.BinaryObject;
import org.apache.ignite.configuration.CacheConfiguration;
import org.apache.ignite.spi.discovery.tcp.TcpDiscoverySpi;
import org.apache.ignite.transactions.Transaction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Money;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.domain.Position;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.grid.internal.EmbeddedGrid;
import org.nautilus.grid.internal.GridSettings;
import org.nautilus.grid.internal.store.PositionCodecs.PositionKey;

/** A real Ignite node with native persistence in a temporary directory, on test-only loopback ports. */
class IgnitePositionStoreTest {

    static final int DISCOVERY_PORT = 48731;
    static final int COMMUNICATION_PORT = 48831;

    @TempDir
    Path work;

    private EmbeddedGrid grid;

    @AfterEach
    void stop() {
        if (grid != null) {
            grid.close();
        }
    }

    private GridSettings settings() {
        return GridSettings.localNode("positions-test", work, DISCOVERY_PORT, COMMUNICATION_PORT);
    }

    private IgnitePositionStore start() {
        grid = EmbeddedGrid.start(settings(), getClass().getClassLoader());
        return new IgnitePositionStore(grid);
    }

    private void stopNode() {
        grid.close();
        grid = null;
    }

    static Position position(String portfolio, String instrument, String qty, String avg, String pnl, String fees,
                             long fills, Instant at) {
        return new Position(PortfolioId.of(portfolio), InstrumentId.of(instrument), Quantity.of(qty), Price.of(avg),
                Money.of(pnl), Money.of(fees), fills, at);
    }

    @Test
    void positionsSurviveARestartExactly() {
        List<Position> saved = List.of(
                position("alpha", "AAPL", "150", "187.12345678", "-12.5", "1.00000001", 3,
                        Instant.parse("2024-03-01T14:30:00.123456789Z")),
                position("alpha", "BTC-USD", "-0.00000001", "64123.99999999", "92233720368.54775807", "0", 1,
                        Instant.parse("2024-03-01T14:30:01Z")),
                position("beta", "AAPL", "0", "0", "0.1", "0.2", 7, Instant.EPOCH));
        IgnitePositionStore store = start();
        assertThat(store.description()).contains("positions").contains("TRANSACTIONAL").contains("FSYNC")
                .contains(work.toString());
        saved.forEach(store::save);
        // A later save replaces the earlier one.
        Position updated = position("beta", "AAPL", "10", "101.25", "0.1", "0.3", 8,
                Instant.parse("2024-03-02T09:00:00Z"));
        store.save(updated);

        stopNode();
        IgnitePositionStore reopened = start();

        assertThat(reopened.loadAll()).containsExactly(saved.get(0), saved.get(1), updated);
        Position btc = reopened.load(PortfolioId.of("alpha"), InstrumentId.of("BTC-USD")).orElseThrow();
        assertThat(btc.quantity().raw()).isEqualTo(-1L);
        assertThat(btc.realizedPnl().raw()).isEqualTo(Long.MAX_VALUE);
        assertThat(btc.averagePrice()).isEqualTo(Price.of("64123.99999999"));
        assertThat(reopened.load(PortfolioId.of("gamma"), InstrumentId.of("AAPL"))).isEmpty();
    }

    @Test
    void theCacheIsTransactionalAndColocatesAPortfolio() {
        IgnitePositionStore store = start();
        Position p = position("alpha", "AAPL", "1", "1", "0", "0", 1, Instant.EPOCH);

        // A rolled-back transaction leaves nothing behind.
        try (Transaction tx = grid.ignite().transactions().txStart()) {
            store.save(p);
            assertThat(store.load(p.portfolioId(), p.instrumentId())).contains(p);
            tx.rollback();
        }
        assertThat(store.load(p.portfolioId(), p.instrumentId())).isEmpty();

        @SuppressWarnings("unchecked")
        CacheConfiguration<Object, Object> cfg = grid.ignite().cache(IgnitePositionStore.CACHE)
                .getConfiguration(CacheConfiguration.class);
        assertThat(cfg.getAtomicityMode()).isEqualTo(CacheAtomicityMode.TRANSACTIONAL);
        // The node is on the test's ports, not on a running platform's 47500.
        assertThat(((TcpDiscoverySpi) grid.ignite().configuration().getDiscoverySpi()).getLocalPort())
                .isEqualTo(DISCOVERY_PORT);

        Affinity<BinaryObject> affinity = grid.ignite().affinity(IgnitePositionStore.CACHE);
        int alpha = affinity.partition(store.cache().binaryKey(new PositionKey(PortfolioId.of("alpha"),
                InstrumentId.of("AAPL"))));
        for (String symbol : List.of("MSFT", "BTC-USD", "ETH-USD", "ES.Z24", "X", "Y", "Z", "Q", "R")) {
            BinaryObject key = store.cache().binaryKey(new PositionKey(PortfolioId.of("alpha"), InstrumentId.of(symbol)));
            assertThat(affinity.partition(key)).as(symbol).isEqualTo(alpha);
        }
    }

    @Test
    void withPersistenceOffPositionsAreGoneAfterARestart() {
        GridSettings inMemory = settings().withPersistence(false);
        grid = EmbeddedGrid.start(inMemory, getClass().getClassLoader());
        IgnitePositionStore store = new IgnitePositionStore(grid);
        assertThat(store.description()).contains("in memory only");
        store.save(position("alpha", "AAPL", "1", "1", "0", "0", 1, Instant.EPOCH));
        assertThat(store.loadAll()).hasSize(1);

        stopNode();
        grid = EmbeddedGrid.start(inMemory, getClass().getClassLoader());

        assertThat(new IgnitePositionStore(grid).loadAll()).isEmpty();
    }
}
