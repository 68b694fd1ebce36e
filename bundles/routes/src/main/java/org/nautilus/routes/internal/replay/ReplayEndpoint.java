package org.nautilus.routes.internal.replay;

import java.nio.file.Path;
import java.time.Duration;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultEndpoint;
import org.nautilus.api.domain.InstrumentId;

/** A replay endpoint: consumer only. */
final class ReplayEndpoint extends DefaultEndpoint {

    /** What and how to replay. */
    record Settings(Path file, ReplayFormat format, InstrumentId symbol, Duration interval, boolean realtime,
            double speed, int batch, boolean endOfStream) {
    }

    private final Settings settings;

    ReplayEndpoint(String uri, ReplayComponent component, Settings settings) {
        super(uri, component);
        this.settings = settings;
    }

    @Override
    public Producer createProducer() {
        throw new UnsupportedOperationException(getEndpointUri() + " is a feed: use it in 'from', not in 'to'");
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        ReplayConsumer consumer = new ReplayConsumer(this, processor, settings);
        configureConsumer(consumer);
        return consumer;
    }
}
