/**
 * Order management: the service that accepts, tracks and cancels orders, its in-step listeners and the
 * subscribers of its committed events.
 */
@Export
@Version("2.2.0")
package org.nautilus.api.oms;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
