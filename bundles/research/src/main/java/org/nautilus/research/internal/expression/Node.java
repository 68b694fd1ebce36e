package org.nautilus.research.internal.expression;

import java.util.function.Supplier;
import org.nautilus.api.research.expression.BarField;
import org.nautilus.api.research.expression.CrossSectionOperator;
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
 * @param crossSection for a cross-sectional node, its operator (no kernel: it is computed across instruments)
 * @param level      how many cross-sections lie below it: a panel computes the per-instrument nodes of level L,
 *                   then the cross-sections of level L+1, then the per-instrument nodes of level L+1, ...
 * @param data       for a point-in-time data field ({@code $eps}, {@code $sentiment}), its slot among the program's
 *                   {@link FactorProgram#dataFields()} (the caller supplies its values bar by bar); else -1
 * @param targets  for a node whose kernel is a {@link Kernel.Fanout} (it computes its siblings' values too): the
 *                   node written by each of the kernel's outputs, -1 where none; else {@code null}
 * @param leader   for a node computed by another node's {@link Kernel.Fanout} (no kernel of its own), that node's
 *                   index (lower than its own); else -1
 */
record Node(Expression expression, BarField field, double constant, int[] inputs, Supplier<Kernel> kernel,
        int lookback, CrossSectionOperator crossSection, int level, int data, int[] targets, int leader) {

    Node(Expression expression, BarField field, double constant, int[] inputs, Supplier<Kernel> kernel, int lookback) {
        this(expression, field, constant, inputs, kernel, lookback, null, 0, -1, null, -1);
    }

    Node(Expression expression, BarField field, double constant, int[] inputs, Supplier<Kernel> kernel, int lookback,
            CrossSectionOperator crossSection, int level) {
        this(expression, field, constant, inputs, kernel, lookback, crossSection, level, -1, null, -1);
    }

    /** A point-in-time data field's node, reading slot {@code data} of the values the caller supplies. */
    static Node data(Expression expression, int data) {
        return new Node(expression, null, Double.NaN, new int[0], null, 0, null, 0, data, null, -1);
    }

    /** This node, computing with {@code kernel} its own value and those of the {@code targets} nodes too. */
    Node leading(Supplier<Kernel> kernel, int[] targets) {
        return new Node(expression, field, constant, inputs, kernel, lookback, crossSection, level, data, targets, -1);
    }

    /** This node, computed by node {@code leader}'s kernel instead of a kernel of its own. */
    Node ledBy(int leader) {
        return new Node(expression, field, constant, inputs, null, lookback, crossSection, level, data, null, leader);
    }

    /** Whether another node's kernel computes this node's value (it has nothing to run itself). */
    boolean isLed() {
        return leader >= 0;
    }

    boolean isData() {
        return data >= 0;
    }

    boolean isCrossSection() {
        return crossSection != null;
    }

    boolean isField() {
        return field != null;
    }

    boolean isConstant() {
        return field == null && kernel == null && crossSection == null && data < 0 && leader < 0;
    }
}
