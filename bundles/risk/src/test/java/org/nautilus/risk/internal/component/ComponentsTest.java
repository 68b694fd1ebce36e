package org.nautilus.risk.internal.component;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.nautilus.api.audit.ConfigurationCheck;
import org.nautilus.api.domain.Instrument;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.risk.RiskRule;
import org.nautilus.api.risk.RiskRuleInfo;
import org.nautilus.api.risk.TradingState;
import org.nautilus.risk.internal.support.Desk;
import org.nautilus.risk.internal.support.FakeMarketData;
import org.nautilus.risk.internal.support.Orders;
import org.nautilus.risk.rule.killswitch.internal.KillSwitchComponent;
import org.nautilus.risk.rule.maxorderquantity.internal.MaxOrderQuantityComponent;
import org.nautilus.risk.rule.orderrate.internal.OrderRateComponent;
import org.nautilus.testsupport.DsConfigs;
import org.nautilus.testsupport.InMemoryPositions;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/** The DS components outside a container: the wiring DS would do, done by hand. */
class ComponentsTest {

    @Test
    void theRiskServiceRunsTheRuleServicesInRankingOrderUnderTheirRiskRuleNames() {
        FakeMarketData market = new FakeMarketData();
        market.define(Instrument.equity("AAPL", "USD"));
        market.mark("AAPL", "190");
        RiskServiceComponent risk = new RiskServiceComponent(config(RiskServiceComponent.Config.class, Map.of()),
                Map.of(), market, new InMemoryPositions());
        try {
            MaxOrderQuantityComponent maxQty = new MaxOrderQuantityComponent(
                    config(MaxOrderQuantityComponent.Config.class, Map.of("max.quantity", "1000")), Map.of());
            KillSwitchComponent killSwitch = new KillSwitchComponent(Map.of());
            risk.addRule(maxQty, Map.of(RiskRule.NAME_PROPERTY, "max-order-quantity", "service.ranking", 800));
            risk.addRule(killSwitch, Map.of(RiskRule.NAME_PROPERTY, "kill-switch", "service.ranking", 1000));

            assertThat(risk.check(Orders.buy(1500, "AAPL")).describe())
                    .isEqualTo("max-order-quantity: max order quantity 1000 exceeded: 1500");

            killSwitch.setGlobal(TradingState.HALTED, "drill");
            assertThat(risk.check(Orders.buy(1500, "AAPL")).code()).isEqualTo("TRADING_HALTED");
            assertThat(risk.rules()).extracting(RiskRuleInfo::name, RiskRuleInfo::rejections).containsExactly(
                    Tuple.tuple("kill-switch", 1L),
                    Tuple.tuple("max-order-quantity", 1L));

            // Editing etc/nautilus.risk.max_order_quantity.cfg: DS calls modified.
            killSwitch.setGlobal(TradingState.ACTIVE, "");
            maxQty.modified(config(MaxOrderQuantityComponent.Config.class, Map.of("max.quantity", "2000")), Map.of());
            assertThat(risk.check(Orders.buy(1500, "AAPL")).approved()).isTrue();

            risk.removeRule(maxQty, Map.of(RiskRule.NAME_PROPERTY, "max-order-quantity"));
            assertThat(risk.rules()).extracting(RiskRuleInfo::name).containsExactly("kill-switch");
        } finally {
            risk.deactivate();
        }
    }

    @Test
    void aRuleChecksPropertiesWithoutApplyingThemAndNamesTheLimitsThatStayInForce() {
        MaxOrderQuantityComponent maxQty = new MaxOrderQuantityComponent(
                config(MaxOrderQuantityComponent.Config.class, Map.of("max.quantity", "1000")), Map.of());

        assertThat(maxQty.check(Map.of("max.quantity", "-5"))).contains(new ConfigurationCheck.Refusal(
                "max.quantity = '-5': must be positive", "max order quantity 1000"));
        assertThat(maxQty.check(Map.of("max.quantity", "1000000000000000000000000")))
                .hasValueSatisfying(r -> assertThat(r.reason()).contains("is out of range").doesNotContain("decimals"));
        assertThat(maxQty.check(Map.of("max.quantity", "2000", "enabled", "false"))).isEmpty();
        assertThat(maxQty.check(Map.of("portfolio.alpha.max.quantity", "0")))
                .hasValueSatisfying(r -> assertThat(r.reason()).startsWith("portfolio.alpha.max.quantity = '0'"));
        assertThat(maxQty.describe()).as("nothing applied").isEqualTo("max order quantity 1000");

        OrderRateComponent rate = new OrderRateComponent(config(OrderRateComponent.Config.class, Map.of()), Map.of());
        assertThat(rate.check(Map.of("window.ms", "soon")))
                .hasValueSatisfying(r -> assertThat(r.reason()).isEqualTo("window.ms = 'soon': not a valid long"));
    }

    @Test
    void aRuleSwitchedOffInItsConfigurationLetsOrdersPassAndSaysSo() {
        MaxOrderQuantityComponent maxQty = new MaxOrderQuantityComponent(config(MaxOrderQuantityComponent.Config.class,
                Map.of("max.quantity", "10", "enabled", false)), Map.of());

        assertThat(maxQty.check(Orders.buy(1500, "AAPL"), new Desk().context()).approved()).isTrue();
        assertThat(maxQty.describe()).isEqualTo("DISABLED: max order quantity 10");
    }

    @Test
    void theKillSwitchWritesItsStatesToItsConfigurationKeepingOtherKeys() throws Exception {
        Hashtable<String, Object> stored = new Hashtable<>(Map.of("felix.fileinstall.filename", "file:/etc/x.cfg",
                "portfolio.old.state", "HALTED"));
        AtomicReference<Dictionary<String, ?>> written = new AtomicReference<>();
        Configuration configuration = proxy(Configuration.class, (method, args) -> switch (method.getName()) {
            case "getProperties" -> stored;
            case "updateIfDifferent" -> {
                written.set((Dictionary<String, ?>) args[0]);
                yield true;
            }
            default -> null;
        });
        ConfigurationAdmin admin = proxy(ConfigurationAdmin.class,
                (method, args) -> method.getName().equals("getConfiguration") ? configuration : null);
        KillSwitchComponent killSwitch = new KillSwitchComponent(Map.of());
        killSwitch.setConfigAdmin(admin);

        killSwitch.set(PortfolioId.of("alpha"), TradingState.REDUCING, "review");

        Dictionary<String, ?> props = written.get();
        assertThat(props.get("felix.fileinstall.filename")).isEqualTo("file:/etc/x.cfg");
        assertThat(props.get("portfolio.alpha.state")).isEqualTo("REDUCING");
        assertThat(props.get("portfolio.alpha.reason")).isEqualTo("review");
        assertThat(props.get("portfolio.old.state")).isNull(); // the states are rewritten whole
        assertThat(props.get("state")).isEqualTo("ACTIVE");
        assertThat(props.get("revision")).isEqualTo("1");
    }

    @Test
    void anInvalidKillSwitchFileKeepsTheStatesInForce() {
        KillSwitchComponent killSwitch = new KillSwitchComponent(Map.of("state", "HALTED"));

        killSwitch.modified(new HashMap<>(Map.of("state", "STOPPED")));

        assertThat(killSwitch.global().state()).isEqualTo(TradingState.HALTED);
        assertThat(killSwitch.statuses()).hasSize(1);
        assertThat(List.of(killSwitch.describe())).containsExactly("trading HALTED");
    }

    /** A metatype configuration annotation backed by a map, falling back to the annotation's defaults. */
    static <A extends Annotation> A config(Class<A> type, Map<String, Object> values) {
        return DsConfigs.config(type, values);
    }

    interface Handler {
        Object handle(Method method, Object[] args) throws Exception;
    }

    @SuppressWarnings("unchecked")
    static <T> T proxy(Class<T> type, Handler handler) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (p, method, args) -> handler.handle(method, args));
    }

    @Test
    void aKillSwitchThatCannotReadItsFileAtStartHaltsTrading() {
        KillSwitchComponent killSwitch = new KillSwitchComponent(Map.of("state", "HALTD"));

        assertThat(killSwitch.global().state()).isEqualTo(TradingState.HALTED);
        assertThat(killSwitch.global().reason())
                .isEqualTo(
                        "invalid nautilus.risk.kill_switch configuration: state = 'HALTD': must be ACTIVE, REDUCING or HALTED");
    }
}
