package org.nautilus.research.internal.expression;

import org.nautilus.api.marketdata.Bar;
import org.nautilus.research.internal.expression.kernel.Kernel;

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
    private long bars;

    FactorStream(FactorProgram program) {
        this.nodes = program.nodes();
        this.outputs = program.outputs();
        this.kernels = new Kernel[nodes.length];
        this.values = new double[nodes.length];
        for (int i = 0; i < nodes.length; i++) {
            Node node = nodes[i];
            kernels[i] = node.kernel() == null ? null : node.kernel().get();
            if (node.isConstant()) {
                values[i] = node.constant();
            }
        }
    }

    /**
     * Takes the next bar and computes every factor after it.
     *
     * @param vwap NaN if the data has none
     */
    public void update(double open, double high, double low, double close, double volume, double vwap) {
        Node[] nodes = this.nodes;
        double[] values = this.values;
        for (int i = 0; i < nodes.length; i++) {
            Node node = nodes[i];
            int[] in = node.inputs();
            Kernel kernel = kernels[i];
            if (kernel instanceof Kernel.OfOne k) {
                values[i] = k.update(values[in[0]]);
            } else if (kernel instanceof Kernel.OfTwo k) {
                values[i] = k.update(values[in[0]], values[in[1]]);
            } else if (kernel instanceof Kernel.OfThree k) {
                values[i] = k.update(values[in[0]], values[in[1]], values[in[2]]);
            } else if (node.isField()) {
                values[i] = switch (node.field()) {
                    case OPEN -> open;
                    case HIGH -> high;
                    case LOW -> low;
                    case CLOSE -> close;
                    case VOLUME -> volume;
                    case VWAP -> vwap;
                };
            } // else a constant, set once
        }
        bars++;
    }

    /** Takes the next bar (no vwap: it reads NaN), converted as {@link BarColumns#of} converts bars. */
    public void update(Bar bar) {
        update(BarColumns.toDouble(bar.open().raw()), BarColumns.toDouble(bar.high().raw()),
                BarColumns.toDouble(bar.low().raw()), BarColumns.toDouble(bar.close().raw()),
                BarColumns.toDouble(bar.volume().raw()), Double.NaN);
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
}
