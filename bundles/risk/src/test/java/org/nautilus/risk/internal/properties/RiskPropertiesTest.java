package org.nautilus.risk.internal.properties;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.assertj.core.data.Offset;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Money;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.OrderId;
import org.nautilus.api.domain.OrderRequest;
import org.nautilus.api.domain.OrderStatus;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.domain.Position;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.domain.Side;
import org.nautilus.api.risk.RiskContext;
import org.nautilus.api.risk.RiskDecision;
import org.nautilus.api.risk.RiskRule;
import org.nautilus.api.risk.RiskRuleInfo;
import org.nautilus.api.risk.TradingState;
import org.nautilus.risk.internal.engine.RuleChain;
import org.nautilus.risk.internal.engine.VarCalculator;
import org.nautilus.risk.internal.support.Desk;
import org.nautilus.risk.internal.support.Orders;
import org.nautilus.risk.rule.killswitch.internal.KillSwitch;
import org.nautilus.risk.rule.maxposition.internal.MaxPositionRule;
import org.nautilus.risk.rule.orderrate.internal.OrderRateRule;
import org.nautilus.risk.rule.reduceonly.internal.ReduceOnlyRule;
import org.nautilus.risk.support.Valuation;
import org.nautilus.testsupport.MutableClock;

/** Invariants of the risk rules and the engine, over generated positions, orders and timings. */
class RiskPropertiesTest {

    private static final PortfolioId MAIN = PortfolioId.of("main");
    private static final InstrumentId AAPL = InstrumentId.of("AAPL");
    private static final Instant T = Desk.OPEN;

    /** An order that "reduces" can never open, grow or flip the position, whichever of the orders fill. */
    @Property
    void aReducingOrderNeverGrowsOrFlipsThePositionEvenIfEveryOpenOrderFills(
            @ForAll @LongRange(min = -5000, max = 5000) long held,
            @ForAll boolean buy, @ForAll @IntRange(min = 1, max = 6000) int quantity,
            @ForAll @Size(max = 4) List<@IntRange(min = 1, max = 3000) Integer> openSameSide) {
        Side side = buy ? Side.BUY : Side.SELL;
        Position position = position(held);
        List<Order> open = new ArrayList<>();
        for (int q : openSameSide) {
            open.add(working(Orders.market("main", side, q, "AAPL")));
        }
        OrderRequest request = Orders.market("main", side, quantity, "AAPL");

        if (Valuation.reduces(request, position, open)) {
            long worst = Valuation.projectedPosition(request, position, open);
            long before = position.quantity().raw();
            assertThat(Math.abs(worst)).isLessThanOrEqualTo(Math.abs(before));
            assertThat(worst == 0 || Long.signum(worst) == Long.signum(before)).isTrue();
        }
    }

    /** Whatever max-position approves stays within the limit in the worst case, or reduces the position. */
    @Property
    void maxPositionApprovesOnlyWhatStaysWithinTheLimitOrReduces(
            @ForAll @LongRange(min = -15_000, max = 15_000) long held,
            @ForAll boolean buy, @ForAll @IntRange(min = 1, max = 20_000) int quantity,
            @ForAll @IntRange(min = 0, max = 5000) int openSameSide,
            @ForAll @IntRange(min = 1, max = 12_000) int max) {
        Desk desk = new Desk(new MaxPositionRule(MaxPositionRule.Limits.of(Integer.toString(max), Map.of())))
                .equity("AAPL", "190");
        desk.position("main", "AAPL", held, "190");
        Side side = buy ? Side.BUY : Side.SELL;
        if (openSameSide > 0) {
            desk.working(Orders.market("main", side, openSameSide, "AAPL"));
        }
        OrderRequest request = Orders.market("main", side, quantity, "AAPL");

        RiskDecision decision = desk.check(request);

        RiskContext ctx = desk.context();
        Position position = ctx.position(MAIN, AAPL);
        List<Order> open = ctx.openOrders(MAIN, AAPL);
        boolean within = Math.abs(Valuation.projectedPosition(request, position, open)) <= Quantity.ofWhole(max).raw();
        assertThat(decision.approved()).isEqualTo(within || Valuation.reduces(request, position, open));
    }

    /** However orders arrive, no sliding window ever holds more approvals than the throttle allows. */
    @Property
    void theThrottleNeverLetsMoreThanMaxOrdersIntoAnyWindow(
            @ForAll @Size(min = 1, max = 200) List<@IntRange(min = 0, max = 400) Integer> gapsMs,
            @ForAll @IntRange(min = 1, max = 10) int maxOrders, @ForAll @IntRange(min = 1, max = 2000) int windowMs) {
        Desk desk = new Desk(new OrderRateRule(OrderRateRule.Limits.of(maxOrders, windowMs, Map.of())))
                .equity("AAPL", "190");
        List<Instant> approved = new ArrayList<>();
        for (int gap : gapsMs) {
            desk.advance(Duration.ofMillis(gap));
            if (desk.check(Orders.buy(1, "AAPL")).approved()) {
                approved.add(desk.clock.instant());
            }
        }
        for (Instant end : approved) {
            long inWindow = approved.stream()
                    .filter(t -> !t.isBefore(end.minusMillis(windowMs)) && !t.isAfter(end)).count();
            assertThat(inWindow).isLessThanOrEqualTo(maxOrders);
        }
        assertThat(approved).isNotEmpty(); // the very first order is always within the budget
    }

    /** The first rejection in ranking order decides; every rejection is counted against exactly one rule. */
    @Property
    void theFirstRejectingRuleInRankingOrderDecides(
            @ForAll @Size(min = 1, max = 8) List<@IntRange(min = 0, max = 3) Integer> verdictsAndRanks,
            @ForAll @IntRange(min = 1, max = 30) int orders) {
        RuleChain engine = new RuleChain();
        List<String> expectedOrder = new ArrayList<>();
        for (int i = 0; i < verdictsAndRanks.size(); i++) {
            int v = verdictsAndRanks.get(i);
            String name = String.format("r%02d", i);
            engine.add(fixed(name, v % 2 == 0), name, v / 2); // ranks 0 or 1
        }
        List<RiskRuleInfo> infos = engine.rules();
        infos.forEach(r -> expectedOrder.add(r.name()));
        String firstDenier = null;
        for (int i = 0; i < verdictsAndRanks.size() && firstDenier == null; i++) {
            String name = expectedOrder.get(i);
            int idx = Integer.parseInt(name.substring(1));
            if (verdictsAndRanks.get(idx) % 2 != 0) {
                firstDenier = name;
            }
        }
        RiskContext ctx = new Desk().equity("AAPL", "190").context();
        for (int i = 0; i < orders; i++) {
            RiskDecision d = engine.check(Orders.buy(1, "AAPL"), ctx);
            assertThat(d.rule()).isEqualTo(firstDenier);
        }
        long counted = engine.rules().stream().mapToLong(RiskRuleInfo::rejections).sum();
        assertThat(counted).isEqualTo(firstDenier == null ? 0 : orders);
        // ranking 1 runs before ranking 0, names break ties
        for (int i = 1; i < infos.size(); i++) {
            int prevRank = verdictsAndRanks.get(Integer.parseInt(infos.get(i - 1).name().substring(1))) / 2;
            int rank = verdictsAndRanks.get(Integer.parseInt(infos.get(i).name().substring(1))) / 2;
            assertThat(prevRank).isGreaterThanOrEqualTo(rank);
        }
    }

    /** HALTED denies every new order; REDUCING approves exactly the reducing ones. */
    @Property
    void theKillSwitchStatesMeanWhatTheySay(@ForAll TradingState state,
            @ForAll @LongRange(min = -1000, max = 1000) long held,
            @ForAll boolean buy, @ForAll @IntRange(min = 1, max = 2000) int quantity) {
        KillSwitch killSwitch = new KillSwitch(new MutableClock(T));
        killSwitch.setGlobal(state, "test");
        Desk desk = new Desk(killSwitch).equity("AAPL", "190");
        desk.position("main", "AAPL", held, "190");
        OrderRequest request = Orders.market("main", buy ? Side.BUY : Side.SELL, quantity, "AAPL");

        boolean approved = desk.check(request).approved();

        boolean reduces = Valuation.reduces(request, desk.context().position(MAIN, AAPL), List.of());
        switch (state) {
            case ACTIVE -> assertThat(approved).isTrue();
            case HALTED -> assertThat(approved).isFalse();
            case REDUCING -> assertThat(approved).isEqualTo(reduces);
        }
    }

    /** A reduce-only order approved by the rule can only reduce, whatever the position. */
    @Property
    void reduceOnlyApprovesOnlyReducingOrders(@ForAll @LongRange(min = -1000, max = 1000) long held,
            @ForAll boolean buy, @ForAll @IntRange(min = 1, max = 2000) int quantity) {
        Desk desk = new Desk(new ReduceOnlyRule()).equity("AAPL", "190");
        desk.position("main", "AAPL", held, "190");
        OrderRequest request = Orders.market("main", buy ? Side.BUY : Side.SELL, quantity, "AAPL").withFlags(false,
                true);

        if (desk.check(request).approved()) {
            long after = held + (buy ? quantity : -quantity);
            assertThat(Math.abs(after)).isLessThan(Math.abs(held));
            assertThat(after == 0 || Long.signum(after) == Long.signum(held)).isTrue();
        }
    }

    /** VaR is positively homogeneous: k times the exposure, k times the VaR (both methods). */
    @Property
    void varScalesWithTheExposure(@ForAll("pnlScenarios") double[] pnl,
            @ForAll @DoubleRange(min = 0.1, max = 100) double k) {
        BigDecimal c = new BigDecimal("0.95");
        double[] scaled = new double[pnl.length];
        for (int i = 0; i < pnl.length; i++) {
            scaled[i] = k * pnl[i];
        }
        double tolerance = 1e-9 * (1 + Math.abs(k * VarCalculator.historical(pnl, c)));
        assertThat(VarCalculator.historical(scaled, c)).isCloseTo(k * VarCalculator.historical(pnl, c),
                Offset.offset(tolerance));
        assertThat(VarCalculator.parametric(scaled, c)).isCloseTo(k * VarCalculator.parametric(pnl, c),
                Offset.offset(1e-9 * (1 + k * VarCalculator.parametric(pnl, c))));
    }

    /** Historical VaR does not depend on the order of the scenarios, and a higher confidence never lowers it. */
    @Property
    void historicalVarIgnoresOrderAndRisesWithConfidence(@ForAll("pnlScenarios") double[] pnl) {
        List<Double> shuffled = new ArrayList<>();
        for (double v : pnl) {
            shuffled.add(v);
        }
        Collections.shuffle(shuffled, new Random(pnl.length));
        double[] other = shuffled.stream().mapToDouble(Double::doubleValue).toArray();

        assertThat(VarCalculator.historical(other, new BigDecimal("0.95")))
                .isEqualTo(VarCalculator.historical(pnl, new BigDecimal("0.95")));
        assertThat(VarCalculator.historical(pnl, new BigDecimal("0.99")))
                .isGreaterThanOrEqualTo(VarCalculator.historical(pnl, new BigDecimal("0.95")));
        assertThat(VarCalculator.parametric(pnl, new BigDecimal("0.95"))).isGreaterThanOrEqualTo(0);
    }

    @Provide
    Arbitrary<double[]> pnlScenarios() {
        return Arbitraries.doubles().between(-1e6, 1e6).array(double[].class).ofMinSize(2).ofMaxSize(300);
    }

    private static Position position(long held) {
        return new Position(MAIN, AAPL, Quantity.ofWhole(held), Price.of("190"), Money.ZERO, Money.ZERO, 1, T);
    }

    private static long ids;

    private static Order working(OrderRequest request) {
        return new Order(OrderId.of(++ids), request, OrderStatus.ACCEPTED, Quantity.ZERO, null, null, null, T, T);
    }

    private static RiskRule fixed(String name, boolean approve) {
        return new RiskRule() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String describe() {
                return name;
            }

            @Override
            public RiskDecision check(OrderRequest request, RiskContext context) {
                return approve ? RiskDecision.approve() : RiskDecision.reject(name, "NO", "no");
            }
        };
    }

}
