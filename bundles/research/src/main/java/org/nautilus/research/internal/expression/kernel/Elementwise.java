package org.nautilus.research.internal.expression.kernel;

import org.nautilus.api.research.expression.BinaryOperator;
import org.nautilus.api.research.expression.UnaryOperator;

/**
 * The stateless kernels: arithmetic, comparisons and logic row by row, with numpy's semantics (IEEE arithmetic;
 * a comparison with NaN is false, except {@code !=}; NaN counts as true where a truth value is needed;
 * {@code Greater}/{@code Less} give NaN if either side is NaN).
 */
public final class Elementwise {

    private static final Kernel.OfThree IF = (condition, then, otherwise) -> condition != 0 ? then : otherwise;

    private Elementwise() {
    }

    public static Kernel.OfOne of(UnaryOperator operator) {
        return switch (operator) {
            case NEG -> x -> -x;
            case ABS -> Math::abs;
            case LOG -> Math::log;
            case SIGN -> Math::signum;
            case NOT -> x -> x == 0 ? 1.0 : 0.0;
        };
    }

    public static Kernel.OfTwo of(BinaryOperator operator) {
        return switch (operator) {
            case ADD -> (x, y) -> x + y;
            case SUB -> (x, y) -> x - y;
            case MUL -> (x, y) -> x * y;
            case DIV -> (x, y) -> x / y;
            case GREATER -> Math::max;
            case LESS -> Math::min;
            case GT -> (x, y) -> x > y ? 1.0 : 0.0;
            case GE -> (x, y) -> x >= y ? 1.0 : 0.0;
            case LT -> (x, y) -> x < y ? 1.0 : 0.0;
            case LE -> (x, y) -> x <= y ? 1.0 : 0.0;
            case EQ -> (x, y) -> x == y ? 1.0 : 0.0;
            case NE -> (x, y) -> x != y ? 1.0 : 0.0;
            case AND -> (x, y) -> x != 0 && y != 0 ? 1.0 : 0.0;
            case OR -> (x, y) -> x != 0 || y != 0 ? 1.0 : 0.0;
        };
    }

    /** {@code If(condition, then, otherwise)}, numpy's {@code where}. */
    public static Kernel.OfThree conditional() {
        return IF;
    }
}
