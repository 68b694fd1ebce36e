package org.nautilus.api.access;

import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Checks a user name and password against the platform's users (etc/users.properties through the Karaf JAAS realm,
 * the same users as the shell and HTTP), for a channel that authenticates its own logons (a FIX session's Logon).
 */
@ProviderType
public interface UserAuthenticator {

    /**
     * @return the user with the roles of its groups (e.g. {@code trader}, {@code viewer}) if the password is right;
     *         empty if the user is unknown or the password wrong (the two are not told apart)
     */
    Optional<AuthenticatedUser> authenticate(String user, char[] password);
}
