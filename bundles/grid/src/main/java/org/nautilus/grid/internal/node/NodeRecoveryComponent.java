package org.nautilus.grid.internal.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import org.nautilus.api.cluster.NodeRecovery;
import org.nautilus.api.cluster.RejoinPlan;
import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * {@link NodeRecovery} for this node's grid. It needs only the grid's configuration, not a running grid: it is there
 * when {@link GridNode} failed to start, which is when it is needed. After moving the data aside it restarts
 * {@link GridNode} (disable, enable: Declarative Services activates it again, asynchronously).
 */
@Component(service = NodeRecovery.class, immediate = true, configurationPid = GridConfig.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
public final class NodeRecoveryComponent implements NodeRecovery {

    private final GridConfig config;
    private final ComponentContext context;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile Grid grid;

    @Activate
    public NodeRecoveryComponent(GridConfig config, ComponentContext context) {
        this.config = config;
        this.context = context;
    }

    @Override
    public RejoinPlan planRejoin() {
        return NodeRejoin.plan(GridSettings.from(config, System.getProperty("karaf.data")), grid != null,
                Instant.now());
    }

    @Override
    public synchronized RejoinPlan rejoin() {
        RejoinPlan plan = planRejoin();
        if (!plan.allowed()) {
            throw new IllegalStateException(plan.refusal());
        }
        try {
            NodeRejoin.execute(plan);
        } catch (IOException e) {
            throw new UncheckedIOException("could not move " + plan.workDirectory() + " to " + plan.movedTo(), e);
        }
        context.disableComponent(GridNode.class.getName());
        context.enableComponent(GridNode.class.getName());
        return plan;
    }
}
