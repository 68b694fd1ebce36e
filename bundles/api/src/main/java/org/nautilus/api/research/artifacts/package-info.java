/**
 * Run artifacts (model files, reports) in an object store: the durable copy a node that did not train a model loads
 * it from. Each artifact is addressed by its run id and name and carries a content digest ({@code sha256:...}),
 * recorded in the run's metadata when logged and checked when read back.
 */
@Export
@Version("1.0.0")
package org.nautilus.api.research.artifacts;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
