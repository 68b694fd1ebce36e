package org.nautilus.risk.rule.fillrate.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nautilus.risk.internal.support.Orders.buy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nautilus.api.domain.Fill;
import org.nautilus.api.domain.Money;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.OrderRequest;
import org.nautilus.api.domain.OrderStatus;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.domain.VenueId;
import org.nautilus.api.metrics.MetricsCollector;
import org.nautilus.api.oms.OrderEvent;
import org.nautilus.api.oms.OrderEventType;
import org.nautilus.api.risk.RiskDecision;
import org.nautilus.api.risk.TradingState;
import org.nautilus.risk.internal.support.Desk;
import org.nautilus.risk.internal.support.Orders;
import org.nautilus.risk.rule.killswitch.internal.KillSwitch;

/** The fill rate alarm: committed FILL events counted per portfolio, the alarm's deny and halt actions. */
class FillRateRuleTest {

    private final Desk desk = new Desk();
    private final FillRateMonitor monitor = new FillRateMonitor(desk.clock,
            FillRateMonitor.Limits.of(Map.of("max.fills", "3", "window.ms", "1000")));
    private final FillRateRule rule = new FillRateRule(monitor);
    private long executions;

    {
        desk.core.chain().add(rule, null, 0);
        desk.equity("AAPL", "100");
    }

    private void fill(OrderRequest request) {
        Order order = desk.working(request);
        Fill fill = new Fill("x-" + ++executions, order.id(), order.portfolioId(), order.instrumentId(),
                VenueId.of("SIM"), order.side(), Quantity.ofWhole(1), Price.of("100"), Money.ZERO,
                desk.clock.instant());
        Order filled = new Order(order.id(), request, OrderStatus.PARTIALLY_FILLED, Quantity.ofWhole(1),
                Price.of("100"), VenueId.of("SIM"), null, order.createdAt(), desk.clock.instant());
        rule.onEvent(new OrderEvent(1, OrderEventType.FILL, filled, fill, null, desk.clock.instant(), executions));
    }

    @Test
    void theFourthFillInASecondRaisesTheAlarmOnceAndTheMetricCountsIt() {
        for (int i = 0; i < 3; i++) {
            fill(buy(1, "AAPL"));
        }
        assertEquals(0, monitor.alarms());
        fill(buy(1, "AAPL"));
        fill(buy(1, "AAPL"));
        assertEquals(1, monitor.alarms(), "raised once while the rate stays above");
        assertTrue(desk.check(buy(1, "AAPL")).approved(), "action alarm: trading goes on");

        List<String> series = new ArrayList<>();
        rule.collect(new MetricsCollector() {
            @Override
            public void counter(String name, String help, double value, String... labels) {
                series.add(name + " " + value);
            }

            @Override
            public void gauge(String name, String help, double value, String... labels) {
                series.add(name + " " + value);
            }
        });
        assertEquals(List.of("nautilus_risk_fill_rate_alarms_total 1.0", "nautilus_risk_fill_rate_alarms_raised 1.0"),
                series);
    }

    @Test
    void withActionDenyNewOrdersAreDeniedUntilTheRateFallsBack() {
        rule.modified(Map.of("max.fills", "3", "window.ms", "1000", "action", "deny"));
        for (int i = 0; i < 4; i++) {
            fill(buy(1, "AAPL"));
        }
        RiskDecision denied = desk.check(buy(1, "AAPL"));
        assertEquals(FillRateRule.CODE, denied.code());
        assertEquals("fill rate 3 per 1000 ms of portfolio main exceeded: 4 fills in the last 1000 ms; new orders are "
                + "denied until it falls back", denied.message());
        assertTrue(desk.check(Orders.forPortfolio(buy(1, "AAPL"), "other"))
                .approved(), "another portfolio trades on");
        desk.advance(Duration.ofMillis(1001));
        assertTrue(desk.check(buy(1, "AAPL")).approved());
        assertEquals(0, monitor.raisedCount());
    }

    @Test
    void withActionHaltTheKillSwitchHaltsThePortfolio() {
        KillSwitch killSwitch = new KillSwitch(desk.clock);
        rule.tradingStates = killSwitch;
        rule.modified(Map.of("max.fills", "3", "window.ms", "1000", "action", "halt"));
        for (int i = 0; i < 4; i++) {
            fill(buy(1, "AAPL"));
        }
        assertEquals(TradingState.HALTED, killSwitch.status(PortfolioId.of("main")).state());
        assertTrue(killSwitch.status(PortfolioId.of("main")).reason()
                .startsWith("fill rate 3 per 1000 ms"));
        assertFalse(killSwitch.global().state() == TradingState.HALTED, "only that portfolio");
    }

    @Test
    void anUnknownActionIsRefused() {
        assertEquals("action = 'panic': alarm, deny or halt",
                rule.check(Map.<String, Object> of("action", "panic")).orElseThrow().reason());
        assertEquals("fill rate alarm above 3 fills per 1000 ms per portfolio, action alarm (0 alarms so far)",
                rule.describe());
    }
}
