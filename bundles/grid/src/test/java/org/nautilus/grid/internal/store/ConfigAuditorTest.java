package org.nautilus.grid.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Hashtable;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.nautilus.api.audit.AuditCategory;
import org.nautilus.api.audit.ConfigurationCheck.Refusal;

class ConfigAuditorTest {

    private final ConfigAuditor auditor = new ConfigAuditor();

    private static Hashtable<String, Object> props(Object... keyValues) {
        Hashtable<String, Object> table = new Hashtable<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            table.put((String) keyValues[i], keyValues[i + 1]);
        }
        return table;
    }

    @Test
    void a_changed_risk_limit_is_a_RISK_entry_naming_the_old_and_new_values() {
        auditor.remember("nautilus.risk.max_order_quantity", props("limit", "1000", "service.pid", "x",
                "felix.fileinstall.filename", "file:/etc/x.cfg"));

        Unit.AuditDraft draft = auditor.changed("nautilus.risk.max_order_quantity",
                props("limit", "500", "portfolio.alpha.limit", "100", "service.pid", "x"), Instant.EPOCH).orElseThrow();

        assertThat(draft.category()).isEqualTo(AuditCategory.RISK);
        assertThat(draft.type()).isEqualTo("UPDATED");
        assertThat(draft.detail()).isEqualTo("nautilus.risk.max_order_quantity: limit: 1000 -> 500; "
                + "portfolio.alpha.limit: (unset) -> 100");
        assertThat(draft.fields()).isEqualTo(Map.of("limit", "1000 -> 500", "portfolio.alpha.limit", "(unset) -> 100"));
    }

    @Test
    void a_save_that_changes_nothing_records_nothing_and_other_pids_are_ignored() {
        auditor.remember("nautilus.oms", props("router", "smart"));

        assertThat(auditor.changed("nautilus.oms", props("router", "smart", "felix.fileinstall.filename", "f"),
                Instant.EPOCH)).isEmpty();
        assertThat(auditor.changed("org.apache.karaf.shell", props("sshPort", "8101"), Instant.EPOCH)).isEmpty();
    }

    @Test
    void a_new_and_a_deleted_configuration_are_recorded_and_secrets_are_masked() {
        Unit.AuditDraft created = auditor.changed("nautilus.venue.fix", props("password", "hunter2", "host", "h"),
                Instant.EPOCH).orElseThrow();
        Unit.AuditDraft deleted = auditor.changed("nautilus.venue.fix", null, Instant.EPOCH).orElseThrow();

        assertThat(created.category()).isEqualTo(AuditCategory.CONFIG);
        assertThat(created.type()).isEqualTo("CREATED");
        assertThat(created.detail()).contains("password: (unset) -> ****").doesNotContain("hunter2");
        assertThat(deleted.type()).isEqualTo("DELETED");
        assertThat(deleted.detail()).contains("host: h -> (unset)");
    }

    @Test
    void a_refused_value_is_a_REFUSED_entry_saying_why_and_what_stays_in_force_and_the_old_value_remains_known() {
        String pid = "nautilus.risk.max_order_quantity";
        auditor.remember(pid, props("max.quantity", "1000"));

        Unit.AuditDraft refused = auditor.changed(pid, props("max.quantity", "-5"), Optional.of(new Refusal(
                "max.quantity = '-5': must be positive", "max order quantity 1000")), Instant.EPOCH).orElseThrow();

        assertThat(refused.type()).isEqualTo("REFUSED");
        assertThat(refused.category()).isEqualTo(AuditCategory.RISK);
        assertThat(refused.detail()).isEqualTo("nautilus.risk.max_order_quantity: max.quantity: 1000 -> -5 - refused: "
                + "max.quantity = '-5': must be positive; in force: max order quantity 1000");
        assertThat(refused.fields()).containsEntry("max.quantity", "1000 -> -5")
                .containsEntry("refused", "max.quantity = '-5': must be positive")
                .containsEntry("in.force", "max order quantity 1000");

        // The next accepted value is compared with the limit that stayed in force, not with the refused one.
        Unit.AuditDraft fixed = auditor.changed(pid, props("max.quantity", "500"), Optional.empty(), Instant.EPOCH)
                .orElseThrow();
        assertThat(fixed.type()).isEqualTo("UPDATED");
        assertThat(fixed.detail()).isEqualTo("nautilus.risk.max_order_quantity: max.quantity: 1000 -> 500");
    }
}
