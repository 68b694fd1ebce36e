/**
 * Factor definitions as expressions, in the spirit of Qlib's expression language: a factor is a named
 * {@link org.nautilus.api.research.expression.FactorDefinition} whose text (e.g. {@code Mean($close, 5)/$close})
 * the research engine parses into an {@link org.nautilus.api.research.expression.Expression} tree and computes
 * the same way over a history of bars (batch) and bar by bar (streaming).
 *
 * <p>Plugins contribute definitions by publishing a {@link org.nautilus.api.research.expression.FactorLibrary}
 * service. Definitions can be written as text or built in Java from the expression records; both have one
 * canonical text ({@link org.nautilus.api.research.expression.Expression#text()}).
 *
 * <p>Semantics follow Qlib's operators (qlib/data/ops.py): rolling windows are partial at the start of a series
 * (a value from the first bar on), NaN inputs are skipped by rolling aggregates, comparisons give 1 or 0 (a NaN
 * compares false), {@code Std} and {@code Var} are sample statistics, {@code IdxMax}/{@code IdxMin} are 1-based
 * from the oldest bar of the window. {@link org.nautilus.api.research.expression.Expression} is sealed: a new kind
 * of node is a major version of this package; a new operator in one of the operator enums is a minor one.
 *
 * <p>1.1: TA-Lib's smoothings for technical indicators ({@code SeededEMA}, {@code Wilder}), the mean absolute
 * deviation ({@code MeanDev}, for CCI) and a running sum ({@code Cumsum}, for OBV).
 *
 * <p>1.2: a definition may name a factor of another library, {@code library.name} (e.g. {@code technical.RSI_14});
 * {@link org.nautilus.api.research.expression.FactorReference#library()} and {@code factor()} split it.
 *
 * <p>2.0: cross-sectional operators, a new kind of node ({@link org.nautilus.api.research.expression.CrossSection}:
 * {@code CSRank}, {@code CSZScore}, {@code CSDemean}, {@code GroupDemean}), computed over the instruments of a
 * universe at each time rather than over one instrument's bars.
 *
 * <p>3.0: point-in-time data as fields, two new kinds of node: {@link
 * org.nautilus.api.research.expression.FundamentalField} ({@code $eps}, {@code PSum($eps,4)}: statements as
 * published by the bar's end, restatements from their publication on) and {@link
 * org.nautilus.api.research.expression.SentimentField} ({@code $sentiment}: the decayed news sentiment then).
 */
@Export
@Version("3.0.0")
package org.nautilus.api.research.expression;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
