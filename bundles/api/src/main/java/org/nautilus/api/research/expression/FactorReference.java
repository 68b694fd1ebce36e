package org.nautilus.api.research.expression;

/** Another factor's value, by name (a bare name in text, e.g. {@code KMID/KLEN}). */
public record FactorReference(String name) implements Expression {

    public FactorReference {
        FactorDefinition.requireName(name);
    }

    @Override
    public String text() {
        return name;
    }
}
