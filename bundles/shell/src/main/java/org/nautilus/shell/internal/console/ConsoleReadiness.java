package org.nautilus.shell.internal.console;

import org.apache.karaf.features.BootFinished;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells Karaf's launcher that the console may open: active once Karaf's {@link BootFinished} service exists (every
 * boot feature installed and started) and this bundle, with its {@code nautilus:*} commands, runs. The launcher's
 * lock ({@code org.nautilus.boot.ConsoleGateLock} in {@code lib/boot}, set in {@code etc/custom.properties}) reads the
 * system property, the one channel between an OSGi bundle and the launcher outside the framework.
 */
@Component(immediate = true)
public final class ConsoleReadiness {

    /** The system property {@code ConsoleGateLock} waits for (the launcher's class is not visible to bundles). */
    static final String READY_PROPERTY = "nautilus.platform.ready";

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleReadiness.class);

    @Activate
    public ConsoleReadiness(@Reference BootFinished bootFinished) {
        System.setProperty(READY_PROPERTY, "true");
        LOG.info("Boot features started and nautilus:* commands registered: the console may open");
    }

    @Deactivate
    void deactivate() {
        System.clearProperty(READY_PROPERTY);
    }
}
