package org.nautilus.strategy.internal.live;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import org.nautilus.api.audit.AuditCategory;
import org.nautilus.api.audit.AuditEntry;
import org.nautilus.api.audit.AuditQuery;
import org.nautilus.api.audit.AuditService;
import org.nautilus.api.domain.Fill;
import org.nautilus.api.domain.FixedPoint;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Money;
import org.nautilus.api.domain.OrderId;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.domain.Side;
import org.nautilus.api.domain.VenueId;
import org.nautilus.api.marketdata.Bar;
import org.nautilus.api.marketdata.BarSpec;
import org.nautilus.api.marketdata.MarketDataService;
import org.nautilus.api.oms.OrderEventType;
import org.nautilus.api.strategy.BenchmarkComparison;
import org.nautilus.api.strategy.LiveAnalyticsService;
import org.nautilus.api.strategy.LiveTearsheet;
import org.nautilus.api.strategy.LiveTearsheetRequest;
import org.nautilus.strategy.internal.analytics.LiveAnalytics;
import org.nautilus.strategy.internal.analytics.ResultWriter;
import org.nautilus.strategy.internal.analytics.Tearsheet;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tearsheets of live trading: a portfolio's fills from the audit journal (every FILL order event the OMS committed,
 * with its quantity, price and commission), marked at the prices the market data gateway holds for its instruments
 * (the bars it keeps, every series) and at each fill's price, the last point at the gateway's current marks when the
 * range ends now. Written to {@code data/tearsheets/<portfolio>-NNNN/} as a backtest's run folder.
 */
@Component(service = LiveAnalyticsService.class)
public final class LiveAnalyticsComponent implements LiveAnalyticsService {

    private static final Logger LOG = LoggerFactory.getLogger(LiveAnalyticsComponent.class);
    /** Bars asked of the gateway per instrument and series (it keeps a bounded history). */
    private static final int BARS = 100_000;

    private final AuditService audit;
    private final Path results;
    private final Clock clock;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    volatile MarketDataService market;

    @Activate
    public LiveAnalyticsComponent(@Reference AuditService audit) {
        this(audit, Path.of(System.getProperty("karaf.data",
                Path.of(System.getProperty("karaf.home", ".")).resolve("data").toString())).resolve("tearsheets"),
                Clock.systemUTC());
    }

    LiveAnalyticsComponent(AuditService audit, Path results, Clock clock) {
        this.audit = audit;
        this.results = results;
        this.clock = clock;
    }

    @Override
    public synchronized LiveTearsheet tearsheet(LiveTearsheetRequest request) {
        Instant now = clock.instant();
        boolean open = request.to() == null || request.to().isAfter(now);
        Instant to = open ? now : request.to();
        if (!to.isAfter(request.from())) {
            throw new IllegalArgumentException("from " + request.from() + " is not before " + to);
        }
        MarketDataService gateway = market;
        InstrumentId benchmark = request.benchmark();
        if (benchmark != null && (gateway == null || gateway.instrument(benchmark).isEmpty())) {
            throw new NoSuchElementException("benchmark " + benchmark + " is not an instrument the platform knows"
                    + (gateway == null ? " (the market data gateway is not running)"
                            : "; its instruments: " + gateway.instruments().stream().map(i -> i.id().value())
                                    .sorted().toList()));
        }
        List<Fill> fills = fills(request, to);
        if (fills.isEmpty()) {
            throw new IllegalArgumentException("portfolio " + request.portfolio() + " has no fills up to " + to
                    + " in the audit journal");
        }
        Set<InstrumentId> instruments = new LinkedHashSet<>();
        fills.forEach(f -> instruments.add(f.instrumentId()));
        List<LiveAnalytics.Mark> marks = new ArrayList<>();
        Map<InstrumentId, Price> closing = new HashMap<>();
        if (gateway != null) {
            for (InstrumentId id : instruments) {
                marks.addAll(barCloses(gateway, id));
                if (open) {
                    gateway.mark(id).ifPresent(p -> closing.put(id, p));
                }
            }
        }
        // The benchmark's bars, and its current mark as the last price when the range ends now (as the portfolio's).
        List<LiveAnalytics.Mark> benchmarkPrices = benchmark == null ? null : barCloses(gateway, benchmark);
        if (benchmarkPrices != null && open) {
            gateway.mark(benchmark).ifPresent(p -> benchmarkPrices.add(new LiveAnalytics.Mark(to, benchmark, p)));
        }
        LiveAnalytics.Result result = LiveAnalytics.of(request.portfolio(), fills, marks, closing, request.from(), to,
                FixedPoint.fromBigDecimal(request.capital()), request.interval(), request.periodsPerYear(),
                benchmarkPrices);
        try {
            String id = ResultWriter.nextId(results, request.portfolio().value());
            Path folder = results.resolve(id);
            ResultWriter.writeRecords(folder, List.of(), result.fills(), result.curve());
            ResultWriter.writeTrips(folder, result.trips());
            Map<String, String> summary = new LinkedHashMap<>();
            summary.put("portfolio", request.portfolio().value());
            summary.put("from", request.from().toString());
            summary.put("to", to.toString());
            summary.put("capital", request.capital().toPlainString());
            summary.put("fills", Integer.toString(result.fills().size()));
            summary.put("instruments", instruments.toString());
            summary.put("source", "audit journal fills; marks: gateway bars, fill prices"
                    + (open ? ", current marks" : ""));
            Map<String, String> metrics = ResultWriter.metrics(result.metrics());
            BenchmarkComparison comparison = null;
            if (benchmark != null) {
                summary.put("benchmark", benchmark.value() + " (gateway bars" + (open ? ", current mark" : "") + ")");
                ResultWriter.benchmark(metrics, summary, benchmark.value(), result.benchmark());
                comparison = new BenchmarkComparison(benchmark, result.benchmark().points(),
                        result.benchmark().beta(), result.benchmark().alpha());
            }
            Tearsheet.write(folder, "Live " + request.portfolio() + " " + request.from() + " .. " + to, summary,
                    metrics, result.curve(), request.periodsPerYear(),
                    Math.max(2, (int) Math.min(63, request.periodsPerYear() / 4)));
            LOG.info("live tearsheet {}: {} fills of {} from {} to {}, total return {}", id, result.fills().size(),
                    request.portfolio(), request.from(), to, result.metrics().totalReturn());
            return new LiveTearsheet(id, request.portfolio(), request.from(), to, result.fills().size(),
                    result.metrics(), folder.toString(), comparison);
        } catch (IOException e) {
            throw new UncheckedIOException("tearsheet of " + request.portfolio() + ": " + e.getMessage(), e);
        }
    }

    /** The closes of every bar series the gateway keeps of an instrument, at the bars' ends. */
    private static List<LiveAnalytics.Mark> barCloses(MarketDataService gateway, InstrumentId id) {
        List<LiveAnalytics.Mark> closes = new ArrayList<>();
        for (BarSpec spec : gateway.barSpecs()) {
            for (Bar bar : gateway.bars(id, spec, BARS)) {
                closes.add(new LiveAnalytics.Mark(bar.end(), id, bar.close()));
            }
        }
        return closes;
    }

    /** The portfolio's FILL events up to {@code to} from the audit journal, as fills. */
    private List<Fill> fills(LiveTearsheetRequest request, Instant to) {
        AuditQuery query = AuditQuery.all().categories(Set.of(AuditCategory.ORDER)).portfolio(request.portfolio())
                .between(null, to.plusNanos(1));
        List<Fill> fills = new ArrayList<>();
        for (AuditEntry e : audit.query(query)) {
            if (e.type().equals(OrderEventType.FILL.name()) && e.fields().containsKey("fillQuantity")) {
                fills.add(fill(e));
            }
        }
        return fills;
    }

    /** A fill back from its audit entry (the fields {@code AuditJournal} writes). */
    static Fill fill(AuditEntry e) {
        Map<String, String> f = e.fields();
        return new Fill(f.get("executionId"), OrderId.parse(f.get("orderId")), e.portfolio(),
                InstrumentId.of(f.get("instrument")), VenueId.of(f.getOrDefault("venue", "unknown")),
                Side.valueOf(f.get("side")), Quantity.of(f.get("fillQuantity")), Price.of(f.get("fillPrice")),
                Money.of(f.getOrDefault("commission", "0")), e.timestamp());
    }

}
