package org.nautilus.grid.internal.cluster;

import org.apache.ignite.Ignite;
import org.apache.ignite.resources.IgniteInstanceResource;
import org.apache.ignite.services.Service;

/**
 * The OMS leadership as an Ignite cluster singleton: Ignite runs exactly one instance in the cluster and, when its
 * node leaves or dies, starts one on a surviving node. Starting here makes this node the OMS's
 * ({@link ClusterComponent#leadership}); its {@link #call} is what the other nodes' proxies reach.
 */
public final class OmsLeaderService implements Service, OmsClusterEndpoint {

    private static final long serialVersionUID = 1L;

    @IgniteInstanceResource
    private transient Ignite ignite;

    @Override
    public void init() {
        ClusterComponent.leadership(ignite.name(), true);
    }

    @Override
    public void cancel() {
        ClusterComponent.leadership(ignite.name(), false);
    }

    @Override
    public String call(String method, String arguments) {
        return ClusterComponent.dispatch(ignite.name(), method, arguments);
    }
}
