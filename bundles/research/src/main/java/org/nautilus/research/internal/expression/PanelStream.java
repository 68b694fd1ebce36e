package org.nautilus.research.internal.expression;

import java.util.Arrays;
import org.nautilus.research.internal.expression.kernel.CrossSections;
import org.nautilus.research.internal.expression.kernel.Kernel;

/**
 * Every factor of a program, cross-sectional operators included, over a fixed universe, time by time: each
 * {@link #update} is one time's bars of the instruments that have one. It runs, level by level, the level's
 * cross-sections over those instruments (in instrument order) and then each of those instruments' per-instrument
 * nodes, the calls {@link PanelBatch} makes: fed the same panel, the values are bit-identical.
 *
 * <p>The rule for a missing instrument: an instrument without a bar at a time is left out of that time's
 * cross-sections (the statistics are over the instruments present) and its state does not move; it gets no value
 * for that time. Who decides that a time is complete (every instrument's bar in, or a deadline passed) is the
 * caller's business. One writer thread.
 */
public final class PanelStream {

    private final FactorProgram program;
    private final Node[] nodes;
    private final Levels levels;
    private final int[] groups;
    private final Kernel[][] kernels;
    private final double[][] values;
    private final long[] bars;
    private final double[] x;
    private final double[] out;
    private final int[] members;
    private final int[] memberGroups;

    /**
     * @param groups each instrument's group for {@code GroupDemean} (0, 1, ...), -1 for none; its length is the
     *               size of the universe
     */
    public PanelStream(FactorProgram program, int[] groups) {
        this.program = program;
        this.nodes = program.nodes();
        this.levels = new Levels(nodes);
        this.groups = groups.clone();
        int n = groups.length;
        this.kernels = new Kernel[n][];
        this.values = new double[n][];
        for (int i = 0; i < n; i++) {
            kernels[i] = FactorStream.kernels(nodes);
            values[i] = FactorStream.initialValues(nodes);
        }
        this.bars = new long[n];
        this.x = new double[n];
        this.out = new double[n];
        this.members = new int[n];
        this.memberGroups = new int[n];
    }

    /**
     * One time's bars.
     *
     * @param present which instruments have a bar at this time
     * @param fields  {@code fields[i]}: instrument i's open, high, low, close, volume, vwap (read where present)
     */
    public void update(boolean[] present, double[][] fields) {
        update(present, fields, null);
    }

    /**
     * One time's bars and their point-in-time data fields.
     *
     * @param data {@code data[i]}: instrument i's values of the program's {@link FactorProgram#dataFields()} at
     *             this time (read where present); {@code null} (or a {@code null} row) reads them as NaN
     */
    public void update(boolean[] present, double[][] fields, double[][] data) {
        int n = groups.length;
        for (int level = 0; level < levels.count(); level++) {
            for (int node : levels.crossSections(level)) {
                int input = nodes[node].inputs()[0];
                int k = 0;
                for (int i = 0; i < n; i++) {
                    if (present[i]) {
                        members[k] = i;
                        x[k] = values[i][input];
                        memberGroups[k] = groups[i];
                        k++;
                    }
                }
                CrossSections.apply(nodes[node].crossSection(), x, k, memberGroups, out);
                for (int m = 0; m < k; m++) {
                    values[members[m]][node] = out[m];
                }
            }
            int[] order = levels.perInstrument(level);
            for (int i = 0; i < n; i++) {
                if (present[i]) {
                    double[] bar = fields[i];
                    FactorStream.step(order, nodes, kernels[i], values[i], bar[0], bar[1], bar[2], bar[3], bar[4],
                            bar[5], data == null ? null : data[i]);
                }
            }
        }
        for (int i = 0; i < n; i++) {
            if (present[i]) {
                bars[i]++;
            }
        }
    }

    /** Instrument {@code instrument}'s value of factor {@code factor} after its last bar (NaN before its first). */
    public double value(int instrument, int factor) {
        return bars[instrument] == 0 ? Double.NaN : values[instrument][program.outputs()[factor]];
    }

    /** Bars instrument {@code instrument} has had. */
    public long bars(int instrument) {
        return bars[instrument];
    }

    public FactorProgram program() {
        return program;
    }

    @Override
    public String toString() {
        return "PanelStream of " + groups.length + " instruments, " + program.size() + " factors " + Arrays.toString(
                bars);
    }
}
