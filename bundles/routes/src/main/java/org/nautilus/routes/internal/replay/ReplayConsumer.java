package org.nautilus.routes.internal.replay;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.marketdata.Bar;
import org.nautilus.api.marketdata.Quote;
import org.nautilus.api.marketdata.Trade;
import org.nautilus.routes.internal.component.EndOfStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the file on its own thread when the route starts and sends its events in file order. A line that cannot
 * be read is logged with file and line (the first ten, then a count) and skipped. Stopping the route stops the
 * replay; starting it again replays the file from the start.
 */
final class ReplayConsumer extends DefaultConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(ReplayConsumer.class);

    private final ReplayEndpoint.Settings settings;
    private ExecutorService executor;
    private volatile boolean running;

    ReplayConsumer(ReplayEndpoint endpoint, Processor processor, ReplayEndpoint.Settings settings) {
        super(endpoint, processor);
        this.settings = settings;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        running = true;
        executor = getEndpoint().getCamelContext().getExecutorServiceManager()
                .newSingleThreadExecutor(this, "nautilus-replay");
        executor.submit(this::replay);
    }

    @Override
    protected void doStop() throws Exception {
        running = false;
        if (executor != null) {
            getEndpoint().getCamelContext().getExecutorServiceManager().shutdownNow(executor);
            executor = null;
        }
        super.doStop();
    }

    private void replay() {
        String name = settings.file().getFileName().toString();
        long started = System.nanoTime();
        long events = 0;
        long errors = 0;
        Set<InstrumentId> instruments = new LinkedHashSet<>();
        List<Object> batch = new ArrayList<>(settings.batch());
        Instant firstTime = null;
        long wallStart = 0;
        try (ReplayReader reader = new ReplayReader(name, Files.newBufferedReader(settings.file(),
                StandardCharsets.UTF_8), settings.format(), settings.symbol(), settings.interval())) {
            while (running) {
                Object event;
                try {
                    event = reader.next();
                } catch (ReplayException e) {
                    if (++errors <= 10) {
                        LOG.warn("Replay skipped {}", e.getMessage());
                    }
                    continue;
                }
                if (event == null) {
                    break;
                }
                events++;
                instruments.add(instrumentOf(event));
                if (settings.realtime()) {
                    Instant time = timeOf(event);
                    if (firstTime == null) {
                        firstTime = time;
                        wallStart = System.nanoTime();
                    }
                    long due = wallStart + (long) (Duration.between(firstTime, time).toNanos() / settings.speed());
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                    send(event);
                } else if (settings.batch() == 1) {
                    send(event);
                } else {
                    batch.add(event);
                    if (batch.size() == settings.batch()) {
                        send(new ArrayList<>(batch));
                        batch.clear();
                    }
                }
            }
            if (!batch.isEmpty() && running) {
                send(new ArrayList<>(batch));
            }
            if (running && settings.endOfStream()) {
                send(new EndOfStream(instruments));
            }
            if (running) {
                LOG.info("Replay of {} done: {} events for {} in {} ms{}", settings.file(), events, instruments,
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
                        errors == 0 ? "" : ", " + errors + " lines skipped");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            getExceptionHandler().handleException("Replay of " + settings.file() + " failed", e);
        } catch (Error e) {
            // an executor task swallows errors: log them here
            LOG.error("Replay of {} failed", settings.file(), e);
            throw e;
        }
    }

    private void send(Object body) {
        Exchange exchange = createExchange(true);
        exchange.getMessage().setBody(body);
        try {
            getProcessor().process(exchange);
        } catch (Exception e) {
            exchange.setException(e);
        }
        if (exchange.getException() != null) {
            getExceptionHandler().handleException("Replay of " + settings.file(), exchange, exchange.getException());
        }
        releaseExchange(exchange, true);
    }

    private static InstrumentId instrumentOf(Object event) {
        if (event instanceof Trade t) {
            return t.instrumentId();
        }
        if (event instanceof Quote q) {
            return q.instrumentId();
        }
        return ((Bar) event).instrumentId();
    }

    private static Instant timeOf(Object event) {
        if (event instanceof Trade t) {
            return t.timestamp();
        }
        if (event instanceof Quote q) {
            return q.timestamp();
        }
        return ((Bar) event).end();
    }
}
