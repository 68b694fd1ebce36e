package org.nautilus.grid.internal.node;

import org.apache.ignite.Ignite;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform's Ignite server node, configured by {@code etc/nautilus.grid.cfg}. Activation starts the node (a
 * failure leaves the component unsatisfied with the reason in the log); deactivation stops it. There is no
 * {@code modified} method on purpose: every setting needs a node restart, which Declarative Services performs,
 * stopping the stores on the node first and starting them again afterwards.
 */
@Component(service = Grid.class, immediate = true, configurationPid = GridConfig.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = GridConfig.class)
public final class GridNode implements Grid {

    private static final Logger LOG = LoggerFactory.getLogger(GridNode.class);

    private final EmbeddedGrid grid;

    @Activate
    public GridNode(GridConfig config) {
        try {
            GridSettings settings = GridSettings.from(config, System.getProperty("karaf.data"));
            grid = EmbeddedGrid.start(settings, GridNode.class.getClassLoader());
        } catch (GridStartupException e) {
            // Logged here once, plainly: SCR's own log line buries the message under "constructor threw".
            LOG.error("Nautilus grid not started: {}", e.getMessage());
            throw e;
        }
    }

    @Deactivate
    void deactivate() {
        grid.close();
    }

    @Override
    public Ignite ignite() {
        return grid.ignite();
    }

    @Override
    public GridSettings settings() {
        return grid.settings();
    }
}
