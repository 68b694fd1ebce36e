package org.nautilus.factor.technical.internal;

import java.util.Dictionary;
import java.util.Hashtable;
import org.nautilus.api.research.Factor;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the RSI factor as a {@link Factor} service with {@code factor.name=rsi-<period>}.
 *
 * <p>The factor name follows the configured period, and DS cannot derive a service property from a configured
 * one, so this component registers the service itself: a changed period unregisters {@code rsi-14} and
 * registers {@code rsi-<new period>}, which the feature engine sees as one factor leaving and another arriving.
 */
@Component(configurationPid = RsiFactorComponent.PID, immediate = true, service = {})
@Designate(ocd = RsiFactorComponent.Config.class)
public final class RsiFactorComponent {

    static final String PID = "nautilus.factor.rsi";

    @ObjectClassDefinition(name = "Nautilus RSI factor", description = "Wilder's relative strength index of the closes; the factor is named rsi-<period>.")
    public @interface Config {
        @AttributeDefinition(description = "Number of closes to close changes averaged (at least 2).", min = "2")
        int period() default 14;
    }

    private static final Logger LOG = LoggerFactory.getLogger(RsiFactorComponent.class);

    private final BundleContext context;
    private ServiceRegistration<Factor> registration;
    private RsiFactor factor;

    @Activate
    public RsiFactorComponent(BundleContext context, Config config) {
        this.context = context;
        publish(config);
    }

    @Modified
    synchronized void modified(Config config) {
        publish(config);
    }

    @Deactivate
    synchronized void deactivate() {
        unpublish();
    }

    private synchronized void publish(Config config) {
        int period = config.period();
        if (period < 2) {
            // Keep the factor we have: a bad edit of the .cfg must not take RSI away.
            LOG.error("nautilus.factor.rsi: period must be at least 2, got {}; keeping {}", period,
                    factor == null ? "no RSI factor" : factor.name());
            return;
        }
        if (factor != null && factor.period() == period) {
            return;
        }
        unpublish();
        factor = new RsiFactor(period);
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(Factor.NAME_PROPERTY, factor.name());
        properties.put("factor.period", period);
        properties.put("factor.library", "ta4j");
        registration = context.registerService(Factor.class, factor, properties);
        LOG.info("Factor {} registered", factor.name());
    }

    private void unpublish() {
        if (registration != null) {
            try {
                registration.unregister();
            } catch (IllegalStateException alreadyGone) {
                // The bundle is stopping and the framework unregistered it first.
            }
            registration = null;
            LOG.info("Factor {} unregistered", factor.name());
            factor = null;
        }
    }
}
