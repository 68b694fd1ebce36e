package org.nautilus.api.venue;

import org.osgi.annotation.versioning.ConsumerType;

/** Receives a venue's execution reports for the orders it was given. Must not block. */
@ConsumerType
public interface ExecutionListener {

    void onReport(ExecutionReport report);
}
