/**
 * Factor research: the {@link org.nautilus.api.research.Factor} and {@link org.nautilus.api.research.Model}
 * plugin SPIs and the service that computes factors. Models are fitted, tracked and registered through
 * {@link org.nautilus.api.research.tracking}, and served as {@link org.nautilus.api.research.signal signals}.
 *
 * <p>2.0: the model SPI v2 (fit with parameters and a seed, batch predict, save/load, importance); the old
 * start-up training service ({@code ModelService}, {@code ModelInfo}, {@code ModelMetrics}) is gone.
 * 2.1: {@link org.nautilus.api.research.Model#output()} says whether a family predicts the return or P(up).
 */
@Export
@Version("3.0.0")
package org.nautilus.api.research;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
