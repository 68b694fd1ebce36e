package org.nautilus.routes.internal.sim;

import java.time.Clock;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultEndpoint;

/** A simulated feed endpoint: consumer only. */
final class SimulatedFeedEndpoint extends DefaultEndpoint {

    private final QuoteSimulator simulator;
    private final long periodMillis;
    private final long steps;
    private final Clock clock;

    SimulatedFeedEndpoint(String uri, SimulatedFeedComponent component, QuoteSimulator simulator, long periodMillis,
            long steps, Clock clock) {
        super(uri, component);
        this.simulator = simulator;
        this.periodMillis = periodMillis;
        this.steps = steps;
        this.clock = clock;
    }

    @Override
    public Producer createProducer() {
        throw new UnsupportedOperationException(getEndpointUri() + " is a feed: use it in 'from', not in 'to'");
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        SimulatedFeedConsumer consumer = new SimulatedFeedConsumer(this, processor, simulator, periodMillis, steps,
                clock);
        configureConsumer(consumer);
        return consumer;
    }

    @Override
    public boolean isSingleton() {
        // the simulator holds the walk's state: one consumer per endpoint
        return true;
    }
}
