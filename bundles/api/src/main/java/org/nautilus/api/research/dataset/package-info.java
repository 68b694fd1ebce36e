/**
 * Research datasets and their validation splits.
 *
 * <p>A {@link org.nautilus.api.research.dataset.PanelDataset} is a panel: one row per (date, instrument) with
 * the feature values known at the close of that date and a label (a forward return) whose information ends at a
 * later date, {@link org.nautilus.api.research.dataset.PanelDataset#labelEnd(int)}. It is built point in time from
 * a {@link org.nautilus.api.research.dataset.DatasetRequest} and carries a content digest (SHA-256 over the
 * canonical request and the data): the same request over the same data gives the same digest.
 *
 * <p>{@link org.nautilus.api.research.dataset.SplitSpec} describes a validation scheme (walk-forward, purged
 * K-fold with embargo, combinatorial purged CV); a {@link org.nautilus.api.research.dataset.Split} is one
 * (train, test) pair of row indices. Splits cut by date, never inside a date, purge training rows whose label
 * interval overlaps the test dates, and embargo a count of dates after each test block.
 *
 * <p>Generated data is always labelled as generated: its source is a
 * {@link org.nautilus.api.research.dataset.DataSource.Generated} and its instruments are named {@code GEN…}.
 */
@Export
@Version("2.0.0")
package org.nautilus.api.research.dataset;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
