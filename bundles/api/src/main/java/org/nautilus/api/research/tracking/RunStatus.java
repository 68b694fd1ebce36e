package org.nautilus.api.research.tracking;

/** Where a run is. */
public enum RunStatus {
    RUNNING, FINISHED, FAILED
}
