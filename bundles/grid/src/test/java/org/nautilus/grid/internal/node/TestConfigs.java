package org.nautilus.grid.internal.node;

import java.lang.reflect.Proxy;
import java.util.Map;

/** Builds configuration instances the way DS does: annotation defaults, overridden by configuration keys. */
public final class TestConfigs {

    private TestConfigs() {
    }

    static GridConfig gridConfig(Map<String, Object> properties) {
        return config(GridConfig.class, properties);
    }

    /** Any component property type ({@code a_b()} reads key {@code a.b}). */
    public static <T> T config(Class<T> type, Map<String, Object> properties) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
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
                }));
    }
}
