package org.nautilus.risk.internal.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.nautilus.api.risk.RiskRule;
import org.nautilus.risk.internal.engine.EngineConfig;
import org.nautilus.risk.internal.support.Desk;

/** Every {@link MaxDailyLossRuleTest} again, with the engine's running valuation (marks reported, positions announced). */
class MaxDailyLossRuleRunningTest extends MaxDailyLossRuleTest {

    @Override
    Desk desk(EngineConfig config, RiskRule... rules) {
        Desk desk = Desk.running(config, rules);
        assertThat(desk.core.runningValuation()).isTrue();
        return desk;
    }
}
