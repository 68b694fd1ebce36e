package org.nautilus.risk.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nautilus.risk.internal.support.Orders.buy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.nautilus.api.domain.OrderRequest;
import org.nautilus.api.domain.RejectCode;
import org.nautilus.api.risk.RiskContext;
import org.nautilus.api.risk.RiskDecision;
import org.nautilus.api.risk.RiskRule;
import org.nautilus.api.risk.RiskRuleInfo;
import org.nautilus.risk.internal.support.Desk;
import org.nautilus.risk.rule.maxorderquantity.internal.MaxOrderQuantityRule;

class RuleChainTest {

    private final RiskContext market = new Desk().equity("AAPL", "190").context();
    private final RuleChain engine = new RuleChain();

    @Test
    void whileAMandatoryRuleIsMissingEveryOrderIsDeniedNamingItUntilItIsBack() {
        MaxOrderQuantityRule maxQty = new MaxOrderQuantityRule(MaxOrderQuantityRule.Limits.of("1000", Map.of()));
        engine.requireRules(Set.of("max-order-quantity", "kill-switch"));
        engine.add(fixed("kill-switch", true, new ArrayList<>()), null, 100);

        RiskDecision denied = engine.check(buy(1, "AAPL"), market);
        assertThat(denied.describe()).isEqualTo("max-order-quantity: mandatory risk rule max-order-quantity is not "
                + "running: new orders are denied until it is back");
        assertThat(engine.rules()).extracting(RiskRuleInfo::name, RiskRuleInfo::description, RiskRuleInfo::rejections)
                .containsExactly(Tuple.tuple("kill-switch", "kill-switch [mandatory]", 0L),
                        Tuple.tuple("max-order-quantity",
                                "MISSING: mandatory rule not running, every new order is denied [RULE_MISSING]",
                                1L));

        engine.add(maxQty, null, 0); // its bundle is back
        assertThat(engine.check(buy(1, "AAPL"), market).approved()).isTrue();
        assertThat(engine.check(buy(1500, "AAPL"), market).code()).isEqualTo("MAX_ORDER_QUANTITY");
        assertThat(engine.missing()).isEmpty();

        engine.remove(maxQty); // stopped again
        assertThat(engine.check(buy(1, "AAPL"), market).code()).isEqualTo(RuleChain.RULE_MISSING);
    }

    @Test
    void everyMissingMandatoryRuleIsNamed() {
        engine.requireRules(Set.of("self-trade", "kill-switch", "max-notional"));

        assertThat(engine.check(buy(1, "AAPL"), market).message()).isEqualTo("mandatory risk rule kill-switch is "
                + "not running (missing too: max-notional, self-trade): new orders are denied until it is back");
    }

    @Test
    void aRuleThatIsNotMandatoryTakesExactlyItsCheckWithItWhenItGoes() {
        MaxOrderQuantityRule maxQty = new MaxOrderQuantityRule(MaxOrderQuantityRule.Limits.of("1000", Map.of()));
        List<String> ran = new ArrayList<>();
        engine.requireRules(Set.of("kill-switch"));
        engine.add(fixed("kill-switch", true, ran), null, 100);
        engine.add(maxQty, null, 50);
        engine.add(fixed("b-rejects", false, ran), null, 0);
        assertThat(engine.check(buy(1500, "AAPL"), market).code()).isEqualTo("MAX_ORDER_QUANTITY");

        engine.remove(maxQty);

        RiskDecision decision = engine.check(buy(1500, "AAPL"), market);
        assertThat(decision.rule()).as("the other checks still run").isEqualTo("b-rejects");
        assertThat(engine.rules()).extracting(RiskRuleInfo::name).containsExactly("kill-switch", "b-rejects");
    }

    @Test
    void aMandatoryRuleNoLongerRequiredStopsDenying() {
        engine.requireRules(Set.of("kill-switch"));
        assertThat(engine.check(buy(1, "AAPL"), market).approved()).isFalse();

        engine.requireRules(Set.of());

        assertThat(engine.check(buy(1, "AAPL"), market).approved()).isTrue();
    }

    @Test
    void withNoRuleEveryOrderIsApproved() {
        assertThat(engine.check(buy(1_000_000, "AAPL"), market).approved()).isTrue();
    }

    @Test
    void aBuyOf1500AaplIsDeniedByMaxOrderQuantityAndTheRejectionIsCounted() {
        engine.add(new MaxOrderQuantityRule(MaxOrderQuantityRule.Limits.of("1000", Map.of())), null, 0);

        RiskDecision denied = engine.check(buy(1500, "AAPL"), market);
        engine.check(buy(500, "AAPL"), market);

        assertThat(denied.describe()).isEqualTo("max-order-quantity: max order quantity 1000 exceeded: 1500");
        assertThat(denied.rejectCode()).isEqualTo(RejectCode.MAX_ORDER_QUANTITY);
        assertThat(engine.rules()).containsExactly(
                new RiskRuleInfo("max-order-quantity", "max order quantity 1000", 1));
    }

    @Test
    void theFirstRejectionWinsAndLaterRulesDoNotRun() {
        List<String> ran = new ArrayList<>();
        engine.add(fixed("a-rejects", false, ran), null, 0);
        engine.add(fixed("b-rejects", false, ran), null, 0);
        engine.add(fixed("kill-switch", true, ran), null, 100);

        RiskDecision decision = engine.check(buy(1, "AAPL"), market);

        assertThat(decision.rule()).isEqualTo("a-rejects");
        assertThat(ran).containsExactly("kill-switch", "a-rejects");
        assertThat(engine.rules()).extracting(RiskRuleInfo::name, RiskRuleInfo::rejections)
                .containsExactly(Tuple.tuple("kill-switch", 0L),
                        Tuple.tuple("a-rejects", 1L),
                        Tuple.tuple("b-rejects", 0L));
    }

    @Test
    void aRuleIsKeyedByItsRiskRuleProperty() {
        RiskRule first = fixed("whatever", false, new ArrayList<>());
        RiskRule second = fixed("whatever", true, new ArrayList<>());
        engine.add(first, "limits", 0);
        engine.add(second, "limits", 0);

        assertThat(engine.rules()).extracting(RiskRuleInfo::name).containsExactly("limits");
        assertThat(engine.check(buy(1, "AAPL"), market).approved()).isTrue();

        engine.remove(first); // the replaced service going away leaves its replacement in place
        assertThat(engine.size()).isEqualTo(1);
        engine.remove(second);
        assertThat(engine.size()).isZero();
    }

    @Test
    void aRuleThatThrowsDeniesTheOrderInsteadOfLettingItThrough() {
        engine.add(new RiskRule() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public String describe() {
                return "broken";
            }

            @Override
            public RiskDecision check(OrderRequest r, RiskContext c) {
                throw new IllegalStateException("boom");
            }
        }, null, 0);

        RiskDecision decision = engine.check(buy(1, "AAPL"), market);

        assertThat(decision.code()).isEqualTo(RuleChain.RULE_ERROR);
        assertThat(decision.message()).contains("boom");
        assertThat(engine.rules().get(0).description()).isEqualTo("broken [FAILED 1 times: see the log]");
    }

    @Test
    void rulesCanComeAndGoWhileOrdersAreChecked() throws Exception {
        engine.add(new MaxOrderQuantityRule(MaxOrderQuantityRule.Limits.of("1000", Map.of())), null, 0);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        var checks = pool.submit(() -> {
            start.await();
            long denied = 0;
            for (int i = 0; i < 20_000; i++) {
                if (!engine.check(buy(1500, "AAPL"), market).approved()) {
                    denied++;
                }
            }
            return denied;
        });
        var churn = pool.submit(() -> {
            start.await();
            for (int i = 0; i < 2_000; i++) {
                RiskRule extra = fixed("extra-" + (i % 3), true, new ArrayList<>());
                engine.add(extra, null, 0);
                engine.remove(extra);
            }
            return 0L;
        });
        start.countDown();

        assertThat(checks.get(10, TimeUnit.SECONDS)).isEqualTo(20_000);
        churn.get(10, TimeUnit.SECONDS);
        pool.shutdown();
        assertThat(engine.rules()).singleElement().extracting(RiskRuleInfo::rejections).isEqualTo(20_000L);
    }

    private static RiskRule fixed(String name, boolean approve, List<String> ran) {
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
                synchronized (ran) {
                    ran.add(name);
                }
                return approve ? RiskDecision.approve() : RiskDecision.reject(name, "NO", name + " says no");
            }
        };
    }
}
