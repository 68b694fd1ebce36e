package org.nautilus.api.research.expression;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A named factor: its expression text (Qlib syntax, e.g. {@code Mean($close,5)/$close}) and what it means.
 * The text is parsed and checked when the definition is compiled, not here, so a broken definition can be
 * reported with its position among the others.
 *
 * @param name        unique name, letters, digits and {@code _}, not starting with a digit, e.g. {@code MA5};
 *                    other definitions refer to it by this name
 * @param expression  the expression text
 * @param description what it computes, for people
 */
public record FactorDefinition(String name, String expression, String description) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    public FactorDefinition {
        requireName(name);
        Objects.requireNonNull(expression, "expression");
        if (expression.isBlank()) {
            throw new IllegalArgumentException("factor " + name + " has an empty expression");
        }
        description = description == null ? "" : description;
    }

    /** A definition built in Java: its text is the expression's canonical text. */
    public static FactorDefinition of(String name, Expression expression, String description) {
        return new FactorDefinition(name, expression.text(), description);
    }

    static String requireName(String name) {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name
                    + "' is not a factor name: letters, digits and _, not starting with a digit");
        }
        return name;
    }
}
