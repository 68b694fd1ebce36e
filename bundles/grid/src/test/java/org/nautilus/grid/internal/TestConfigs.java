package org.nautilus.grid.internal;

import java.lang.reflect.Proxy;
import java.util.Map;

/** Builds {@link GridConfig} instances the way DS does: annotation defaults, overridden by configuration keys. */
final class TestConfigs {

    private TestConfigs() {
    }

    static GridConfig gridConfig(Map<String, Object> properties) {
        return (GridConfig) Proxy.newProxyInstance(GridConfig.class.getClassLoader(), new Class<?>[] {GridConfig.class},
                (proxy, method, args) -> {
                    String key = method.getName().replace('_', '.');
                    if (properties.containsKey(key)) {
                        return properties.get(key);
                    }
                    Object fallback = method.getDefaultValue();
                    if (fallback == null) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    return fallback;
                });
    }
}
