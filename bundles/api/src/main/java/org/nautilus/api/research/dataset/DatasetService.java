package org.nautilus.api.research.dataset;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/** Builds panel datasets point in time and cuts them into validation splits. */
@ProviderType
public interface DatasetService {

    /**
     * Builds the dataset a request describes. The same request over the same data gives the same rows and digest.
     *
     * @throws IllegalArgumentException for an unknown source, a feature that does not compile, or filters that
     *                                  leave no row, with the reason
     */
    PanelDataset build(DatasetRequest request);

    /** The splits of a scheme over a dataset, in order (walk-forward: oldest window first). */
    List<Split> split(PanelDataset dataset, SplitSpec spec);
}
