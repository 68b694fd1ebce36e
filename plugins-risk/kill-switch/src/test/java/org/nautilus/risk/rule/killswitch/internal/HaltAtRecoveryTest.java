package org.nautilus.risk.rule.killswitch.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.OrderId;
import org.nautilus.api.domain.OrderStatus;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.domain.VenueId;
import org.nautilus.api.risk.TradingState;
import org.nautilus.api.risk.TradingStatus;
import org.nautilus.api.venue.RoutingDecision;
import org.nautilus.api.venue.VenueAvailability;
import org.nautilus.api.venue.VenueInfo;
import org.nautilus.api.venue.VenueService;
import org.nautilus.testsupport.Await;

/**
 * What the kill switch does when an OMS starts here under a HALT, on a blotter: nothing while ACTIVE or with canceling
 * switched off (no HALT to cancel for), and the HALTED scope's orders only once the venues are reconciled. The real
 * OMS and store across a restart: {@link HaltedRestartTest}.
 */
class HaltAtRecoveryTest {

    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor();
    private final KillSwitchCancelTest.Blotter oms = new KillSwitchCancelTest.Blotter();
    private final List<String> reports = new CopyOnWriteArrayList<>();
    private volatile VenueAvailability sim = VenueAvailability.RECONCILING;

    @AfterEach
    void stop() {
        thread.shutdownNow();
    }

    private HaltAtRecovery recovery(List<TradingStatus> halts) {
        return new HaltAtRecovery(() -> halts, thread,
                (status, result) -> reports
                        .add((status.portfolio() == null ? "global" : status.portfolio().value()) + ": "
                                + result.canceled()));
    }

    private static TradingStatus halted(String portfolio) {
        return new TradingStatus(portfolio == null ? null : PortfolioId.of(portfolio), TradingState.HALTED, "drill",
                Instant.EPOCH);
    }

    @Test
    void withoutAHaltToCancelForNothingIsCanceledAndNothingIsTriedAgain() throws Exception {
        oms.add("alpha", OrderStatus.ACCEPTED);
        // ACTIVE, or HALTED with cancel.open.orders = false: the kill switch gives no HALT to cancel for.
        recovery(List.of(new TradingStatus(null, TradingState.ACTIVE, "", Instant.EPOCH))).recovered(oms,
                this::venues);
        recovery(List.of()).recovered(oms, this::venues);

        thread.shutdown();
        assertThat(thread.awaitTermination(5, TimeUnit.SECONDS)).as("no retry scheduled").isTrue();
        assertThat(oms.canceled).isEmpty();
        assertThat(reports).isEmpty();
    }

    @Test
    void theHaltedPortfoliosOrdersAreCanceledOnceTheVenuesAreReconciled() throws Exception {
        Order alpha = oms.add("alpha", OrderStatus.ACCEPTED);
        Order beta = oms.add("beta", OrderStatus.ACCEPTED);
        recovery(List.of(halted("alpha"))).recovered(oms, this::venues);

        thread.submit(() -> {}).get(5, TimeUnit.SECONDS); // the first try ran (one thread, in order)
        assertThat(oms.canceled).as("the venue still reconciling").isEmpty();

        sim = VenueAvailability.AVAILABLE;
        // The count is reported once the cancels have returned: wait for the report, not only the cancel.
        Await.until("alpha's order canceled and reported", Duration.ofSeconds(5),
                () -> oms.canceled.contains(alpha.id()) && !reports.isEmpty());
        assertThat(oms.canceled).containsExactly(alpha.id()).doesNotContain(beta.id());
        assertThat(reports).containsExactly("alpha: 1");
    }

    @Test
    void aGlobalHaltCoversEveryPortfolio() {
        Order alpha = oms.add("alpha", OrderStatus.ACCEPTED);
        Order beta = oms.add("beta", OrderStatus.ACCEPTED);
        sim = VenueAvailability.AVAILABLE;
        recovery(List.of(halted("alpha"), halted(null))).recovered(oms, this::venues);
        Await.until("both canceled", Duration.ofSeconds(5), () -> oms.canceled.size() == 2);
        assertThat(oms.canceled).containsExactlyInAnyOrder(alpha.id(), beta.id());
        assertThat(reports).containsExactly("global: 2");
    }

    @Test
    void anOmsThatWentAwayIsNotWorkedOnAgain() throws Exception {
        Order alpha = oms.add("alpha", OrderStatus.ACCEPTED);
        HaltAtRecovery recovery = recovery(List.of(halted("alpha")));
        recovery.recovered(oms, this::venues); // the venue reconciling: tried again in a second
        thread.submit(() -> {}).get(5, TimeUnit.SECONDS);
        recovery.gone(oms);
        sim = VenueAvailability.AVAILABLE;
        Thread.sleep(HaltAtRecovery.RETRY.toMillis() + 300); // past the retry, which must do nothing
        assertThat(oms.canceled).doesNotContain(alpha.id()).isEmpty();
    }

    private VenueService venues() {
        return new VenueService() {
            @Override
            public List<VenueInfo> venues() {
                return List.of(new VenueInfo(VenueId.of("SIM"), "sim", 1, sim, null));
            }

            @Override
            public List<RoutingDecision> decisions(int limit) {
                return List.of();
            }

            @Override
            public Optional<RoutingDecision> decision(OrderId orderId) {
                return Optional.empty();
            }
        };
    }
}
