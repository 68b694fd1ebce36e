package org.nautilus.itests.durability.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.Hashtable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.oms.OrderEvent;
import org.nautilus.api.oms.OrderEventSubscriber;
import org.nautilus.api.oms.OrderStepListener;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Test-only outside subscriber: if {@code ${karaf.home}/durability-events.csv} exists when this bundle starts, it
 * subscribes to the OMS's committed order events, resuming after the last sequence of each portfolio the file
 * already holds (and from the start for the portfolios {@code durability-events.portfolios} lists), and appends one line per event (one write per line, so a killed process loses at most the line
 * being written, which the next start cuts off): {@code portfolio,sequence,orderId,clientOrderId,type,status,filled}.
 * What a downstream system that must never see an order the platform can forget would record.
 *
 * <p>With {@code in-step} in {@code durability-events.mode} it records from an {@link OrderStepListener} instead,
 * inside the OMS step, before the step is durable: what every order event listener did before events waited for
 * their commit. The kill test run that way shows orders recorded that a restart does not know.
 */
// No service of its own: it registers itself only when recording (DS would register every interface it implements).
@Component(immediate = true, service = {})
public final class EventRecorder implements OrderEventSubscriber {

    private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);

    /** Where to resume: what the file holds, then what was recorded since (a re-registration resumes after it). */
    private final Map<PortfolioId, Long> resume = new ConcurrentHashMap<>();
    private FileChannel file;
    private ServiceRegistration<?> registration;

    @Activate
    public EventRecorder(BundleContext context) throws IOException {
        Path path = Paths.get(System.getProperty("karaf.home", ".")).resolve("durability-events.csv");
        if (!Files.exists(path)) {
            LOG.info("durability events: no {}, not recording", path);
            return;
        }
        Path from = path.resolveSibling("durability-events.portfolios");
        if (Files.exists(from)) {
            for (String portfolio : Files.readString(from).split("[,\\s]+")) {
                if (!portfolio.isBlank()) {
                    resume.put(PortfolioId.of(portfolio), 0L);
                }
            }
        }
        String text = Files.readString(path, StandardCharsets.UTF_8);
        String complete = text.substring(0, text.lastIndexOf('\n') + 1);
        for (String line : complete.split("\n")) {
            if (!line.isBlank()) {
                String[] fields = line.split(",");
                resume.merge(PortfolioId.of(fields[0]), Long.parseLong(fields[1]), Math::max);
            }
        }
        file = FileChannel.open(path, StandardOpenOption.WRITE);
        file.truncate(complete.getBytes(StandardCharsets.UTF_8).length);
        file.position(file.size());
        LOG.info("durability events: recording to {}, resuming after {}", path, resume);
        Path mode = path.resolveSibling("durability-events.mode");
        if (Files.exists(mode) && Files.readString(mode).strip().equals("in-step")) {
            LOG.warn("durability events: recording IN THE STEP, before durability (the old way)");
            registration = context.registerService(OrderStepListener.class, new OrderStepListener() {
                @Override
                public void onOrder(Order order) {
                    record(order.portfolioId(), 0, order, "IN_STEP");
                }
            }, null);
            return;
        }
        registration = context.registerService(OrderEventSubscriber.class, this, new Hashtable<>(Map.of(
                "subscriber.name", "durability-recorder", QUEUE_SIZE_PROPERTY, 1_000_000)));
    }

    @Override
    public Map<PortfolioId, Long> resumeAfter() {
        return Map.copyOf(resume);
    }

    @Override
    public void onEvent(OrderEvent event) {
        record(event.portfolioId(), event.sequence(), event.order(), event.type().name());
    }

    private synchronized void record(PortfolioId portfolio, long sequence, Order o, String type) {
        String line = portfolio + "," + sequence + "," + o.id() + "," + o.clientOrderId() + "," + type + ","
                + o.status() + "," + o.filledQuantity() + "\n";
        ByteBuffer bytes = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
        try {
            while (bytes.hasRemaining()) {
                file.write(bytes);
            }
            resume.put(portfolio, sequence);
        } catch (IOException e) {
            LOG.error("durability events: cannot record event {} of {}", sequence, portfolio, e);
        }
    }

    @Override
    public void onDropped(String why) {
        LOG.error("durability events: dropped: {}", why);
    }

    @Deactivate
    void stop() throws IOException {
        if (registration != null) {
            registration.unregister();
        }
        if (file != null) {
            file.close();
        }
    }
}
