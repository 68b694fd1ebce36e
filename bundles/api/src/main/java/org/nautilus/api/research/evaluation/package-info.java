/**
 * Factor and model evaluation per date across instruments, as Qlib and alphalens compute it: IC (Pearson), Rank IC
 * (Spearman, average ranks for ties), ICIR and t-stat, quantile returns with spread and standard errors,
 * top/bottom turnover, rank autocorrelation, the monthly IC table and a long-short return curve; and reports of
 * them (HTML with charts and PNG files).
 */
@Export
@Version("1.0.0")
package org.nautilus.api.research.evaluation;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
