package org.nautilus.benchmarks.marketdata;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.nautilus.api.domain.Instrument;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.marketdata.Bar;
import org.nautilus.api.marketdata.BarSpec;
import org.nautilus.api.marketdata.MarketDataListener;
import org.nautilus.api.marketdata.Quote;
import org.nautilus.api.marketdata.Subscription;
import org.nautilus.api.marketdata.Trade;
import org.nautilus.marketdata.internal.MarketDataGateway;
import org.nautilus.routes.internal.component.Gateways;
import org.nautilus.routes.internal.runtime.CamelRuntime;

/**
 * {@code benchmarks/run.sh marketdata}: ticks per second through the market data gateway into marks and bars, with
 * N subscribers, on one node.
 *
 * <p>Each scenario sends {@code ticks} trades (a random walk over 100 instruments, 1 ms of event time apart, so
 * time bars close as they go) and stops the clock when every subscriber has received (or dropped) every event it
 * was sent: the figure is end to end, not just the publisher's rate. The gateway aggregates 1-second time bars and
 * 100-trade tick bars for every instrument and keeps the marks.
 * <ul>
 *   <li>{@code gateway}: a feed thread calling {@code MarketDataService.publish} directly;</li>
 *   <li>{@code route-batch}: a Camel route {@code direct → nautilus:marketdata}, 1,000 trades per exchange (how the
 *       replay and FIX feeds send them): the hot path outside per-message Camel overhead;</li>
 *   <li>{@code route-per-tick}: the same route, one trade per exchange (what Camel costs per message).</li>
 * </ul>
 * Ends with {@code marketdata: VALUE ticks/s} = route-batch with 4 subscribers.
 *
 * <p>Options: {@code -quick} for a short run (checks the harness, figures not meaningful).
 */
public final class MarketDataMain {

    private static final int INSTRUMENTS = 100;
    private static final Instant T0 = Instant.parse("2024-03-01T14:30:00Z");

    private MarketDataMain() {
    }

    public static void main(String[] args) throws Exception {
        boolean quick = args.length > 0 && args[0].equals("-quick");
        int ticks = quick ? 200_000 : 5_000_000;
        int perTickTicks = quick ? 100_000 : 1_000_000;
        System.out.printf(Locale.ROOT, "%d instruments, bars PT1S + ticks:100, %s cores, %s%n", INSTRUMENTS,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name") + " "
                        + System.getProperty("java.version"));
        // warm-up
        run(Mode.GATEWAY, 1, ticks / 5, false);
        run(Mode.ROUTE_BATCH, 1, ticks / 5, false);
        run(Mode.ROUTE_PER_TICK, 1, perTickTicks / 5, false);

        double headline = 0;
        for (int subscribers : new int[] {0, 1, 4, 8}) {
            run(Mode.GATEWAY, subscribers, ticks, true);
            double rate = run(Mode.ROUTE_BATCH, subscribers, ticks, true);
            if (subscribers == 4) {
                headline = rate;
            }
        }
        run(Mode.ROUTE_PER_TICK, 0, perTickTicks, true);
        run(Mode.ROUTE_PER_TICK, 4, perTickTicks, true);
        System.out.printf(Locale.ROOT, "marketdata: %.0f ticks/s%n", headline);
    }

    enum Mode { GATEWAY, ROUTE_BATCH, ROUTE_PER_TICK }

    private static double run(Mode mode, int subscriberCount, int ticks, boolean print) throws Exception {
        MarketDataGateway gateway = new MarketDataGateway(Clock.systemUTC(), Duration.ofSeconds(1),
                List.of(BarSpec.ticks(100)), 1_000, 1 << 20);
        InstrumentId[] ids = new InstrumentId[INSTRUMENTS];
        for (int i = 0; i < INSTRUMENTS; i++) {
            ids[i] = InstrumentId.of("SYM" + i);
            gateway.define(Instrument.equity(ids[i].value(), "USD"));
        }
        List<Counter> counters = new ArrayList<>();
        List<Subscription> subscriptions = new ArrayList<>();
        for (int i = 0; i < subscriberCount; i++) {
            Counter counter = new Counter();
            counters.add(counter);
            subscriptions.add(gateway.subscribe(Set.of(), counter));
        }
        CamelRuntime camel = null;
        ProducerTemplate producer = null;
        if (mode != Mode.GATEWAY) {
            camel = new CamelRuntime(MarketDataMain.class.getClassLoader(), new Gateways(() -> gateway),
                    Clock.systemUTC());
            camel.context().addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:ticks").routeId("ticks").to("nautilus:marketdata");
                }
            });
            producer = camel.context().createProducerTemplate();
        }

        long[] prices = new long[INSTRUMENTS];
        java.util.Arrays.fill(prices, 100_00000000L);
        java.util.SplittableRandom random = new java.util.SplittableRandom(42);
        Quantity size = Quantity.ofWhole(10);
        long start = System.nanoTime();
        List<Trade> batch = new ArrayList<>(1000);
        for (int i = 0; i < ticks; i++) {
            int k = i % INSTRUMENTS;
            prices[k] = Math.max(1_000_000, prices[k] + (random.nextBoolean() ? 1_000_000 : -1_000_000));
            Trade trade = new Trade(ids[k], new Price(prices[k]), size, T0.plusMillis(i));
            switch (mode) {
                case GATEWAY -> gateway.publish(trade);
                case ROUTE_PER_TICK -> producer.sendBody("direct:ticks", trade);
                case ROUTE_BATCH -> {
                    batch.add(trade);
                    if (batch.size() == 1000) {
                        producer.sendBody("direct:ticks", batch);
                        batch = new ArrayList<>(1000);
                    }
                }
            }
        }
        if (!batch.isEmpty()) {
            producer.sendBody("direct:ticks", batch);
        }
        long published = System.nanoTime();
        // stop the clock when every subscriber has taken every trade (or had it dropped)
        for (int i = 0; i < counters.size(); i++) {
            Counter c = counters.get(i);
            while (c.trades.sum() + gateway.subscribers().get(i).dropped() < ticks
                    && System.nanoTime() - published < TimeUnit.SECONDS.toNanos(60)) {
                Thread.onSpinWait();
            }
        }
        long bars = gateway.stats().stream().mapToLong(MarketDataGateway.InstrumentStats::barsClosed).sum();
        long done = System.nanoTime();
        long drops = gateway.subscribers().stream().mapToLong(MarketDataGateway.SubscriberStats::dropped).sum();
        double seconds = (done - start) / 1e9;
        double rate = ticks / seconds;
        if (print) {
            System.out.printf(Locale.ROOT, "%-15s %d subscribers: %,12.0f ticks/s end to end (publisher %,12.0f/s), "
                            + "%,d bars closed, %,d events dropped, mark SYM0 %s%n",
                    mode.name().toLowerCase(Locale.ROOT).replace('_', '-'), subscriberCount, rate,
                    ticks / ((published - start) / 1e9), bars, drops, gateway.mark(ids[0]).orElseThrow());
        }
        subscriptions.forEach(Subscription::close);
        gateway.close();
        if (camel != null) {
            camel.close();
        }
        return rate;
    }

    /** A subscriber that only counts. */
    private static final class Counter implements MarketDataListener {
        final LongAdder trades = new LongAdder();
        final LongAdder others = new LongAdder();

        @Override
        public void onQuote(Quote quote) {
            others.increment();
        }

        @Override
        public void onTrade(Trade trade) {
            trades.increment();
        }

        @Override
        public void onBar(Bar bar) {
            others.increment();
        }
    }
}
