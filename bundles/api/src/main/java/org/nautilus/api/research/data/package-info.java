/**
 * Market data as it arrives from files and feeds, before research uses it: raw bar rows with the place they came
 * from ({@code file:line}), data checks that report what is wrong with them (gaps, duplicates, out-of-order rows,
 * outliers, impossible prices) without dropping or fixing anything, and corporate actions (splits, cash dividends)
 * with the back-adjusted view of a bar series they imply. The raw bars are never altered; adjustment is a view.
 *
 * <p>{@link org.nautilus.api.research.data.DataFiles} is the service; the connectors of the route files and the
 * {@code nautilus:data-check} command use it.
 */
@Export
@Version("1.0.0")
package org.nautilus.api.research.data;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
