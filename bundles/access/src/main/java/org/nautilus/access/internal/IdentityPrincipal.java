package org.nautilus.access.internal;

import java.security.Principal;

/** The authenticated user as the JAX-RS {@code SecurityContext} hands it to resources. */
record IdentityPrincipal(Identity identity) implements Principal {

    @Override
    public String getName() {
        return identity.user();
    }
}
