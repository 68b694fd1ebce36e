package org.nautilus.access.internal;

import java.util.Objects;
import java.util.Set;

/** An authenticated user and the roles JAAS gave it. */
record Identity(String user, Set<String> roles) {

    Identity {
        Objects.requireNonNull(user, "user");
        if (user.isEmpty() || user.contains("\n")) {
            throw new IllegalArgumentException("bad user name");
        }
        roles = Set.copyOf(roles);
    }

    boolean has(String role) {
        return roles.contains(role);
    }
}
