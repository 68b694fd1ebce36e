package org.nautilus.research.internal.expression.kernel;

import org.nautilus.api.research.expression.BinaryOperator;
import org.nautilus.api.research.expression.UnaryOperator;

/**
 * The stateless kernels: arithmetic, comparisons and logic row by row, with numpy's semantics (IEEE arithmetic;
 * a comparison with NaN is false, except {@code !=}; NaN counts as true where a truth value is needed;
 * {@code Greater}/{@code Less} give NaN if either side is NaN). One instance per operator, shared.
 */
public final class Elementwise {

    private Elementwise() {
    }

    /** The stateless unary operators ({@code Cumsum} has state: {@link CumulativeSumKernel}). */
    public static Kernel.OfOne of(UnaryOperator operator) {
        if (operator == UnaryOperator.CUMSUM) {
            throw new IllegalArgumentException("Cumsum keeps a running total: one CumulativeSumKernel per series");
        }
        return new Unary(operator);
    }

    public static Kernel.OfTwo of(BinaryOperator operator) {
        return new Binary(operator);
    }

    /** {@code If(condition, then, otherwise)}, numpy's {@code where}. */
    public static Kernel.OfThree conditional() {
        return Choice.INSTANCE;
    }

    private static final class Unary implements Kernel.OfOne {
        private final UnaryOperator operator;

        Unary(UnaryOperator operator) {
            this.operator = operator;
        }

        @Override
        public double update(double x) {
            return switch (operator) {
                case NEG -> -x;
                case ABS -> Math.abs(x);
                case LOG -> Math.log(x);
                case SIGN -> Math.signum(x);
                case NOT -> x == 0 ? 1.0 : 0.0;
                case CUMSUM -> throw new IllegalStateException("refused in of()");
            };
        }

        @Override
        public void updateColumn(double[] x, double[] out, int rows) {
            for (int r = 0; r < rows; r++) {
                out[r] = update(x[r]);
            }
        }
    }

    private static final class Binary implements Kernel.OfTwo {
        private final BinaryOperator operator;

        Binary(BinaryOperator operator) {
            this.operator = operator;
        }

        @Override
        public double update(double x, double y) {
            return switch (operator) {
                case ADD -> x + y;
                case SUB -> x - y;
                case MUL -> x * y;
                case DIV -> x / y;
                case GREATER -> Math.max(x, y);
                case LESS -> Math.min(x, y);
                case GT -> x > y ? 1.0 : 0.0;
                case GE -> x >= y ? 1.0 : 0.0;
                case LT -> x < y ? 1.0 : 0.0;
                case LE -> x <= y ? 1.0 : 0.0;
                case EQ -> x == y ? 1.0 : 0.0;
                case NE -> x != y ? 1.0 : 0.0;
                case AND -> x != 0 && y != 0 ? 1.0 : 0.0;
                case OR -> x != 0 || y != 0 ? 1.0 : 0.0;
            };
        }

        @Override
        public void updateColumn(double[] x, double[] y, double[] out, int rows) {
            for (int r = 0; r < rows; r++) {
                out[r] = update(x[r], y[r]);
            }
        }
    }

    private static final class Choice implements Kernel.OfThree {
        static final Choice INSTANCE = new Choice();

        @Override
        public double update(double condition, double then, double otherwise) {
            return condition != 0 ? then : otherwise;
        }

        @Override
        public void updateColumn(double[] x, double[] y, double[] z, double[] out, int rows) {
            for (int r = 0; r < rows; r++) {
                out[r] = update(x[r], y[r], z[r]);
            }
        }
    }
}
