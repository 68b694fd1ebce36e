/**
 * The feature cache: the latest feature vector of every library on every instrument's bar series, and the
 * streaming state that computed it, shared by the nodes of a cluster.
 *
 * <p>The feature engine {@linkplain org.nautilus.api.research.cache.FeatureCache#offer(FeatureVector) offers} each
 * new vector as its bar closes (the write is asynchronous and coalesced: the live path does not wait for the grid),
 * and now and then a {@link org.nautilus.api.research.cache.StreamState}; any node reads them (model serving reads
 * the vectors). A node that starts a stream resumes it from a state consistent with its bar history instead of
 * recomputing the history; likewise the cross-sectional panel of a library over its live universe
 * ({@link org.nautilus.api.research.cache.PanelState}). Entries are partitioned by instrument with backups, so a node's death loses nothing.
 */
@Export
@Version("1.2.0")
package org.nautilus.api.research.cache;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
