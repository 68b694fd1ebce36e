package org.nautilus.oms.internal.core;

import org.nautilus.oms.internal.routing.DecisionLog;
import org.nautilus.oms.internal.routing.OrderRouter;
import org.nautilus.oms.internal.routing.SmartOrderRouter;
import org.nautilus.oms.internal.routing.VenueDirectory;
import org.nautilus.oms.internal.routing.VenueStatistics;

/** An OMS with fake risk and venues, recording what its listeners hear. */
final class Harness implements AutoCloseable {

    final Fixtures.FakeRisk risk = new Fixtures.FakeRisk();
    final Fixtures.Recorder recorder = new Fixtures.Recorder();
    final OrderListeners listeners = new OrderListeners();
    final VenueDirectory venues = new VenueDirectory();
    final VenueStatistics statistics = new VenueStatistics();
    final DecisionLog decisions = new DecisionLog(100);
    final OrderManager oms;

    Harness(OrderRouter router, FakeVenue... fakes) {
        this(router, 100_000, fakes);
    }

    Harness(OrderRouter router, int retained, FakeVenue... fakes) {
        listeners.add(recorder);
        oms = OrderManager.builder(Fixtures.instruments(), risk).clock(Fixtures.CLOCK).venues(venues)
                .listeners(listeners).statistics(statistics).decisions(decisions)
                .router(router != null ? router
                        : new SmartOrderRouter(Fixtures.instruments(), statistics,
                                SmartOrderRouter.Settings.defaults()))
                .partitions(2).retainedOrders(retained).build();
        for (FakeVenue fake : fakes) {
            oms.venueAdded(fake.id(), fake);
        }
    }

    @Override
    public void close() {
        oms.close();
    }
}
