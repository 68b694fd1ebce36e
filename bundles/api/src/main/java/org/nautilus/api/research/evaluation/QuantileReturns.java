package org.nautilus.api.research.evaluation;

import java.util.List;

/**
 * Mean label per score quantile (alphalens): per date, instruments bucketed by score into equal-count quantiles
 * (1 = lowest score), the label demeaned by the date's mean; then the mean over dates and its standard error.
 *
 * @param mean         per quantile, the mean demeaned label
 * @param stdErr       per quantile, std over dates / √dates
 * @param spread       top quantile − bottom quantile
 * @param spreadStdErr √(se_top² + se_bottom²)
 */
public record QuantileReturns(List<Double> mean, List<Double> stdErr, double spread, double spreadStdErr) {
    public QuantileReturns {
        mean = List.copyOf(mean);
        stdErr = List.copyOf(stdErr);
        if (mean.size() != stdErr.size()) {
            throw new IllegalArgumentException(mean.size() + " means for " + stdErr.size() + " standard errors");
        }
    }
}
