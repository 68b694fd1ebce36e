package org.nautilus.research.internal.expression;

import java.util.function.Supplier;
import org.nautilus.api.research.expression.BarField;
import org.nautilus.api.research.expression.Expression;
import org.nautilus.research.internal.expression.kernel.Kernel;

/**
 * One distinct subexpression of a compiled program: where its inputs come from (earlier nodes) and how to
 * make its kernel.
 *
 * @param expression what it computes (for reports)
 * @param field      the bar field it reads, for a field node; else {@code null}
 * @param constant   its value, for a constant node (no field, no inputs)
 * @param inputs     indices of the nodes it reads, all lower than its own
 * @param kernel     a fresh kernel (stateful) or the shared one (stateless); {@code null} for fields and constants
 * @param lookback   bars before the current one its value depends on (a full window of every rolling input)
 */
record Node(Expression expression, BarField field, double constant, int[] inputs, Supplier<Kernel> kernel,
            int lookback) {

    boolean isField() {
        return field != null;
    }

    boolean isConstant() {
        return field == null && kernel == null;
    }
}
