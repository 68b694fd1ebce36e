/**
 * Camel routes loaded from route files: what runs, from which file, and in which state.
 */
@Export
@Version("1.1.0")
package org.nautilus.api.routes;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
