package org.nautilus.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nautilus.api.domain.VenueId;
import org.nautilus.api.oms.OrderService;
import org.nautilus.api.oms.OrderServiceUnavailableException;
import org.nautilus.api.venue.VenueAvailability;
import org.nautilus.api.venue.VenueInfo;
import org.nautilus.api.venue.VenueService;

class StatusCommandTest {

    @Test
    void anOmsThatIsStartingOrMovingShowsAsDownWithTheReasonAndTheNodeAsStarting() throws Exception {
        StatusCommand status = new StatusCommand();
        status.orders = unavailable(OrderService.class);
        status.venues = unavailable(VenueService.class);

        String out = run(status);

        assertThat(out).containsPattern("(?m)^oms\\s*[│|]\\s*DOWN\\s*[│|] the OMS is moving; retry")
                .contains("STARTING").doesNotContain("READY");
    }

    @Test
    void aVenueStillReconcilingIsNotReadyToTrade() throws Exception {
        StatusCommand status = new StatusCommand();
        status.venues = venues(new VenueInfo(VenueId.of("SIM"), "simulated", 0, VenueAvailability.RECONCILING,
                "reconciling open orders, executions and positions"));

        assertThat(run(status))
                .containsPattern("(?m)^venues\\s*[│|]\\s*DOWN\\s*[│|] 0/1 venues available \\(SIM RECONCILING\\)")
                .doesNotContain("READY");

        status.venues = venues(new VenueInfo(VenueId.of("SIM"), "simulated", 0));
        assertThat(run(status)).containsPattern("(?m)^venues\\s*[│|]\\s*up\\s*[│|] 1/1 venues available\\s");
    }

    private static VenueService venues(VenueInfo... venues) {
        return (VenueService) Proxy.newProxyInstance(VenueService.class.getClassLoader(),
                new Class<?>[] {VenueService.class}, (proxy, method, args) -> {
                    if (method.getName().equals("venues")) {
                        return List.of(venues);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    /** Every call fails the way the cluster-wide OMS does while the OMS starts or moves. */
    private static <T> T unavailable(Class<T> type) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            throw new OrderServiceUnavailableException("the OMS is moving; retry");
        }));
    }

    private static String run(StatusCommand command) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            command.execute();
        } finally {
            System.setOut(original);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
