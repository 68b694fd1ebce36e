package org.nautilus.routes.internal.sim;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;

/**
 * Steps the simulator on a fixed rate and sends each quote and trade as its own exchange, in order, from one
 * thread. Stopping the route stops the steps; starting it again continues the same walk.
 */
final class SimulatedFeedConsumer extends DefaultConsumer {

    private final QuoteSimulator simulator;
    private final long periodMillis;
    private final long maxSteps;
    private final Clock clock;
    private ScheduledExecutorService executor;
    private long steps;

    SimulatedFeedConsumer(SimulatedFeedEndpoint endpoint, Processor processor, QuoteSimulator simulator,
            long periodMillis, long maxSteps, Clock clock) {
        super(endpoint, processor);
        this.simulator = simulator;
        this.periodMillis = periodMillis;
        this.maxSteps = maxSteps;
        this.clock = clock;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        executor = getEndpoint().getCamelContext().getExecutorServiceManager()
                .newSingleThreadScheduledExecutor(this, "nautilus-sim");
        executor.scheduleAtFixedRate(this::step, 0, periodMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    protected void doStop() throws Exception {
        if (executor != null) {
            getEndpoint().getCamelContext().getExecutorServiceManager().shutdownNow(executor);
            executor = null;
        }
        super.doStop();
    }

    private void step() {
        if (maxSteps > 0 && steps >= maxSteps) {
            return;
        }
        steps++;
        try {
            List<Object> events = simulator.step(clock.instant());
            for (Object event : events) {
                Exchange exchange = createExchange(true);
                exchange.getMessage().setBody(event);
                try {
                    getProcessor().process(exchange);
                } catch (Exception e) {
                    exchange.setException(e);
                }
                if (exchange.getException() != null) {
                    getExceptionHandler().handleException("Simulated feed step failed", exchange,
                            exchange.getException());
                }
                releaseExchange(exchange, true);
            }
        } catch (RuntimeException e) {
            // never let an exception cancel the fixed-rate schedule
            getExceptionHandler().handleException("Simulated feed step failed", e);
        }
    }
}
