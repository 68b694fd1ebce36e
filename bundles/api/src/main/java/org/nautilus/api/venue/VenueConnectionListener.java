package org.nautilus.api.venue;

import org.nautilus.api.domain.VenueId;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Told by a venue when its connection (session, gateway login) comes and goes. The OMS stops routing to a
 * disconnected venue and reconciles with it on every reconnect. Must not block; may be called from any thread.
 *
 * @since 1.3
 */
@ProviderType
public interface VenueConnectionListener {

    /** The venue is (again) able to take orders and answer queries. */
    void connected(VenueId venue);

    /** The venue lost its connection; {@code reason} says why (shown to users). */
    void disconnected(VenueId venue, String reason);
}
