package org.nautilus.grid.internal.node;

import java.util.Map;
import org.nautilus.testsupport.DsConfigs;

/** Builds configuration instances the way DS does: annotation defaults, overridden by configuration keys. */
public final class TestConfigs {

    private TestConfigs() {
    }

    static GridConfig gridConfig(Map<String, Object> properties) {
        return config(GridConfig.class, properties);
    }

    /** Any component property type ({@code a_b()} reads key {@code a.b}). */
    public static <T> T config(Class<T> type, Map<String, Object> properties) {
        return DsConfigs.config(type, properties);
    }
}
