/**
 * Experiment tracking and the model registry: runs with parameters, metrics, tags, dataset digest, code version,
 * seed and artifacts; registered models with versions and aliases ({@code champion}, {@code challenger}).
 */
@Export
@Version("1.0.0")
package org.nautilus.api.research.tracking;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
