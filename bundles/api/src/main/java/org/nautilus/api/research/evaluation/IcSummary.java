package org.nautilus.api.research.evaluation;

/**
 * Statistics of a daily IC series over the dates where it is defined.
 *
 * @param dates  dates with a defined IC
 * @param mean   mean IC
 * @param std    sample standard deviation of the daily IC
 * @param ir     mean / std (ICIR, not annualised)
 * @param tStat  mean / (std / √dates)
 * @param stdErr std / √dates: the standard error of the mean
 */
public record IcSummary(int dates, double mean, double std, double ir, double tStat, double stdErr) {
}
