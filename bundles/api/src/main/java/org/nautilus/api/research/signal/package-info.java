/**
 * Model signals: predictions of registered model versions, published as bars close, to strategies
 * ({@link org.nautilus.api.research.signal.SignalListener} whiteboard), route files ({@code nautilus:signals})
 * and the shell.
 */
@Export
@Version("1.1.0")
package org.nautilus.api.research.signal;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
