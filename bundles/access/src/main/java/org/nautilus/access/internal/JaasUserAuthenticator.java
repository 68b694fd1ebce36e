package org.nautilus.access.internal;

import java.util.Optional;
import org.nautilus.api.access.AuthenticatedUser;
import org.nautilus.api.access.UserAuthenticator;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * Publishes the JAAS password check of HTTP Basic to other bundles (the FIX gateway checks Logon credentials with
 * it), against the realm of etc/nautilus.access.cfg: one set of users for shell, HTTP and FIX.
 */
@Component(service = UserAuthenticator.class, configurationPid = AccessConfig.PID)
public final class JaasUserAuthenticator implements UserAuthenticator {

    private final JaasAuthenticator jaas;

    @Activate
    public JaasUserAuthenticator(AccessConfig config) {
        this.jaas = new JaasAuthenticator(config.realm());
    }

    @Override
    public Optional<AuthenticatedUser> authenticate(String user, char[] password) {
        if (user == null || user.isBlank() || user.contains("\n") || password == null) {
            return Optional.empty();
        }
        return jaas.login(user, password).map(identity -> new AuthenticatedUser(identity.user(), identity.roles()));
    }
}
