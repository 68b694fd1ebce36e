package org.nautilus.research.internal;

import java.lang.reflect.Proxy;
import java.util.Map;

/** Builds configuration annotations the way DS does: annotation defaults, overridden by configuration keys. */
public final class TestConfigs {

    private TestConfigs() {
    }

    /** {@code type} with its defaults, each key ({@code factors.directory} for {@code factors_directory()}) overriding. */
    public static <A> A config(Class<A> type, Map<String, Object> properties) {
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
