package org.nautilus.api.research.expression;

/** A number, the same on every bar. */
public record Constant(double value) implements Expression {

    public Constant {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("a constant must be finite, got " + value);
        }
    }

    @Override
    public String text() {
        // Shortest text that reads back as the same double: integers without ".0", others as Java prints them.
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }

    /** Two constants are the same node when their bits are equal (so {@code 0.0} and {@code -0.0} differ). */
    @Override
    public boolean equals(Object other) {
        return other instanceof Constant c && Double.doubleToLongBits(c.value) == Double.doubleToLongBits(value);
    }

    @Override
    public int hashCode() {
        return Double.hashCode(value);
    }
}
