package org.nautilus.routes.internal.training;

import org.apache.camel.Component;
import org.apache.camel.Consumer;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultEndpoint;
import org.nautilus.routes.internal.component.Gateways;

/**
 * A producer-only endpoint that runs the work a spec file describes ({@code nautilus:train}, {@code nautilus:backtest}):
 * the file from the {@code spec} parameter, or from a header that overrides it; on the route's own thread.
 */
abstract class SpecFileEndpoint extends DefaultEndpoint {

    protected final Gateways gateways;
    private final String spec;
    private final String header;

    SpecFileEndpoint(String uri, Component component, Gateways gateways, String spec, String header) {
        super(uri, component);
        this.gateways = gateways;
        this.spec = spec == null ? "" : spec.strip();
        this.header = header;
    }

    /**
     * The spec file of this exchange: its header, else the endpoint's parameter.
     *
     * @throws IllegalArgumentException if neither names one
     */
    protected String specFile(Exchange exchange) {
        String file = exchange.getIn().getHeader(header, spec, String.class);
        if (file == null || file.isBlank()) {
            throw new IllegalArgumentException(getEndpointUri() + ": no spec: give ?spec=FILE or the header " + header);
        }
        return file.strip();
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException(getEndpointUri() + " only produces ('to:'): start it from a timer, "
                + "a file or direct: route");
    }
}
