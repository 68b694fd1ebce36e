/**
 * Order management: the service that accepts, tracks and cancels orders, its in-step listeners and the
 * subscribers of its committed events: the OMS node's whiteboard, and the cluster-wide {@link org.nautilus.api.oms.OrderEventFeed}.
 */
@Export
@Version("2.3.0")
package org.nautilus.api.oms;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
