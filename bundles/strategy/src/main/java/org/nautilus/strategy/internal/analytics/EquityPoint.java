package org.nautilus.strategy.internal.analytics;

import java.time.Instant;

/**
 * The portfolio marked to market at one time.
 *
 * @param time   when
 * @param equity initial cash + realized P&amp;L − commissions + unrealized P&amp;L at the marks
 * @param gross  Σ |position value|
 * @param net    Σ position value
 */
public record EquityPoint(Instant time, double equity, double gross, double net) {
}
