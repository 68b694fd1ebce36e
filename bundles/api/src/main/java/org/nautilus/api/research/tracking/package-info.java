/**
 * Experiment tracking and the model registry: runs with parameters, metrics, tags, dataset digest, code version,
 * seed and artifacts; registered models with versions and aliases ({@code champion}, {@code challenger}).
 * 1.1: deleting runs and experiments names the user, for the audit journal.
 * 1.2: artifacts kept in an {@link org.nautilus.api.research.artifacts.ArtifactStore} with their digests in the
 * run ({@link org.nautilus.api.research.tracking.Run#artifactDigests()}), read back verified.
 */
@Export
@Version("1.2.0")
package org.nautilus.api.research.tracking;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
