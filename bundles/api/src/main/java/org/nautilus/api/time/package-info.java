/**
 * The platform clock: what time it is and when scheduled work runs, the one notion of time on the order path.
 * Live, it is the system clock and a thread of its own ({@link LivePlatformClock}); in a backtest it is a
 * {@link SimulatedPlatformClock} that stands still until the data moves it, so the same OMS, risk rules, venues
 * and strategies give the same results on every run. The two implementations are here, with the interface,
 * because every bundle that schedules work needs exactly these two and a second copy of either would drift.
 */
@Export
@Version("1.0.0")
package org.nautilus.api.time;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
