/**
 * Valuation and quality factors from point-in-time fundamentals: each value on a bar uses only what was published
 * by the bar's end (the latest revision then of each period), never a later publication.
 *
 * <p>Fields read (per share, one row per fiscal quarter, restatements as later rows): {@code eps} (earnings per
 * share), {@code sales} (revenue per share), {@code book} (book value per share at the period's end).
 */
@Export
@Version("1.0.0")
package org.nautilus.api.research.fundamental;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
