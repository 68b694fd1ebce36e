package org.nautilus.research.internal.expression;

import java.util.Arrays;
import org.nautilus.research.internal.expression.kernel.CrossSections;

/**
 * Every factor of a program, cross-sectional operators included, over a {@link Panel}: level by level (a level
 * is how many cross-sections lie below a node), each instrument's per-instrument nodes down its own columns as
 * {@link FactorBatch} runs them, then each cross-section time by time over the instruments with a row at that
 * time, in instrument order. {@link PanelStream} makes the very same calls bar time by bar time, so the values are
 * bit-identical.
 */
public final class PanelBatch {

    private final FactorProgram program;
    private final Node[] nodes;
    private final Levels levels;

    public PanelBatch(FactorProgram program) {
        this.program = program;
        this.nodes = program.nodes();
        this.levels = new Levels(nodes);
    }

    /** Each instrument's factor values at its own rows (data fields NaN). */
    public FactorColumns[] evaluate(Panel panel) {
        return evaluate(panel, null);
    }

    /**
     * Each instrument's factor values at its own rows.
     *
     * @param data {@code data[i][slot][row]}: instrument i's columns of the program's {@link
     *             FactorProgram#dataFields()}; {@code null} (or a {@code null} instrument) reads them as NaN
     */
    public FactorColumns[] evaluate(Panel panel, double[][][] data) {
        int n = panel.size();
        double[][][] columns = new double[n][nodes.length][];
        double[] x = new double[n];
        double[] out = new double[n];
        int[] groups = new int[n];
        int[] members = new int[n];
        int[] rows = new int[n];
        for (int level = 0; level < levels.count(); level++) {
            for (int node : levels.crossSections(level)) {
                int input = nodes[node].inputs()[0];
                for (int i = 0; i < n; i++) {
                    columns[i][node] = FactorBatch.column(columns[i], node, panel.bars()[i].rows());
                }
                int[] cursor = new int[n];
                for (int t = 0; t < panel.timeCount(); t++) {
                    int k = 0;
                    for (int i = 0; i < n; i++) {
                        int[] times = panel.times()[i];
                        if (cursor[i] < times.length && times[cursor[i]] == t) {
                            members[k] = i;
                            rows[k] = cursor[i]++;
                            x[k] = columns[i][input][rows[k]];
                            groups[k] = panel.groups()[i];
                            k++;
                        }
                    }
                    CrossSections.apply(nodes[node].crossSection(), x, k, groups, out);
                    for (int m = 0; m < k; m++) {
                        columns[members[m]][node][rows[m]] = out[m];
                    }
                }
            }
            for (int i = 0; i < n; i++) {
                FactorBatch.run(levels.perInstrument(level), nodes, columns[i], panel.bars()[i],
                        data == null ? null : data[i], panel.bars()[i].rows());
            }
        }
        int[] outputs = program.outputs();
        FactorColumns[] result = new FactorColumns[n];
        for (int i = 0; i < n; i++) {
            double[][] values = new double[outputs.length][];
            for (int f = 0; f < outputs.length; f++) {
                values[f] = Arrays.copyOf(columns[i][outputs[f]], panel.bars()[i].rows());
            }
            result[i] = new FactorColumns(program.names(), values);
        }
        return result;
    }
}
