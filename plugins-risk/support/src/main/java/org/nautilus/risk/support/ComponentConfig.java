package org.nautilus.risk.support;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Map;

/**
 * A component's configuration annotation over raw properties, as Declarative Services builds it: {@code max_quantity()}
 * reads {@code max.quantity} (a double underscore is an underscore), text is converted to the method's type, a
 * missing key gives the default. Used to check properties without applying them.
 */
public final class ComponentConfig {

    private ComponentConfig() {
    }

    public static <A extends Annotation> A of(Class<A> type, Map<String, ?> properties) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> switch (method.getName()) {
                    case "annotationType" -> type;
                    case "toString" -> type.getSimpleName() + properties;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> value(method, properties.get(key(method.getName())));
                }));
    }

    public static String key(String method) {
        return method.replace("__", "\u0000").replace('_', '.').replace('\u0000', '_');
    }

    private static Object value(Method method, Object raw) {
        if (raw == null) {
            return method.getDefaultValue();
        }
        Class<?> type = method.getReturnType();
        if (type.isInstance(raw)) {
            return raw;
        }
        String text = String.valueOf(raw).strip();
        String key = key(method.getName());
        try {
            if (type == String.class) {
                return text;
            }
            if (type == boolean.class) {
                return Boolean.parseBoolean(text);
            }
            if (type == int.class) {
                return Integer.parseInt(text);
            }
            if (type == long.class) {
                return Long.parseLong(text);
            }
            if (type.isEnum()) {
                return enumValue(type, text);
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + " = '" + text + "': not a valid " + type.getSimpleName(), e);
        }
        throw new IllegalArgumentException(key + ": unsupported type " + type.getSimpleName());
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object enumValue(Class<?> type, String text) {
        return Enum.valueOf((Class) type, text);
    }
}
