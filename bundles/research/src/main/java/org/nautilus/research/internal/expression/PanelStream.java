package org.nautilus.research.internal.expression;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.nautilus.research.internal.expression.kernel.CrossSections;
import org.nautilus.research.internal.expression.kernel.Kernel;
import org.nautilus.research.internal.expression.kernel.KernelState;

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

    /** Tells a panel snapshot from other bytes and from an older layout of the panel part. */
    private static final int SNAPSHOT_MAGIC = 0x4E505331; // "NPS1"

    /**
     * The whole panel state after the last time, as bytes: the universe's groups and, per instrument, its bar count,
     * every node's value and every kernel's state ({@link KernelState}, the same encoding as
     * {@link FactorStream#snapshot}, whose format version is written too: a new kernel layout refuses old panels).
     * {@link #restore} turns it back into a panel that continues exactly as this one would, bit for bit.
     */
    public byte[] snapshot() {
        int n = groups.length;
        ByteBuffer out = ByteBuffer.allocate(64 + n * (12 + 8 * nodes.length + 64 * nodes.length));
        out.putInt(SNAPSHOT_MAGIC).putInt(FactorStream.SNAPSHOT_MAGIC).putInt(n).putInt(nodes.length);
        for (int group : groups) {
            out.putInt(group);
        }
        for (int i = 0; i < n; i++) {
            out = KernelState.room(out, 8 + 8 * nodes.length);
            out.putLong(bars[i]);
            for (double v : values[i]) {
                out.putLong(Double.doubleToRawLongBits(v));
            }
            for (Kernel kernel : kernels[i]) {
                if (kernel != null) {
                    out = KernelState.write(kernel, out);
                }
            }
        }
        return Arrays.copyOf(out.array(), out.position());
    }

    /**
     * A panel continuing from a {@link #snapshot} of a panel of this program over a universe with these groups.
     *
     * @throws IllegalArgumentException if the bytes are not such a state (another format, program, universe size or
     *                                  grouping), saying which
     */
    public static PanelStream restore(FactorProgram program, int[] groups, byte[] snapshot) {
        PanelStream stream = new PanelStream(program, groups);
        ByteBuffer in = ByteBuffer.wrap(snapshot);
        try {
            if (in.getInt() != SNAPSHOT_MAGIC) {
                throw new IllegalArgumentException("not a panel snapshot (or an older panel format)");
            }
            int format = in.getInt();
            if (format != FactorStream.SNAPSHOT_MAGIC) {
                throw new IllegalArgumentException("the panel snapshot's kernel format is " + Integer.toHexString(
                        format) + ", this build's " + Integer.toHexString(FactorStream.SNAPSHOT_MAGIC));
            }
            int n = in.getInt();
            if (n != groups.length) {
                throw new IllegalArgumentException("the panel snapshot has " + n + " instruments, the universe "
                        + groups.length);
            }
            int count = in.getInt();
            if (count != stream.nodes.length) {
                throw new IllegalArgumentException("the panel snapshot has " + count + " nodes, the program "
                        + stream.nodes.length + ": it is another program's state");
            }
            for (int i = 0; i < n; i++) {
                int group = in.getInt();
                if (group != groups[i]) {
                    throw new IllegalArgumentException("the panel snapshot groups the instruments otherwise"
                            + " (instrument " + i + ": group " + group + " where the universe has " + groups[i] + ")");
                }
            }
            for (int i = 0; i < n; i++) {
                stream.bars[i] = in.getLong();
                double[] v = stream.values[i];
                for (int j = 0; j < v.length; j++) {
                    v[j] = Double.longBitsToDouble(in.getLong());
                }
                for (Kernel kernel : stream.kernels[i]) {
                    if (kernel != null) {
                        KernelState.read(kernel, in);
                    }
                }
            }
            if (in.hasRemaining()) {
                throw new IllegalArgumentException("the panel snapshot has " + in.remaining()
                        + " bytes more than the program's state: it is another program's state");
            }
            return stream;
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("the panel snapshot is shorter than the program's state: truncated,"
                    + " or another program's state");
        }
    }

    @Override
    public String toString() {
        return "PanelStream of " + groups.length + " instruments, " + program.size() + " factors " + Arrays.toString(
                bars);
    }
}
