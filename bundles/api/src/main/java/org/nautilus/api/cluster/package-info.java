/**
 * The cluster of Karaf nodes that share one Ignite grid: its nodes, where the data partitions live, and which node
 * runs the OMS (exactly one at a time; the others forward orders to it).
 */
@Export
@Version("1.2.0")
package org.nautilus.api.cluster;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
