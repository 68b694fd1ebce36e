package org.nautilus.api.time;

import org.osgi.annotation.versioning.ProviderType;

/** Work waiting on a {@link PlatformClock}. */
@ProviderType
public interface ScheduledTask {

    /** Cancels it: it does not run (again); a run already under way completes. */
    void cancel();
}
