package org.nautilus.marketdata.internal;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.nautilus.api.domain.Instrument;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Price;
import org.nautilus.api.marketdata.Bar;
import org.nautilus.api.marketdata.BarSpec;
import org.nautilus.api.marketdata.MarkListener;
import org.nautilus.api.marketdata.MarketDataListener;
import org.nautilus.api.marketdata.MarketDataService;
import org.nautilus.api.marketdata.Quote;
import org.nautilus.api.marketdata.Subscription;
import org.nautilus.api.marketdata.Trade;
import org.nautilus.api.metrics.MetricsCollector;
import org.nautilus.api.metrics.MetricsSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway as an OSGi service, configured from {@code etc/nautilus.marketdata.cfg}. Editing the file applies
 * live: instruments are added or replaced (ones removed from the file are forgotten), bar settings change.
 */
@Component(service = {MarketDataService.class,
        MetricsSource.class}, configurationPid = "nautilus.marketdata", immediate = true)
@Designate(ocd = MarketDataConfig.class)
public final class MarketDataComponent implements MarketDataService, MetricsSource {

    private static final Logger LOG = LoggerFactory.getLogger(MarketDataComponent.class);

    private final MarketDataGateway gateway;
    private final ScheduledExecutorService flusher;
    private final Set<InstrumentId> configured = new HashSet<>();
    private ScheduledFuture<?> flushTask;

    @Activate
    public MarketDataComponent(MarketDataConfig config) {
        gateway = new MarketDataGateway(Clock.systemUTC(), interval(config), specs(config), zone(config),
                config.bar_history(), config.subscriber_queue_capacity());
        flusher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "nautilus-marketdata-bar-flush");
            t.setDaemon(true);
            return t;
        });
        apply(config);
    }

    @Modified
    void modified(MarketDataConfig config) {
        // Validate everything first: a bad edit is reported and changes nothing.
        Duration interval;
        try {
            interval = interval(config);
            List<BarSpec> specs = specs(config);
            InstrumentsConfig.parse(config.instruments());
            gateway.reconfigure(interval, specs, zone(config), config.bar_history(),
                    config.subscriber_queue_capacity());
        } catch (IllegalArgumentException e) {
            LOG.error("etc/nautilus.marketdata.cfg rejected, the previous configuration stays: {}", e.getMessage());
            return;
        }
        apply(config);
    }

    @Deactivate
    void deactivate() {
        flusher.shutdownNow();
        gateway.close();
    }

    private synchronized void apply(MarketDataConfig config) {
        List<Instrument> instruments = InstrumentsConfig.parse(config.instruments());
        Set<InstrumentId> now = new HashSet<>();
        for (Instrument instrument : instruments) {
            gateway.define(instrument);
            now.add(instrument.id());
        }
        for (InstrumentId old : configured) {
            if (!now.contains(old)) {
                gateway.remove(old);
            }
        }
        configured.clear();
        configured.addAll(now);
        if (flushTask != null) {
            flushTask.cancel(false);
        }
        long period = Math.max(10, config.flush_interval_ms());
        flushTask = flusher.scheduleAtFixedRate(this::flush, period, period, TimeUnit.MILLISECONDS);
        LOG.info("Market data gateway: {} instruments {}, bars {}", instruments.size(), now, gateway.barSpecs());
    }

    private void flush() {
        try {
            gateway.flush();
        } catch (RuntimeException e) {
            LOG.warn("Closing bars failed", e);
        }
    }

    private static List<BarSpec> specs(MarketDataConfig config) {
        List<BarSpec> specs = new ArrayList<>();
        String text = config.bar_specs() == null ? "" : config.bar_specs();
        for (String spec : text.split(",")) {
            if (!spec.isBlank()) {
                specs.add(BarSpec.parse(spec));
            }
        }
        return specs;
    }

    private static ZoneId zone(MarketDataConfig config) {
        String text = config.bar_session_zone() == null ? "UTC" : config.bar_session_zone().strip();
        try {
            return ZoneId.of(text.isEmpty() ? "UTC" : text);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("bar.session.zone '" + text
                    + "' is not a time zone such as UTC or America/New_York", e);
        }
    }

    private static Duration interval(MarketDataConfig config) {
        try {
            return Duration.parse(config.bar_interval().strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("bar.interval '" + config.bar_interval()
                    + "' is not an ISO-8601 duration such as PT1S, PT1M or P1D", e);
        }
    }

    MarketDataGateway gateway() {
        return gateway;
    }

    @Override
    public void publish(Quote quote) {
        gateway.publish(quote);
    }

    @Override
    public void publish(Trade trade) {
        gateway.publish(trade);
    }

    @Override
    public Collection<Instrument> instruments() {
        return gateway.instruments();
    }

    @Override
    public Optional<Instrument> instrument(InstrumentId id) {
        return gateway.instrument(id);
    }

    @Override
    public void define(Instrument instrument) {
        gateway.define(instrument);
    }

    @Override
    public Optional<Quote> lastQuote(InstrumentId id) {
        return gateway.lastQuote(id);
    }

    @Override
    public Optional<Price> mark(InstrumentId id) {
        return gateway.mark(id);
    }

    @Override
    public List<Bar> bars(InstrumentId id, int limit) {
        return gateway.bars(id, limit);
    }

    @Override
    public Subscription subscribe(Set<InstrumentId> instruments, MarketDataListener listener) {
        return gateway.subscribe(instruments, listener);
    }

    @Override
    public void publish(Bar bar) {
        gateway.publish(bar);
    }

    @Override
    public void closeBars(InstrumentId id) {
        gateway.closeBars(id);
    }

    @Override
    public List<BarSpec> barSpecs() {
        return gateway.barSpecs();
    }

    @Override
    public List<Bar> bars(InstrumentId id, BarSpec spec, int limit) {
        return gateway.bars(id, spec, limit);
    }

    @Override
    public Subscription subscribeMarks(MarkListener listener) {
        return gateway.subscribeMarks(listener);
    }

    @Override
    public Subscription subscribeAllBars(Set<InstrumentId> instruments, MarketDataListener listener) {
        return gateway.subscribeAllBars(instruments, listener);
    }

    @Override
    public Subscription subscribeBars(Set<InstrumentId> instruments, BarSpec spec, MarketDataListener listener) {
        return gateway.subscribeBars(instruments, spec, listener);
    }

    /** The gateway's counters per instrument and per subscriber, read at scrape time. */
    @Override
    public void collect(MetricsCollector out) {
        for (MarketDataGateway.InstrumentStats stats : gateway.stats()) {
            String instrument = stats.instrumentId().value();
            out.counter("nautilus_marketdata_quotes_total", "Quotes received", stats.quotes(), "instrument",
                    instrument);
            out.counter("nautilus_marketdata_trades_total", "Trades received", stats.trades(), "instrument",
                    instrument);
            out.counter("nautilus_marketdata_bars_total", "Bars closed", stats.barsClosed(), "instrument", instrument);
            out.counter("nautilus_marketdata_late_ticks_total", "Ticks too late for their bar", stats.lateTicks(),
                    "instrument", instrument);
        }
        for (MarketDataGateway.SubscriberStats stats : gateway.subscribers()) {
            out.counter("nautilus_marketdata_delivered_total", "Events delivered to a subscriber", stats.delivered(),
                    "subscriber", stats.name());
            out.counter("nautilus_marketdata_dropped_total", "Events a slow subscriber lost", stats.dropped(),
                    "subscriber", stats.name());
            out.counter("nautilus_marketdata_listener_failures_total", "Events a subscriber's listener threw on",
                    stats.failures(), "subscriber", stats.name());
            out.gauge("nautilus_marketdata_backlog_events", "Events published that a subscriber has not read yet",
                    stats.backlog(), "subscriber", stats.name());
        }
    }
}
