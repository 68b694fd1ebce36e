/**
 * Factor research: the {@link org.nautilus.api.research.Factor} and {@link org.nautilus.api.research.Model}
 * plugin SPIs and the services that compute factors and train and serve models.
 */
@Export
@Version("1.1.0")
package org.nautilus.api.research;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
