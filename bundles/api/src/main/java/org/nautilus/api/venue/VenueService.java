package org.nautilus.api.venue;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/** The execution engine's view of the registered venues. */
@ProviderType
public interface VenueService {

    List<VenueInfo> venues();
}
