package org.nautilus.routes.internal.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;
import org.nautilus.api.marketdata.Bar;
import org.nautilus.api.research.data.DataFiles;
import org.nautilus.api.research.data.DataIssue;
import org.nautilus.api.research.data.LoadedBars;
import org.nautilus.api.research.data.NewsItem;
import org.nautilus.api.research.store.Fundamental;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the connector's file on its own thread: once (batch: one exchange with everything in the range) or
 * following it as it grows (stream: each new bar, or each new batch of fundamentals or news items). A stream reads
 * the whole file again when its size or time changes and sends what is new, so its checks are the batch's checks
 * over the file so far; new issues are logged with their rows, and rows that cannot be bars are left out (a
 * stream cannot refuse what was already sent) and counted.
 */
final class DataConsumer extends DefaultConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(DataConsumer.class);
    /** Issues logged one by one per read; the rest are counted. */
    private static final int LOGGED_ISSUES = 10;

    private final DataEndpoint.Settings settings;
    private final DataServices services;
    private ExecutorService executor;
    private volatile boolean running;

    DataConsumer(DataEndpoint endpoint, Processor processor, DataEndpoint.Settings settings, DataServices services) {
        super(endpoint, processor);
        this.settings = settings;
        this.services = services;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        running = true;
        executor = getEndpoint().getCamelContext().getExecutorServiceManager()
                .newSingleThreadExecutor(this, "nautilus-data");
        executor.submit(settings.stream() ? this::follow : this::batch);
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

    private void batch() {
        long started = System.nanoTime();
        try {
            DataFiles files = services.filesOrFail();
            String name = settings.file().getFileName().toString();
            switch (settings.kind()) {
                case BARS -> {
                    LoadedBars loaded = files.load(settings.file(), settings.format(), settings.symbol(),
                            settings.rules(), settings.skipErrors());
                    List<Bar> bars = loaded.bars();
                    if (settings.actions() != null) {
                        bars = files.adjust(bars, files.readCorporateActions(settings.actions()));
                    }
                    bars = bars.stream().filter(b -> settings.range().contains(b.end())).toList();
                    String line = "Data connector {}: {} bars of {}{} ({}{}) in {} ms";
                    Object[] args = {name, bars.size(), settings.symbol(),
                            settings.actions() == null ? "" : " back-adjusted by " + settings.actions().getFileName(),
                            loaded.report().summary(),
                            loaded.skipped() == 0 ? "" : ", " + loaded.skipped() + " rows skipped",
                            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)};
                    if (loaded.report().clean()) {
                        LOG.info(line, args);
                    } else {
                        LOG.warn(line, args);
                        loaded.report().issues().stream().limit(LOGGED_ISSUES)
                                .forEach(i -> LOG.warn("Data check {}", i));
                    }
                    send(bars, Map.of(DataComponent.REPORT_HEADER, loaded.report(),
                            DataComponent.INTERVAL_HEADER, settings.rules().interval().toString()));
                }
                case FUNDAMENTALS -> {
                    List<Fundamental> rows = files.readFundamentals(settings.file(), settings.symbol()).stream()
                            .filter(f -> settings.range().contains(f.published())).toList();
                    LOG.info("Data connector {}: {} fundamentals in {} ms", name, rows.size(),
                            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
                    send(rows, Map.of());
                }
                case NEWS -> {
                    List<NewsItem> items = files.readNews(settings.file()).stream()
                            .filter(n -> settings.range().contains(n.time())).toList();
                    LOG.info("Data connector {}: {} news items in {} ms", name, items.size(),
                            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
                    send(items, Map.of());
                }
                default -> throw new IllegalStateException(settings.kind().toString());
            }
        } catch (RuntimeException e) {
            getExceptionHandler().handleException("Data connector " + settings.file() + " failed", e);
        }
    }

    private void follow() {
        String name = settings.file().getFileName().toString();
        long seenSize = -1;
        FileTime seenTime = null;
        boolean first = true;
        int sentRows = 0; // fundamentals or news rows already sent (or passed over at start=end)
        Bar lastBar = null;
        Set<DataIssue> knownIssues = new HashSet<>();
        String lastFailure = null;
        while (running) {
            try {
                if (Files.isReadable(settings.file())) {
                    long size = Files.size(settings.file());
                    FileTime time = Files.getLastModifiedTime(settings.file());
                    if (size != seenSize || !time.equals(seenTime)) {
                        DataFiles files = services.filesOrFail();
                        boolean send = !first || settings.fromBeginning();
                        switch (settings.kind()) {
                            case BARS -> {
                                LoadedBars loaded = files.load(settings.file(), settings.format(), settings.symbol(),
                                        settings.rules(), true);
                                logNewIssues(name, loaded, knownIssues);
                                for (Bar bar : loaded.bars()) {
                                    if (lastBar == null || bar.start().isAfter(lastBar.start())) {
                                        if (send && settings.range().contains(bar.end())) {
                                            send(bar, Map.of(DataComponent.INTERVAL_HEADER,
                                                    settings.rules().interval().toString()));
                                        }
                                        lastBar = bar;
                                    }
                                }
                            }
                            case FUNDAMENTALS -> {
                                List<Fundamental> rows = files.readFundamentals(settings.file(), settings.symbol());
                                if (send && rows.size() > sentRows) {
                                    send(new ArrayList<>(rows.subList(sentRows, rows.size())), Map.of());
                                }
                                sentRows = rows.size();
                            }
                            case NEWS -> {
                                List<NewsItem> items = files.readNews(settings.file());
                                if (send && items.size() > sentRows) {
                                    send(new ArrayList<>(items.subList(sentRows, items.size())), Map.of());
                                }
                                sentRows = items.size();
                            }
                            default -> throw new IllegalStateException(settings.kind().toString());
                        }
                        seenSize = size;
                        seenTime = time;
                        first = false;
                        lastFailure = null;
                    }
                }
                TimeUnit.MILLISECONDS.sleep(settings.pollMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (IOException | RuntimeException e) {
                // a line half written reads as an error: try again at the next poll, and say so once
                if (!String.valueOf(e.getMessage()).equals(lastFailure)) {
                    LOG.warn("Data connector {} cannot read the file now (will retry): {}", name, e.getMessage());
                    lastFailure = String.valueOf(e.getMessage());
                }
                try {
                    TimeUnit.MILLISECONDS.sleep(settings.pollMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private static void logNewIssues(String name, LoadedBars loaded, Set<DataIssue> known) {
        int fresh = 0;
        for (DataIssue issue : loaded.report().issues()) {
            if (known.add(issue) && ++fresh <= LOGGED_ISSUES) {
                LOG.warn("Data check {}{}", issue, issue.kind().isError() ? " (row left out)" : "");
            }
        }
        if (fresh > LOGGED_ISSUES) {
            LOG.warn("Data check {}: {} more new issues ({})", name, fresh - LOGGED_ISSUES, loaded.report().summary());
        }
    }

    private void send(Object body, Map<String, Object> headers) {
        Exchange exchange = createExchange(true);
        exchange.getMessage().setBody(body);
        headers.forEach(exchange.getMessage()::setHeader);
        try {
            getProcessor().process(exchange);
        } catch (Exception e) {
            exchange.setException(e);
        }
        if (exchange.getException() != null) {
            getExceptionHandler().handleException("Data connector " + settings.file(), exchange,
                    exchange.getException());
        }
        releaseExchange(exchange, true);
    }
}
