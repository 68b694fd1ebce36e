package org.nautilus.api.audit;

/** Through which door an action came into the platform. */
public enum Channel {
    /** The Karaf shell (SSH, the local console, bin/nautilus-admin). */
    SHELL,
    /** The HTTP API and the desk page. */
    HTTP,
    /** A Camel route (a route file's {@code to: nautilus:...}). */
    ROUTE,
    /** A FIX session. */
    FIX,
    /** The platform itself (start-up, recovery, a strategy). */
    SYSTEM
}
