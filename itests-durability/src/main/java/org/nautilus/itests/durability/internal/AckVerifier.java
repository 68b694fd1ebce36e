package org.nautilus.itests.durability.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.nautilus.api.domain.ClientOrderId;
import org.nautilus.api.domain.Order;
import org.nautilus.api.oms.OrderService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Test-only check, in process, that every acknowledged order is in the OMS: if {@code ${karaf.home}/verify-acks/}
 * exists when this bundle starts, every line of every {@code *.csv} in it (the {@link LoadGenerator}'s files, from
 * any node) is looked up by client order id through {@link OrderService}; the answer goes to
 * {@code verify-acks.result}: {@code checked=N}, {@code missing=M}, {@code wrong=W} and the first few of each.
 * Asking the OMS here instead of listing every order over SSH keeps a check of 100,000s of orders to seconds.
 */
@Component(immediate = true)
public final class AckVerifier {

    private static final Logger LOG = LoggerFactory.getLogger(AckVerifier.class);

    @Activate
    public AckVerifier(@Reference OrderService orders) throws IOException {
        Path home = Paths.get(System.getProperty("karaf.home", "."));
        Path folder = home.resolve("verify-acks");
        if (!Files.isDirectory(folder)) {
            return;
        }
        long checked = 0;
        List<String> missing = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        long missingCount = 0;
        long wrongCount = 0;
        List<Path> files;
        try (Stream<Path> list = Files.list(folder)) {
            files = list.filter(f -> f.toString().endsWith(".csv")).sorted().toList();
        }
        for (Path file : files) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] ack = line.split(",");
                if (ack.length < 3) {
                    continue;
                }
                checked++;
                Optional<Order> found = orders.order(ClientOrderId.of(ack[0]));
                if (found.isEmpty()) {
                    missingCount++;
                    if (missing.size() < 10) {
                        missing.add(ack[0]);
                    }
                } else if (!found.get().id().toString().equals(ack[1])) {
                    wrongCount++;
                    if (wrong.size() < 10) {
                        wrong.add(ack[0] + ":" + found.get().id() + "!=" + ack[1]);
                    }
                }
            }
        }
        String result = "checked=" + checked + "\nmissing=" + missingCount + "\nwrong=" + wrongCount
                + "\nmissing.first=" + String.join(" ", missing) + "\nwrong.first=" + String.join(" ", wrong) + "\n";
        Path out = home.resolve("verify-acks.result");
        Files.writeString(out.resolveSibling("verify-acks.result.tmp"), result);
        Files.move(out.resolveSibling("verify-acks.result.tmp"), out, StandardCopyOption.ATOMIC_MOVE);
        Files.move(folder, home.resolve("verify-acks.done-" + System.currentTimeMillis()));
        LOG.info("durability verify: {} acknowledged order(s) checked, {} missing, {} with another order id", checked,
                missingCount, wrongCount);
    }
}
