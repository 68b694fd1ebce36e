package org.nautilus.api.research.expression;

import java.util.regex.Pattern;

/**
 * Another factor's value, by name: a bare name in text for a factor of the same library (e.g. {@code KMID/KLEN}),
 * or {@code library.name} for a factor of another library (e.g. {@code technical.RSI_14}).
 */
public record FactorReference(String name) implements Expression {

    private static final Pattern QUALIFIED = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*\\.[A-Za-z_][A-Za-z0-9_]*");

    public FactorReference {
        if (name == null || !QUALIFIED.matcher(name).matches()) {
            FactorDefinition.requireName(name);
        }
    }

    /** A factor of another library, {@code library.name}. */
    public static FactorReference of(String library, String name) {
        return new FactorReference(library + "." + name);
    }

    /** The library named before the dot, or empty for a factor of the referring definition's own library. */
    public String library() {
        int dot = name.indexOf('.');
        return dot < 0 ? "" : name.substring(0, dot);
    }

    /** The factor's name within its library. */
    public String factor() {
        return name.substring(name.indexOf('.') + 1);
    }

    @Override
    public String text() {
        return name;
    }
}
