package org.nautilus.api.access;

import java.util.Objects;
import java.util.Set;

/**
 * A user whose password was checked, with the roles of its groups.
 *
 * @param name  the user name
 * @param roles the roles (Karaf role principals), e.g. {@code trader}, {@code risk}, {@code admin}
 */
public record AuthenticatedUser(String name, Set<String> roles) {

    /** The role that may enter and cancel orders. */
    public static final String TRADER = "trader";

    public AuthenticatedUser {
        Objects.requireNonNull(name, "name");
        roles = Set.copyOf(roles);
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }
}
