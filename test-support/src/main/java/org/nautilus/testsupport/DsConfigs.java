package org.nautilus.testsupport;

import java.lang.reflect.Proxy;
import java.util.Map;

/**
 * Builds a component property type (a DS configuration annotation or interface) the way DS does: each method reads
 * its configuration key ({@code a_b()} reads {@code a.b}), falling back to the method's default.
 */
public final class DsConfigs {

    private DsConfigs() {
    }

    /** {@code type} backed by {@code properties}; a method with neither a key nor a default throws when called. */
    public static <T> T config(Class<T> type, Map<String, Object> properties) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> {
                    if (method.getName().equals("annotationType") && method.getParameterCount() == 0) {
                        return type;
                    }
                    String key = method.getName().replace('_', '.');
                    if (properties.containsKey(key)) {
                        return properties.get(key);
                    }
                    Object fallback = method.getDefaultValue();
                    if (fallback == null) {
                        throw new UnsupportedOperationException(method.getName() + " has no value and no default");
                    }
                    return fallback;
                }));
    }
}
