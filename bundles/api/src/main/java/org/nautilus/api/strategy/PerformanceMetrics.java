package org.nautilus.api.strategy;

/**
 * How a run did, from its equity curve (marked to market at every data time) and its fills. Returns are simple
 * returns per period of the curve; annualised with {@code periodsPerYear} (252 for daily data). Formulas:
 * <ul>
 *   <li>Sharpe = mean(r) / stdev(r) × √periodsPerYear (sample stdev, risk-free rate 0);</li>
 *   <li>Sortino = mean(r) / downside deviation × √periodsPerYear, downside deviation = √(Σ min(r,0)² / n);</li>
 *   <li>max drawdown = max over t of 1 − equity(t) / max(equity(≤ t)); its duration counts the periods from the
 *       peak to the recovery (or the end);</li>
 *   <li>Calmar = annual return / max drawdown;</li>
 *   <li>turnover = Σ |traded notional| / mean equity; exposure = mean of gross (Σ|position value|) and net
 *       (Σ position value) over equity;</li>
 *   <li>hit rate, profit factor, average win and loss over closed round trips (a position back to flat or
 *       reversed).</li>
 * </ul>
 * A value that has no meaning (no variance, no losing trade) is {@code NaN}.
 */
public record PerformanceMetrics(int periods, double periodsPerYear, double startEquity, double endEquity,
        double totalReturn, double annualReturn, double volatility, double sharpe,
        double sortino, double calmar, double maxDrawdown, int maxDrawdownPeriods,
        double turnover, double grossExposure, double netExposure, int trades,
        double hitRate, double profitFactor, double averageWin, double averageLoss,
        double commissions) {
}
