package org.nautilus.access.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.nautilus.api.audit.AuditCategory;
import org.nautilus.api.audit.AuditEntry;
import org.nautilus.api.audit.AuditFormat;
import org.nautilus.api.audit.AuditQuery;
import org.nautilus.api.audit.AuditRecord;
import org.nautilus.api.audit.AuditService;
import org.nautilus.api.domain.PortfolioId;

class AuditRecorderTest {

    /** A journal that remembers each write it was given (the grid's real one is exercised by AccessIT). */
    private static final class Writes implements AuditService {
        final List<List<AuditRecord>> writes = new ArrayList<>();

        @Override
        public List<AuditEntry> recordAll(List<AuditRecord> entries) {
            writes.add(List.copyOf(entries));
            return List.of();
        }

        @Override
        public AuditEntry record(AuditCategory category, String type, String subject, PortfolioId portfolio,
                String detail, Map<String, String> fields) {
            throw new AssertionError("the recorder writes in batches, never one by one");
        }

        @Override
        public List<AuditEntry> query(AuditQuery query) {
            return List.of();
        }

        @Override
        public long export(AuditQuery query, AuditFormat format, Appendable out) throws IOException {
            return 0;
        }

        @Override
        public String format(AuditEntry entry, AuditFormat format) {
            return "";
        }

        @Override
        public long size() {
            return 0;
        }
    }

    private final Writes journal = new Writes();
    private final AtomicLong now = new AtomicLong();
    private final AuditRecorder recorder = new AuditRecorder(() -> journal, now::get, false);

    @Test
    void everythingQueuedMeanwhileGoesInOneWrite() throws Exception {
        for (int i = 0; i < 250; i++) {
            recorder.action("tom", "POST", "/api/v1/orders", 201);
        }
        assertThat(recorder.drainOnce(0)).isTrue();
        assertThat(journal.writes).hasSize(1);
        assertThat(journal.writes.get(0)).hasSize(250);
        AuditRecord first = journal.writes.get(0).get(0);
        assertThat(first.category()).isEqualTo(AuditCategory.ACTION);
        assertThat(first.type()).isEqualTo("POST");
        assertThat(first.subject()).isEqualTo("/api/v1/orders");
        assertThat(first.fields()).containsEntry("user", "tom").containsEntry("channel", "HTTP")
                .containsEntry("status", "201");
        assertThat(recorder.drainOnce(0)).as("nothing left").isFalse();
    }

    @Test
    void aWriteCarriesAtMostMaxBatch() throws Exception {
        for (int i = 0; i < AuditRecorder.MAX_BATCH + 5; i++) {
            recorder.action("tom", "POST", "/api/v1/orders", 201);
        }
        recorder.drainOnce(0);
        recorder.drainOnce(0);
        assertThat(journal.writes).extracting(List::size).containsExactly(AuditRecorder.MAX_BATCH, 5);
    }

    @Test
    void aFloodOfRefusedAttemptsIsRateLimitedAndTheNextRecordedOneSaysHowManyWereLeftOut() throws Exception {
        for (int i = 0; i < 1_000; i++) {
            recorder.refused(null, "GET", "/api/v1/orders", 401, "wrong user name or password");
        }
        recorder.drainOnce(0);
        assertThat(journal.writes.get(0)).hasSize(AuditRecorder.REFUSALS_PER_SECOND);
        AuditRecord refused = journal.writes.get(0).get(0);
        assertThat(refused.type()).isEqualTo("REFUSED");
        assertThat(refused.subject()).isEqualTo("GET /api/v1/orders");
        assertThat(refused.fields()).containsEntry("user", "anonymous").containsEntry("status", "401")
                .containsEntry("reason", "wrong user name or password").doesNotContainKey("suppressed");

        now.addAndGet(TimeUnit.SECONDS.toNanos(1));
        recorder.refused("vera", "POST", "/api/v1/orders", 403, "lacks the role 'trader'");
        recorder.drainOnce(0);
        AuditRecord next = journal.writes.get(1).get(0);
        assertThat(next.fields()).containsEntry("user", "vera")
                .containsEntry("suppressed", Integer.toString(1_000 - AuditRecorder.REFUSALS_PER_SECOND));
        assertThat(next.detail()).contains("980 more refused attempts not recorded");
    }

    @Test
    void withoutAJournalNothingIsWrittenAndNothingThrows() throws Exception {
        AuditRecorder orphan = new AuditRecorder(() -> null, now::get, false);
        orphan.action("tom", "POST", "/api/v1/orders", 201);
        assertThat(orphan.drainOnce(0)).isTrue();
        assertThat(journal.writes).isEmpty();
    }
}
