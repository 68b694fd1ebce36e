package org.nautilus.routes.internal.data;

import java.nio.file.Path;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultEndpoint;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.research.data.BarFormat;
import org.nautilus.api.research.data.CheckRules;
import org.nautilus.api.research.store.TimeRange;

/** A data connector reading a file: consumer only. */
final class DataEndpoint extends DefaultEndpoint {

    /** What to read and how. */
    record Settings(Path file, DataKind kind, boolean stream, boolean fromBeginning, long pollMillis,
            InstrumentId symbol, BarFormat format, CheckRules rules, boolean skipErrors, Path actions,
            TimeRange range) {
    }

    private final Settings settings;
    private final DataServices services;

    DataEndpoint(String uri, DataComponent component, Settings settings, DataServices services) {
        super(uri, component);
        this.settings = settings;
        this.services = services;
    }

    @Override
    public Producer createProducer() {
        throw new UnsupportedOperationException(getEndpointUri()
                + " reads a file: use it in 'from'; to write into the store use 'to: nautilus-data:store'");
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        DataConsumer consumer = new DataConsumer(this, processor, settings, services);
        configureConsumer(consumer);
        return consumer;
    }
}
