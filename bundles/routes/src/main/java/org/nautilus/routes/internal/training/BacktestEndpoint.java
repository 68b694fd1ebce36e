package org.nautilus.routes.internal.training;

import java.nio.file.Path;
import org.apache.camel.Component;
import org.apache.camel.Exchange;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultProducer;
import org.nautilus.api.strategy.BacktestResult;
import org.nautilus.api.strategy.BacktestSpec;
import org.nautilus.routes.internal.component.Gateways;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code to: nautilus:backtest?spec=etc/backtests/ma-cross-apple.properties}: runs a backtest of the spec file (the
 * format of {@code nautilus:backtest} and {@code bin/backtest}, {@link BacktestSpec#fromProperties}) through the
 * platform's backtest service, on the route's own thread (a {@code timer:} route is a nightly backtest, a
 * {@code file:} or {@code direct:} route runs one on demand); the run is stored and listed like any other
 * ({@code nautilus:backtests}). The header {@value #SPEC} overrides the {@code spec} parameter. The body becomes the
 * {@link BacktestResult}; the header {@value #RUN} its run id. Progress goes to the log. A bad spec or a failed run
 * fails the exchange with its reason.
 */
public final class BacktestEndpoint extends SpecFileEndpoint {

    private static final Logger LOG = LoggerFactory.getLogger(BacktestEndpoint.class);
    public static final String SPEC = "NautilusBacktestSpec";
    public static final String RUN = "NautilusBacktestRun";

    public BacktestEndpoint(String uri, Component component, Gateways gateways, String spec) {
        super(uri, component, gateways, spec, SPEC);
    }

    @Override
    public Producer createProducer() {
        return new DefaultProducer(this) {
            @Override
            public void process(Exchange exchange) {
                String file = specFile(exchange);
                BacktestSpec parsed = BacktestSpec.fromProperties(BacktestSpec.readSettings(Path.of(file.strip()),
                        file));
                LOG.info("Route {} runs the backtest {}", exchange.getFromRouteId(), file);
                BacktestResult result = gateways.backtests().run(parsed,
                        line -> LOG.info("backtest {}: {}", file, line));
                exchange.getMessage().setBody(result);
                exchange.getMessage().setHeader(RUN, result.runId());
            }
        };
    }
}
