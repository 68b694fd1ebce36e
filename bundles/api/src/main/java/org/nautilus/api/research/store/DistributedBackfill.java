package org.nautilus.api.research.store;

import java.util.function.Consumer;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A backfill across the cluster: the instruments are split by their partition of the feature cache (the same
 * partition holds the instrument's cached features), and each node that owns partitions computes and writes their
 * instruments with its own {@link FactorBackfill}, as compute jobs sent to that node. Every node reads the same
 * historical bars (a shared volume or object storage) and writes the store partitions of its instruments.
 */
@ProviderType
public interface DistributedBackfill {

    /**
     * Runs the request across the cluster (every instrument with bars if the request names none).
     *
     * @param progress told a line per node as its share starts and ends
     * @throws IllegalArgumentException for an unknown library or instrument (nothing is written)
     */
    ClusterBackfillResult backfill(BackfillRequest request, Consumer<String> progress);
}
