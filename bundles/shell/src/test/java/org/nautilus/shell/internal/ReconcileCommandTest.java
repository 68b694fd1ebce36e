package org.nautilus.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.OrderId;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.domain.Side;
import org.nautilus.api.domain.VenueId;
import org.nautilus.api.oms.CommandResult;
import org.nautilus.api.venue.PositionDifference;
import org.nautilus.api.venue.ReconciliationReport;
import org.nautilus.api.venue.RoutingDecision;
import org.nautilus.api.venue.VenueAvailability;
import org.nautilus.api.venue.VenueInfo;
import org.nautilus.api.venue.VenueOrder;
import org.nautilus.api.venue.VenueService;

class ReconcileCommandTest {

    private static final VenueId IBKR = VenueId.of("IBKR");
    private static final VenueId SIM = VenueId.of("SIM");

    private final ReconciliationReport blocked = new ReconciliationReport(IBKR, Instant.parse("2024-12-01T14:30:00Z"),
            ReconciliationReport.Outcome.BLOCKED, 1, List.of(OrderId.of(7)),
            List.of(new VenueOrder(null, "TWS-77", InstrumentId.of("AAPL"), Side.SELL, Quantity.ofWhole(5),
                    Quantity.ZERO, null)),
            List.of(new PositionDifference(InstrumentId.of("AAPL"), Quantity.ofWhole(6), Quantity.ofWhole(10))),
            List.of("a note"), null, null);

    private final VenueService venues = new VenueService() {
        @Override
        public List<VenueInfo> venues() {
            return List.of(new VenueInfo(IBKR, "ib", 1, VenueAvailability.BLOCKED, "position mismatch"),
                    new VenueInfo(SIM, "sim", 0));
        }

        @Override
        public List<RoutingDecision> decisions(int limit) {
            return List.of();
        }

        @Override
        public Optional<RoutingDecision> decision(OrderId orderId) {
            return Optional.empty();
        }

        @Override
        public List<ReconciliationReport> reconciliations() {
            return List.of(blocked);
        }

        @Override
        public CommandResult acknowledge(VenueId venue, String by) {
            return venue.equals(IBKR) ? CommandResult.accepted(null, "venue IBKR acknowledged")
                    : CommandResult.refused("NOT_BLOCKED", "venue " + venue + " is not blocked", null);
        }
    };

    private ReconcileCommand command(String venue, boolean ack) {
        ReconcileCommand command = new ReconcileCommand();
        command.venues = venues;
        command.venue = venue;
        command.acknowledge = ack;
        return command;
    }

    @Test
    void lists_every_venue_with_its_state_and_last_report() throws Exception {
        String out = run(command(null, false));

        assertThat(out)
                .containsPattern("(?m)^IBKR\\s*\\|\\s*BLOCKED \\(position mismatch\\)\\s*\\|.*\\|\\s*BLOCKED\\s*\\|")
                .containsPattern("(?m)^SIM\\s*\\|\\s*AVAILABLE\\s*\\|\\s*-\\s*\\|\\s*\\(none yet\\)");
    }

    @Test
    void one_venue_shows_closed_external_and_position_details() throws Exception {
        String out = run(command("IBKR", false));

        assertThat(out).contains("Venue IBKR: BLOCKED (position mismatch)")
                .contains("Orders closed (the venue no longer had them): [7]")
                .contains("External order TWS-77: SELL 5 AAPL, filled 0")
                .contains("Position AAPL: venue 6, OMS 10 (difference -4)")
                .contains("Note: a note");
    }

    @Test
    void acknowledging_a_venue_that_is_not_blocked_fails_the_command() throws Exception {
        assertThat(run(command("IBKR", true))).contains("venue IBKR acknowledged");
        assertThatThrownBy(() -> run(command("SIM", true))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("NOT_BLOCKED");
    }

    private static String run(ReconcileCommand command) throws Exception {
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
