/**
 * The factor expression engine (private to the research bundle).
 *
 * <p>{@link org.nautilus.research.internal.expression.ExpressionParser} reads Qlib expression text into the API's
 * {@link org.nautilus.api.research.expression.Expression} records; {@link
 * org.nautilus.research.internal.expression.FactorGraph} resolves the names definitions use for each other,
 * refuses unknown names and cycles with their column, merges equal subexpressions into one node and derives each
 * factor's lookback; the resulting {@link org.nautilus.research.internal.expression.FactorProgram} is run bar by
 * bar for one instrument ({@link org.nautilus.research.internal.expression.FactorStream}) or over a history of
 * columns ({@link org.nautilus.research.internal.expression.FactorBatch}).
 *
 * <p>Batch and streaming give bit-identical doubles by construction: both create the same kernels (package
 * {@code kernel}) and call each one's {@code update} with the same inputs in the same row order; the batch only
 * visits nodes in column order. Kernels keep O(1) state per row (running sums, Welford moments, monotonic deques)
 * or a sorted window (order statistics), and follow Qlib's semantics as pandas computes them: partial windows
 * from the first row, NaN skipping, sample statistics, 1-based IdxMax from the oldest row, Corr and Rsquare
 * masked where a rolling std is within 2e-5 of 0. The TA-Lib operators follow TA-Lib 0.4: {@code SeededEMA} and
 * {@code Wilder} are seeded with the mean of their first N values and recurse in TA-Lib's arithmetic;
 * {@code MeanDev} (CCI's deviation from the window's own mean) is the one kernel with O(window) work per row.
 *
 * <p>Cross-sectional operators ({@code CSRank}, {@code CSZScore}, {@code CSDemean}, {@code GroupDemean}) need every
 * instrument's value at a time: a program with them runs over a universe, {@link
 * org.nautilus.research.internal.expression.PanelBatch} over a {@link org.nautilus.research.internal.expression.Panel}
 * and {@link org.nautilus.research.internal.expression.PanelStream} time by time, level by level (a level being how
 * many cross-sections lie below a node), with the same calls in the same instrument order, so again bit-identical.
 */
package org.nautilus.research.internal.expression;
