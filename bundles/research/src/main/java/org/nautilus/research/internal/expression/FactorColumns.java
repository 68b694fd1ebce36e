package org.nautilus.research.internal.expression;

import java.util.List;

/**
 * Factor values as columns, one per factor, oldest row first: the output of a batch evaluation.
 *
 * @param names  the factor names, in the program's order
 * @param values {@code values[f][row]}, NaN where a factor has no value
 */
public record FactorColumns(List<String> names, double[][] values) {

    public FactorColumns {
        names = List.copyOf(names);
        if (names.size() != values.length) {
            throw new IllegalArgumentException(names.size() + " names for " + values.length + " columns");
        }
    }

    public double[] column(String name) {
        int index = names.indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException("no factor '" + name + "' among " + names.size());
        }
        return values[index];
    }

    public int rows() {
        return values.length == 0 ? 0 : values[0].length;
    }
}
