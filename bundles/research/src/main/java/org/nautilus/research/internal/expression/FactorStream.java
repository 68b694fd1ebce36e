package org.nautilus.research.internal.expression;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.nautilus.api.marketdata.Bar;
import org.nautilus.research.internal.expression.kernel.Kernel;
import org.nautilus.research.internal.expression.kernel.KernelState;

/**
 * Every factor of a program for one instrument, updated bar by bar: each new bar runs each node's kernel once
 * (constant or logarithmic work per node). Fed the same bars from the first one, it returns the very values a
 * {@link FactorBatch} returns for those rows: both drive the same kernels with the same inputs in the same
 * order. One writer thread.
 */
public final class FactorStream {

    private final Node[] nodes;
    private final int[] outputs;
    private final Kernel[] kernels;
    private final double[] values;
    private final int[] all;
    private long bars;

    FactorStream(FactorProgram program) {
        if (program.crossSectional()) {
            throw new IllegalStateException("the program uses cross-sectional operators: it runs over a universe"
                    + " (PanelStream), not one instrument");
        }
        this.nodes = program.nodes();
        this.outputs = program.outputs();
        this.kernels = kernels(nodes);
        this.values = initialValues(nodes);
        this.all = new int[nodes.length];
        for (int i = 0; i < nodes.length; i++) {
            all[i] = i;
        }
    }

    /** A fresh kernel for every node that has one (the stateful ones are this series' own). */
    static Kernel[] kernels(Node[] nodes) {
        Kernel[] kernels = new Kernel[nodes.length];
        for (int i = 0; i < nodes.length; i++) {
            kernels[i] = nodes[i].kernel() == null ? null : nodes[i].kernel().get();
        }
        return kernels;
    }

    /** Values before the first bar: the constants, set once (the rest is written before it is read). */
    static double[] initialValues(Node[] nodes) {
        double[] values = new double[nodes.length];
        for (int i = 0; i < nodes.length; i++) {
            if (nodes[i].isConstant()) {
                values[i] = nodes[i].constant();
            }
        }
        return values;
    }

    /**
     * Takes the next bar and computes every factor after it.
     *
     * @param vwap NaN if the data has none
     */
    public void update(double open, double high, double low, double close, double volume, double vwap) {
        update(open, high, low, close, volume, vwap, null);
    }

    /**
     * Takes the next bar and its point-in-time data fields' values and computes every factor after it.
     *
     * @param data the program's {@link FactorProgram#dataFields()} on this bar, in that order ({@link
     *             PointInTimeFields#next}); {@code null} reads them all as NaN
     */
    public void update(double open, double high, double low, double close, double volume, double vwap,
            double[] data) {
        step(all, nodes, kernels, values, open, high, low, close, volume, vwap, data);
        bars++;
    }

    /**
     * Runs the nodes listed in {@code order} (ascending) for one new bar of one series: each kernel's
     * {@code update} once, fields read from the bar and data fields from {@code data} (NaN if {@code null});
     * constants and cross-sections are left as they are.
     */
    static void step(int[] order, Node[] nodes, Kernel[] kernels, double[] values, double open, double high,
            double low, double close, double volume, double vwap, double[] data) {
        for (int i : order) {
            Node node = nodes[i];
            int[] in = node.inputs();
            Kernel kernel = kernels[i];
            if (kernel instanceof Kernel.OfOne k) {
                values[i] = k.update(values[in[0]]);
            } else if (kernel instanceof Kernel.OfTwo k) {
                values[i] = k.update(values[in[0]], values[in[1]]);
            } else if (kernel instanceof Kernel.OfThree k) {
                values[i] = k.update(values[in[0]], values[in[1]], values[in[2]]);
            } else if (kernel instanceof Kernel.Fanout k) {
                k.update(values[in[0]], values, node.targets()); // this node's value and its led nodes'
            } else if (node.isField()) {
                values[i] = switch (node.field()) {
                    case OPEN -> open;
                    case HIGH -> high;
                    case LOW -> low;
                    case CLOSE -> close;
                    case VOLUME -> volume;
                    case VWAP -> vwap;
                };
            } else if (node.isData()) {
                values[i] = data == null ? Double.NaN : data[node.data()];
            } // else a constant (set once) or a led node (its leader wrote it)
        }
    }

    /** Takes the next bar (no vwap: it reads NaN), converted as {@link BarColumns#of} converts bars. */
    public void update(Bar bar) {
        update(bar, null);
    }

    /** Takes the next bar with its data fields' values (see {@link #update(double, double, double, double, double, double, double[])}). */
    public void update(Bar bar, double[] data) {
        double[] f = BarColumns.fields(bar);
        update(f[0], f[1], f[2], f[3], f[4], f[5], data);
    }

    /** Factor {@code index}'s value after the last bar (NaN before the first bar or where it has none). */
    public double value(int index) {
        return bars == 0 ? Double.NaN : values[outputs[index]];
    }

    /** Copies every factor's value after the last bar into {@code into} (program order). */
    public void values(double[] into) {
        for (int f = 0; f < outputs.length; f++) {
            into[f] = value(f);
        }
    }

    /** Bars taken so far. */
    public long bars() {
        return bars;
    }

    /** Tells a snapshot from other bytes and from an older layout. */
    static final int SNAPSHOT_MAGIC = 0x4E465334; // "NFS4": Corr takes a Std node's value (NFS3: Slope/Rsquare/Resi share a state)

    /**
     * The whole streaming state after the last bar, as bytes: the bar count, every node's value and every kernel's
     * incremental state ({@link KernelState}). {@link FactorProgram#restore} turns it back into a stream that
     * continues exactly as this one would, bit for bit. Writer thread.
     */
    public byte[] snapshot() {
        ByteBuffer out = ByteBuffer.allocate(64 + 8 * values.length + 64 * kernels.length);
        out.putInt(SNAPSHOT_MAGIC).putInt(nodes.length).putLong(bars);
        for (double v : values) {
            out.putLong(Double.doubleToRawLongBits(v));
        }
        for (Kernel kernel : kernels) {
            if (kernel != null) {
                out = KernelState.write(kernel, out);
            }
        }
        return Arrays.copyOf(out.array(), out.position());
    }

    /** Loads a {@link #snapshot} of a stream of the same program into this fresh one. */
    void restore(byte[] snapshot) {
        ByteBuffer in = ByteBuffer.wrap(snapshot);
        try {
            if (in.getInt() != SNAPSHOT_MAGIC) {
                throw new IllegalArgumentException("not a factor stream snapshot");
            }
            int count = in.getInt();
            if (count != nodes.length) {
                throw new IllegalArgumentException("the snapshot has " + count + " nodes, the program "
                        + nodes.length + ": it is another program's state");
            }
            long restoredBars = in.getLong();
            for (int i = 0; i < values.length; i++) {
                values[i] = Double.longBitsToDouble(in.getLong());
            }
            for (Kernel kernel : kernels) {
                if (kernel != null) {
                    KernelState.read(kernel, in);
                }
            }
            if (in.hasRemaining()) {
                throw new IllegalArgumentException("the snapshot has " + in.remaining()
                        + " bytes more than the program's state: it is another program's state");
            }
            bars = restoredBars;
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("the snapshot is shorter than the program's state: truncated, or"
                    + " another program's state");
        }
    }
}
