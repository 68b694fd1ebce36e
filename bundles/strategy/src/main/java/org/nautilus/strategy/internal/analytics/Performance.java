package org.nautilus.strategy.internal.analytics;

import java.util.List;
import org.nautilus.api.strategy.PerformanceMetrics;

/**
 * Computes {@link PerformanceMetrics} from an equity curve, the traded notional and the round trips' P&amp;L; the
 * formulas are on {@link PerformanceMetrics}. Plain arithmetic on doubles (research numbers, not money).
 */
public final class Performance {

    private Performance() {
    }

    /**
     * @param curve          the equity curve, oldest first (at least one point)
     * @param periodsPerYear points per year, to annualise
     * @param tradedNotional Σ |quantity × price| of the fills
     * @param tripPnl        the P&amp;L of each closed round trip, net of its commissions
     * @param commissions    Σ commissions
     */
    public static PerformanceMetrics of(List<EquityPoint> curve, double periodsPerYear, double tradedNotional,
            double[] tripPnl, double commissions) {
        if (curve.isEmpty()) {
            throw new IllegalArgumentException("an equity curve needs at least one point");
        }
        int n = curve.size();
        double[] equity = curve.stream().mapToDouble(EquityPoint::equity).toArray();
        double[] returns = returns(equity);
        double mean = mean(returns);
        double stdev = sampleStdev(returns, mean);
        double downside = downsideDeviation(returns);
        double annualiser = Math.sqrt(periodsPerYear);
        double total = equity[n - 1] / equity[0] - 1;
        double annual = returns.length == 0 ? Double.NaN : Math.pow(1 + total, periodsPerYear / returns.length) - 1;
        Drawdown dd = maxDrawdown(equity);
        double meanEquity = mean(equity);
        double gross = 0;
        double net = 0;
        for (EquityPoint p : curve) {
            gross += p.gross() / p.equity();
            net += p.net() / p.equity();
        }
        int wins = 0;
        double won = 0;
        double lost = 0;
        int losses = 0;
        for (double pnl : tripPnl) {
            if (pnl > 0) {
                wins++;
                won += pnl;
            } else if (pnl < 0) {
                losses++;
                lost += pnl;
            }
        }
        return new PerformanceMetrics(n, periodsPerYear, equity[0], equity[n - 1], total, annual,
                stdev * annualiser, ratio(mean, stdev) * annualiser, ratio(mean, downside) * annualiser,
                ratio(annual, dd.depth), dd.depth, dd.periods, tradedNotional / meanEquity, gross / n, net / n,
                tripPnl.length, tripPnl.length == 0 ? Double.NaN : (double) wins / tripPnl.length,
                ratio(won, -lost), wins == 0 ? Double.NaN : won / wins, losses == 0 ? Double.NaN : lost / losses,
                commissions);
    }

    /** Simple returns: r[i] = e[i+1] / e[i] − 1. */
    public static double[] returns(double[] equity) {
        double[] r = new double[Math.max(0, equity.length - 1)];
        for (int i = 0; i < r.length; i++) {
            r[i] = equity[i + 1] / equity[i] - 1;
        }
        return r;
    }

    /** The underwater curve: 1 − e[i] / max(e[0..i]) (0 at a new high). */
    public static double[] underwater(double[] equity) {
        double[] u = new double[equity.length];
        double peak = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < equity.length; i++) {
            peak = Math.max(peak, equity[i]);
            u[i] = 1 - equity[i] / peak;
        }
        return u;
    }

    /** The largest drawdown and the longest time under a peak, in periods. */
    record Drawdown(double depth, int periods) {
    }

    static Drawdown maxDrawdown(double[] equity) {
        double peak = Double.NEGATIVE_INFINITY;
        int peakAt = 0;
        double depth = 0;
        int longest = 0;
        boolean under = false;
        for (int i = 0; i < equity.length; i++) {
            if (equity[i] >= peak) {
                if (under) {
                    // Recovered: the drawdown lasted from the peak to this point.
                    longest = Math.max(longest, i - peakAt);
                    under = false;
                }
                peak = equity[i];
                peakAt = i;
            } else {
                under = true;
                depth = Math.max(depth, 1 - equity[i] / peak);
                longest = Math.max(longest, i - peakAt);
            }
        }
        return new Drawdown(depth, longest);
    }

    static double mean(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    static double sampleStdev(double[] values, double mean) {
        if (values.length < 2) {
            return Double.NaN;
        }
        double sum = 0;
        for (double v : values) {
            sum += (v - mean) * (v - mean);
        }
        return Math.sqrt(sum / (values.length - 1));
    }

    static double downsideDeviation(double[] returns) {
        if (returns.length == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (double r : returns) {
            if (r < 0) {
                sum += r * r;
            }
        }
        return Math.sqrt(sum / returns.length);
    }

    /** a / b, NaN when b is 0 or NaN (no variance, no losses: the ratio has no meaning). */
    private static double ratio(double a, double b) {
        return b == 0 || Double.isNaN(b) ? Double.NaN : a / b;
    }
}
