package org.nautilus.grid.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.apache.ignite.binary.BinaryObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.grid.internal.node.EmbeddedGrid;
import org.nautilus.grid.internal.node.GridSettings;
import org.nautilus.grid.internal.store.PositionCodecs.PositionKey;

/** Keys built twice are one key in the sorted maps handed to putAll (Ignite would lock a key twice otherwise). */
class KeyOrderTest {

    @TempDir
    static Path work;
    static EmbeddedGrid grid;

    @BeforeAll
    static void start() {
        grid = EmbeddedGrid.start(GridSettings.localNode("key-order", work, 48751, 48851).withPersistence(false),
                KeyOrderTest.class.getClassLoader());
    }

    @AfterAll
    static void stop() {
        grid.close();
    }

    private static BinaryObject key(String portfolio, String instrument) {
        var builder = grid.ignite().binary().builder(PositionCodecs.KEY_TYPE);
        PositionCodecs.KEY.write(new PositionKey(PortfolioId.of(portfolio), InstrumentId.of(instrument)), builder);
        return builder.build();
    }

    @Test
    void equal_keys_built_separately_are_one_entry_and_different_keys_stay_apart() {
        Map<BinaryObject, BinaryObject> map = BinaryCache.sortedMap();
        map.put(key("alpha", "AAPL"), key("v", "1"));
        map.put(key("alpha", "AAPL"), key("v", "2"));
        map.put(key("alpha", "MSFT"), key("v", "3"));

        assertThat(map).hasSize(2);
        assertThat(map.get(key("alpha", "AAPL"))).isEqualTo(key("v", "2"));
        assertThat(BinaryCache.KEY_ORDER.compare(key("a", "B"), key("a", "C"))).isNotZero();
        assertThat(BinaryCache.KEY_ORDER.compare(key("a", "B"), key("a", "B"))).isZero();
    }
}
