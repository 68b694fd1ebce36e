package org.nautilus.access.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import org.nautilus.api.audit.AuditService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's HTTP access control, built from etc/nautilus.access.cfg, and its one audit recorder; shared by the
 * request filters (JAX-RS and servlet) and the token resource of this bundle (an internal service: other bundles
 * never see it).
 */
@Component(service = AccessService.class, configurationPid = AccessConfig.PID)
@Designate(ocd = AccessConfig.class)
public final class AccessService {

    private static final Logger LOG = LoggerFactory.getLogger(AccessService.class);

    private final AccessControl control;
    private volatile AuditService audit;
    private final AuditRecorder recorder = new AuditRecorder(() -> audit, System::nanoTime, true);

    @Activate
    public AccessService(AccessConfig config) throws IOException {
        Duration lifetime;
        try {
            lifetime = Duration.parse(config.token_lifetime().strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("token.lifetime = '" + config.token_lifetime()
                    + "' in etc/nautilus.access.cfg is not an ISO-8601 duration (e.g. PT8H)", e);
        }
        Tokens tokens = new Tokens(secret(config.token_secret()), lifetime, Clock.systemUTC());
        control = new AccessControl(new RoleTable(RoleTable.DEFAULT), tokens, new JaasAuthenticator(config.realm()));
        LOG.info("HTTP access: realm {}, HMAC-SHA256 bearer tokens valid {}", config.realm(), lifetime);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void setAudit(AuditService service) {
        audit = service;
    }

    void unsetAudit(AuditService service) {
        if (audit == service) {
            audit = null;
        }
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        recorder.close();
    }

    AccessControl control() {
        return control;
    }

    /** Records the HTTP actions and refusals of every filter of this bundle in the audit journal, off the request. */
    AuditRecorder recorder() {
        return recorder;
    }

    /** The configured secret, or the one kept under the data directory (created once, readable by its owner only). */
    private static byte[] secret(String configured) throws IOException {
        if (!configured.isBlank()) {
            try {
                return Base64.getDecoder().decode(configured.strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("token.secret in etc/nautilus.access.cfg is not base64", e);
            }
        }
        Path file = Path.of(System.getProperty("karaf.data", "data"), "nautilus", "token.secret");
        if (Files.exists(file)) {
            return Base64.getDecoder().decode(Files.readString(file).strip());
        }
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        Files.createDirectories(file.getParent());
        Files.writeString(file, Base64.getEncoder().encodeToString(secret), StandardOpenOption.CREATE_NEW);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the data directory's own permissions apply
        }
        LOG.info("HTTP access: generated the token secret {}", file);
        return secret;
    }
}
