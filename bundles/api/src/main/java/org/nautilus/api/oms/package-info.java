/**
 * Order management: the service that accepts, tracks and cancels orders, and its listeners.
 */
@Export
@Version("1.3.0")
package org.nautilus.api.oms;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
