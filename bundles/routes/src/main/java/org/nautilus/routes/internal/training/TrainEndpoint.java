package org.nautilus.routes.internal.training;

import java.nio.file.Path;
import org.apache.camel.Component;
import org.apache.camel.Exchange;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultProducer;
import org.nautilus.api.research.tracking.TrainingResult;
import org.nautilus.routes.internal.component.Gateways;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code to: nautilus:train?spec=etc/models/aapl-lightgbm.properties}: trains the spec as a tracked run, as
 * {@code nautilus:train} does, on the route's own thread (a {@code timer:} route is a training schedule; nothing
 * trains at start-up unless a route says so). The header {@value #SPEC} overrides the {@code spec} parameter. The
 * body becomes the {@link TrainingResult}; headers {@value #RUN} and, when registered, {@value #MODEL} and
 * {@value #VERSION}. Progress goes to the log. A failed training fails the exchange with its reason.
 */
public final class TrainEndpoint extends SpecFileEndpoint {

    private static final Logger LOG = LoggerFactory.getLogger(TrainEndpoint.class);
    public static final String SPEC = "NautilusTrainingSpec";
    public static final String RUN = "NautilusRunId";
    public static final String MODEL = "NautilusModel";
    public static final String VERSION = "NautilusModelVersion";

    public TrainEndpoint(String uri, Component component, Gateways gateways, String spec) {
        super(uri, component, gateways, spec, SPEC);
    }

    @Override
    public Producer createProducer() {
        return new DefaultProducer(this) {
            @Override
            public void process(Exchange exchange) {
                String file = specFile(exchange);
                LOG.info("Route {} trains {}", exchange.getFromRouteId(), file);
                TrainingResult result = gateways.training().train(Path.of(file.strip()),
                        line -> LOG.info("train {}: {}", file, line));
                exchange.getMessage().setBody(result);
                exchange.getMessage().setHeader(RUN, result.run().id());
                if (result.version() != null) {
                    exchange.getMessage().setHeader(MODEL, result.version().model());
                    exchange.getMessage().setHeader(VERSION, result.version().version());
                }
            }
        };
    }
}
