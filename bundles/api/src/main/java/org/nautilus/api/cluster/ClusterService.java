package org.nautilus.api.cluster;

import org.osgi.annotation.versioning.ProviderType;

/** What {@code nautilus:cluster} shows: the nodes, where the partitions live and where the OMS runs. */
@ProviderType
public interface ClusterService {

    ClusterStatus status();
}
