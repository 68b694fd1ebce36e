package org.nautilus.research.internal.expression;

import java.util.Arrays;
import org.nautilus.research.internal.expression.kernel.Kernel;

/**
 * Every factor of a program over one instrument's whole history, a node at a time: each node's kernel (a fresh
 * one per call) runs down its input columns, oldest row first ({@code updateColumn}: {@code update} row after
 * row). Those are the calls a {@link FactorStream} makes bar by bar, so the values are bit-identical; column
 * order is only faster (one kernel's loop hot at a time, its {@code update} inlined).
 * Working columns are kept between calls (one thread at a time).
 */
public final class FactorBatch {

    private final FactorProgram program;
    private final Node[] nodes;
    private double[][] columns;
    private final int[] all;

    FactorBatch(FactorProgram program) {
        if (program.crossSectional()) {
            throw new IllegalStateException("the program uses cross-sectional operators: it runs over a universe"
                    + " (PanelBatch), not one instrument");
        }
        this.program = program;
        this.nodes = program.nodes();
        this.columns = new double[nodes.length][];
        this.all = new int[nodes.length];
        for (int i = 0; i < nodes.length; i++) {
            all[i] = i;
        }
    }

    /** Every factor over the bars, data fields read as NaN. */
    public FactorColumns evaluate(BarColumns bars) {
        return evaluate(bars, null);
    }

    /**
     * Every factor over the bars and the data fields' columns.
     *
     * @param data {@code data[slot][row]} for the program's {@link FactorProgram#dataFields()} ({@link
     *             PointInTimeFields#columns}); {@code null} reads them all as NaN
     */
    public FactorColumns evaluate(BarColumns bars, double[][] data) {
        int rows = bars.rows();
        run(all, nodes, columns, bars, data, rows);
        int[] outputs = program.outputs();
        double[][] values = new double[outputs.length][];
        for (int f = 0; f < outputs.length; f++) {
            values[f] = Arrays.copyOf(columns[outputs[f]], rows);
        }
        releaseFieldColumns();
        return new FactorColumns(program.names(), values);
    }

    /**
     * Runs the nodes listed in {@code order} (ascending) down one series' columns: a fresh kernel per node,
     * {@code update} row after row, as a {@link FactorStream} calls it bar by bar. Field nodes take the caller's
     * columns (read only); cross-sections are left to the caller.
     */
    static void run(int[] order, Node[] nodes, double[][] columns, BarColumns bars, double[][] data, int rows) {
        for (int i : order) {
            Node node = nodes[i];
            if (node.isField()) {
                columns[i] = bars.column(node.field()); // read only
                continue;
            }
            if (node.isData()) {
                if (data != null && data[node.data()].length != rows) {
                    throw new IllegalArgumentException(node.expression().text() + " has " + data[node.data()].length
                            + " values for " + rows + " bars");
                }
                columns[i] = data == null ? nans(rows) : data[node.data()]; // read only
                continue;
            }
            if (node.isCrossSection() || node.isLed()) {
                continue; // a cross-section is the caller's; a led node's column is written by its leader
            }
            double[] out = column(columns, i, rows);
            if (node.isConstant()) {
                Arrays.fill(out, 0, rows, node.constant());
                continue;
            }
            int[] in = node.inputs();
            Kernel kernel = node.kernel().get();
            if (kernel instanceof Kernel.OfOne k) {
                k.updateColumn(columns[in[0]], out, rows);
            } else if (kernel instanceof Kernel.OfTwo k) {
                k.updateColumn(columns[in[0]], columns[in[1]], out, rows);
            } else if (kernel instanceof Kernel.Fanout k) {
                int[] targets = node.targets();
                double[][] outs = new double[targets.length][];
                for (int t = 0; t < targets.length; t++) {
                    outs[t] = targets[t] < 0 ? null : column(columns, targets[t], rows);
                }
                k.updateColumns(columns[in[0]], outs, rows);
            } else {
                ((Kernel.OfThree) kernel).updateColumn(columns[in[0]], columns[in[1]], columns[in[2]], out, rows);
            }
        }
    }

    private static double[] nans(int rows) {
        double[] column = new double[rows];
        Arrays.fill(column, Double.NaN);
        return column;
    }

    /** A working column of at least {@code rows}, reused from the last call when it is long enough. */
    static double[] column(double[][] columns, int node, int rows) {
        double[] column = columns[node];
        if (column == null || column.length < rows) {
            column = new double[rows];
            columns[node] = column;
        }
        return column;
    }

    /** Forget the caller's bar and data columns, so they are neither kept alive nor written into next time. */
    private void releaseFieldColumns() {
        for (int i = 0; i < nodes.length; i++) {
            if (nodes[i].isField() || nodes[i].isData()) {
                columns[i] = null;
            }
        }
    }
}
