package org.nautilus.api.cluster;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Registered as an OSGi service on exactly one node of the cluster at a time (the grid's cluster singleton): the
 * node that runs the OMS writers and the position keeper. The OMS and the position keeper require it, so they run
 * there only and start (recovering from the store) when it moves to this node; other nodes forward commands to it.
 */
@ProviderType
public interface OmsLeadership {

    /** This node's id in the cluster (its grid consistent id). */
    String node();

    /**
     * The leadership's epoch: it grows each time the leadership moves. Commits of an older epoch are refused by the
     * store, so a node that lost the leadership without noticing cannot write.
     */
    long epoch();
}
