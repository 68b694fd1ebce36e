/**
 * The Ignite node's lifecycle: its settings ({@link org.nautilus.grid.internal.node.GridConfig},
 * {@link org.nautilus.grid.internal.node.GridSettings}), the embedded node itself
 * ({@link org.nautilus.grid.internal.node.EmbeddedGrid}, published as {@link org.nautilus.grid.internal.node.Grid}),
 * its work directory and JVM checks, and the baseline's care (history repair, removal, rejoining empty). The store,
 * the cluster services and the feature cache build on a running node from their own packages.
 */
package org.nautilus.grid.internal.node;
