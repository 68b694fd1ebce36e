package org.nautilus.research.internal.expression.kernel;

import java.util.Arrays;
import org.nautilus.api.research.expression.CrossSectionOperator;

/**
 * The cross-sectional operators over one time's values of the instruments that have a bar then, in instrument
 * order: batch and streaming call this with the same values in the same order, so they agree bit for bit. NaN
 * values are left out of the statistics and give NaN. Statistics are summed in instrument order.
 */
public final class CrossSections {

    private CrossSections() {
    }

    /**
     * {@code out[k]} from {@code x[0..n-1]}.
     *
     * @param groups each value's group (0, 1, ...) for {@link CrossSectionOperator#GROUP_DEMEAN}, -1 for none
     */
    public static void apply(CrossSectionOperator operator, double[] x, int n, int[] groups, double[] out) {
        switch (operator) {
            case CS_RANK -> rank(x, n, out);
            case CS_ZSCORE -> zscore(x, n, out);
            case CS_DEMEAN -> demean(x, n, out);
            case GROUP_DEMEAN -> groupDemean(x, n, groups, out);
        }
    }

    /** pandas {@code rank(pct=True)}: the average 1-based rank of ties over the count of values. */
    private static void rank(double[] x, int n, double[] out) {
        Integer[] order = new Integer[n];
        int count = 0;
        for (int k = 0; k < n; k++) {
            if (Double.isNaN(x[k])) {
                out[k] = Double.NaN;
            } else {
                order[count++] = k;
            }
        }
        Arrays.sort(order, 0, count, (a, b) -> Double.compare(x[a], x[b]));
        int start = 0;
        while (start < count) {
            int end = start;
            while (end + 1 < count && x[order[end + 1]] == x[order[start]]) {
                end++;
            }
            double rank = (start + end + 2) / 2.0; // the average of the ranks start+1 .. end+1: exact
            for (int t = start; t <= end; t++) {
                out[order[t]] = rank / count;
            }
            start = end + 1;
        }
    }

    private static void zscore(double[] x, int n, double[] out) {
        double mean = mean(x, n);
        double squares = 0;
        int count = 0;
        for (int k = 0; k < n; k++) {
            if (!Double.isNaN(x[k])) {
                double d = x[k] - mean;
                squares += d * d;
                count++;
            }
        }
        double std = count > 1 ? Math.sqrt(squares / (count - 1)) : Double.NaN;
        for (int k = 0; k < n; k++) {
            out[k] = (x[k] - mean) / std;
        }
    }

    private static void demean(double[] x, int n, double[] out) {
        double mean = mean(x, n);
        for (int k = 0; k < n; k++) {
            out[k] = x[k] - mean;
        }
    }

    private static void groupDemean(double[] x, int n, int[] groups, double[] out) {
        int size = 0;
        for (int k = 0; k < n; k++) {
            size = Math.max(size, groups[k] + 1);
        }
        double[] sums = new double[size];
        int[] counts = new int[size];
        for (int k = 0; k < n; k++) {
            if (groups[k] >= 0 && !Double.isNaN(x[k])) {
                sums[groups[k]] += x[k];
                counts[groups[k]]++;
            }
        }
        for (int k = 0; k < n; k++) {
            int g = groups[k];
            out[k] = g < 0 || counts[g] == 0 ? Double.NaN : x[k] - sums[g] / counts[g];
        }
    }

    /** The mean of the values that are not NaN (NaN if there is none). */
    private static double mean(double[] x, int n) {
        double sum = 0;
        int count = 0;
        for (int k = 0; k < n; k++) {
            if (!Double.isNaN(x[k])) {
                sum += x[k];
                count++;
            }
        }
        return count == 0 ? Double.NaN : sum / count;
    }
}
