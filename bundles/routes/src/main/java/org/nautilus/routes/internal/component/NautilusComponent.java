package org.nautilus.routes.internal.component;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.domain.TimeInForce;
import org.nautilus.api.domain.VenueId;
import org.nautilus.routes.internal.fix.FixMarketDataEndpoint;
import org.nautilus.routes.internal.oms.OmsCamelEndpoint;
import org.nautilus.routes.internal.oms.OrderMessages;
import org.nautilus.routes.internal.signals.SignalsEndpoint;
import org.nautilus.routes.internal.training.BacktestEndpoint;
import org.nautilus.routes.internal.training.TrainEndpoint;

/**
 * The {@code nautilus:} component, so route files name platform services directly:
 * <ul>
 *   <li>{@code to: nautilus:marketdata} publishes the body's quotes and trades to the gateway;</li>
 *   <li>{@code from: nautilus:marketdata?instruments=AAPL,MSFT&types=bar} receives the gateway's quotes, trades
 *       and/or bars (one exchange each);</li>
 *   <li>{@code to: nautilus:oms?portfolio=default} submits the body's orders ({@code BUY,AAPL,100,190.05} lines,
 *       maps or order requests); {@code from: nautilus:oms?events=FILL} emits the OMS's order events;</li>
 *   <li>{@code from: nautilus:signals?model=aapl-lgbm} receives the model signals of served versions (one exchange
 *       per batch, or per signal with {@code split=true});</li>
 *   <li>{@code to: nautilus:strategy?name=ma-cross} after {@code to: nautilus:marketdata} waits until that live
 *       strategy has handled the data and its orders are done: a replay step-locked to the strategy
 *       ({@link StrategyStepEndpoint});</li>
 *   <li>{@code to: nautilus:backtest?spec=etc/backtests/ma-cross.properties} runs a backtest of the spec file (on the
 *       route's thread), its result the body;</li>
 *   <li>{@code to: nautilus:train?spec=etc/models/aapl-lightgbm.properties} trains the spec as a tracked run (on
 *       the route's thread: a timer route is a training schedule);</li>
 *   <li>{@code to: nautilus:fix-marketdata?symbols=AAPL,MSFT} after a {@code quickfix:} consumer subscribes to the
 *       venue's market data on logon and publishes its snapshots and refreshes.</li>
 * </ul>
 */
public final class NautilusComponent extends DefaultComponent {

    private final Gateways gateways;
    private final Clock clock;

    public NautilusComponent(Gateways gateways, Clock clock) {
        this.gateways = gateways;
        this.clock = clock;
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) {
        String service = remaining.startsWith("//") ? remaining.substring(2) : remaining;
        if (service.equals("marketdata")) {
            String instruments = getAndRemoveParameter(parameters, "instruments", String.class, "");
            String types = getAndRemoveParameter(parameters, "types", String.class, "quote,trade,bar");
            return new MarketDataEndpoint(uri, this, gateways, clock, instruments, types);
        }
        if (service.equals("oms")) {
            String portfolio = getAndRemoveParameter(parameters, "portfolio", String.class, "default");
            String venue = getAndRemoveParameter(parameters, "venue", String.class, "");
            String tif = getAndRemoveParameter(parameters, "timeInForce", String.class, "DAY");
            String events = getAndRemoveParameter(parameters, "events", String.class, "");
            int queueSize = getAndRemoveParameter(parameters, "queueSize", Integer.class, 10_000);
            String resumeAfter = getAndRemoveParameter(parameters, "resumeAfter", String.class, "");
            OrderMessages.Defaults defaults = new OrderMessages.Defaults(PortfolioId.of(portfolio),
                    venue.isBlank() ? null : VenueId.of(venue.strip()),
                    TimeInForce.valueOf(tif.strip().toUpperCase(Locale.ROOT)));
            return new OmsCamelEndpoint(uri, this, gateways, defaults, events, queueSize, resumeAfter);
        }
        if (service.equals("fix-marketdata")) {
            String symbols = getAndRemoveParameter(parameters, "symbols", String.class, "");
            return new FixMarketDataEndpoint(uri, this, gateways, clock,
                    Arrays.stream(symbols.split(",")).map(String::strip).filter(x -> !x.isEmpty()).toList());
        }
        if (service.equals("signals")) {
            String model = getAndRemoveParameter(parameters, "model", String.class, "");
            boolean shadow = getAndRemoveParameter(parameters, "shadow", Boolean.class, false);
            boolean split = getAndRemoveParameter(parameters, "split", Boolean.class, false);
            int queueSize = getAndRemoveParameter(parameters, "queueSize", Integer.class, 1_000);
            return new SignalsEndpoint(uri, this, gateways, model, shadow, split, queueSize);
        }
        if (service.equals("strategy")) {
            String name = getAndRemoveParameter(parameters, "name", String.class, "");
            long timeout = getAndRemoveParameter(parameters, "timeout", Long.class, 60_000L);
            return new StrategyStepEndpoint(uri, this, gateways, name, Duration.ofMillis(timeout));
        }
        if (service.equals("backtest")) {
            String spec = getAndRemoveParameter(parameters, "spec", String.class, "");
            return new BacktestEndpoint(uri, this, gateways, spec);
        }
        if (service.equals("train")) {
            String spec = getAndRemoveParameter(parameters, "spec", String.class, "");
            return new TrainEndpoint(uri, this, gateways, spec);
        }
        throw new IllegalArgumentException("unknown nautilus endpoint 'nautilus:" + service
                + "': the endpoints are nautilus:marketdata, nautilus:oms, nautilus:signals, nautilus:train, "
                + "nautilus:backtest, nautilus:strategy and nautilus:fix-marketdata");
    }
}
