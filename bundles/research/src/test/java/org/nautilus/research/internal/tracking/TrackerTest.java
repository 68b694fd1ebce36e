package org.nautilus.research.internal.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nautilus.api.research.artifacts.ArtifactIntegrityException;
import org.nautilus.api.research.artifacts.StoredArtifact;
import org.nautilus.api.research.tracking.AliasChange;
import org.nautilus.api.research.tracking.MetricPoint;
import org.nautilus.api.research.tracking.ModelVersion;
import org.nautilus.api.research.tracking.Run;
import org.nautilus.api.research.tracking.RunQuery;
import org.nautilus.api.research.tracking.RunStatus;

class TrackerTest {

    @TempDir
    Path artifacts;

    private final MemoryTrackingStore store = new MemoryTrackingStore();
    private final Clock clock = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);
    private static final Map<String, String> CODE = Map.of("org.nautilus.research", "0.1.0", "lightgbm", "4.3.0");

    private Tracker tracker() {
        return new Tracker(store, new FileArtifactStore(artifacts.resolve("store")), artifacts.resolve("local"), clock);
    }

    @Test
    void aRunKeepsParamsMetricsTagsDigestAndArtifactsAcrossARestart() throws Exception {
        String id;
        try (Tracker tracker = tracker()) {
            Run run = tracker.startRun("alpha", null, "lgbm", 42, CODE);
            id = run.id();
            tracker.logParam(id, "leaves", "31");
            tracker.logParam(id, "leaves", "31"); // the same value again is fine
            assertThatThrownBy(() -> tracker.logParam(id, "leaves", "63"))
                    .hasMessageContaining("parameter leaves is already 31");
            tracker.logMetric(id, "ic", 0.05, 1);
            tracker.logMetric(id, "ic", 0.07, 2);
            tracker.setTag(id, "note", "first");
            tracker.logDataset(id, "sha256:abc");
            tracker.logArtifact(id, Tracker.MODEL_ARTIFACT, new byte[] {1, 2, 3});
            tracker.endRun(id, RunStatus.FINISHED);
            assertThatThrownBy(() -> tracker.logMetric(id, "ic", 1, 3)).hasMessageContaining("is FINISHED");
        }
        try (Tracker again = tracker()) {
            Run run = again.run(id).orElseThrow();
            assertThat(run.params()).containsEntry("leaves", "31");
            assertThat(run.metrics()).containsEntry("ic", 0.07);
            assertThat(run.tags()).containsEntry("note", "first");
            assertThat(run.datasetDigest()).isEqualTo("sha256:abc");
            assertThat(run.codeVersion()).isEqualTo(CODE);
            assertThat(run.seed()).isEqualTo(42);
            assertThat(run.status()).isEqualTo(RunStatus.FINISHED);
            assertThat(run.artifacts()).containsExactly(Tracker.MODEL_ARTIFACT);
            assertThat(run.artifactDigests())
                    .containsExactly(Map.entry(Tracker.MODEL_ARTIFACT, StoredArtifact.digestOf(new byte[] {1, 2, 3})));
            assertThat(again.metricHistory(id, "ic")).extracting(MetricPoint::step, MetricPoint::value)
                    .containsExactly(Tuple.tuple(1L, 0.05), Tuple.tuple(2L, 0.07));
            assertThat(Files.readAllBytes(again.artifact(id, Tracker.MODEL_ARTIFACT).orElseThrow())).containsExactly(1,
                    2, 3);
        }
    }

    @Test
    void runsAreListedNewestFirstAndFiltered() {
        Clock ticking = Clock.offset(clock, Duration.ZERO);
        try (Tracker tracker = new Tracker(store, new FileArtifactStore(artifacts.resolve("store")),
                artifacts.resolve("local"), ticking)) {
            Run parent = tracker.startRun("alpha", null, "cv", 1, CODE);
            Run fold = tracker.startRun("alpha", parent.id(), "fold-0", 1, CODE);
            tracker.logParam(parent.id(), "family", "lightgbm");
            tracker.startRun("beta", null, "other", 1, CODE);
            assertThat(tracker.runs(new RunQuery("alpha", null, null, null, false, 0))).hasSize(2);
            assertThat(tracker.runs(new RunQuery("alpha", null, null, null, true, 0))).extracting(Run::id)
                    .containsExactly(parent.id());
            assertThat(tracker.runs(new RunQuery(null, null, Map.of("family", "lightgbm"), null, false, 0)))
                    .extracting(Run::id).containsExactly(parent.id());
            assertThat(tracker.run(fold.id()).orElseThrow().parent()).isEqualTo(parent.id());
            assertThat(tracker.runs(new RunQuery(null, null, null, null, false, 1))).hasSize(1);
        }
    }

    @Test
    void deletingARunRemovesItsChildrenHistoryAndFilesForGood() throws Exception {
        String parentId;
        try (Tracker tracker = tracker()) {
            Run parent = tracker.startRun("alpha", null, "cv", 1, CODE);
            parentId = parent.id();
            Run fold = tracker.startRun("alpha", parentId, "fold-0", 1, CODE);
            tracker.logMetric(fold.id(), "rmse", 0.1, 0);
            Path file = tracker.logArtifact(parentId, Tracker.MODEL_ARTIFACT, new byte[] {9});
            tracker.deleteRun(parentId);
            assertThat(tracker.run(parentId)).isEmpty();
            assertThat(tracker.run(fold.id())).isEmpty();
            assertThat(file).doesNotExist();
            tracker.flush();
            assertThat(store.records.keySet()).noneMatch(k -> k.startsWith("run/") || k.startsWith("metric/"));
            tracker.startRun("beta", null, "x", 1, CODE);
            tracker.deleteExperiment("beta");
            assertThat(tracker.experiments()).extracting(e -> e.name()).containsExactly("alpha");
            assertThatThrownBy(() -> tracker.deleteRun("nope")).hasMessageContaining("no run nope");
        }
        try (Tracker again = tracker()) {
            assertThat(again.runs(RunQuery.all())).isEmpty();
        }
    }

    @Test
    void registryVersionsAliasesRollbackAndLineage() {
        try (Tracker tracker = tracker()) {
            Run a = finishedRunWithModel(tracker, "sha256:one");
            Run b = finishedRunWithModel(tracker, "sha256:two");
            Run unfinished = tracker.startRun("alpha", null, "running", 1, CODE);
            assertThatThrownBy(() -> tracker.register("m", unfinished.id(), "lightgbm", List.of("f")))
                    .hasMessageContaining("only a FINISHED run");

            ModelVersion v1 = tracker.register("m", a.id(), "lightgbm", List.of("f"));
            ModelVersion v2 = tracker.register("m", b.id(), "lightgbm", List.of("f"));
            assertThat(v1.version()).isEqualTo(1);
            assertThat(v2.version()).isEqualTo(2);
            assertThat(v2.datasetDigest()).isEqualTo("sha256:two");
            assertThat(v2.codeVersion()).isEqualTo(CODE);

            tracker.setAlias("m", "champion", 1, "alice");
            AliasChange promoted = tracker.setAlias("m", "champion", 2, "bob");
            assertThat(promoted.previous()).isEqualTo(1);
            assertThat(tracker.model("m").orElseThrow().aliases()).containsEntry("champion", 2);
            AliasChange back = tracker.rollback("m", "champion", "carol");
            assertThat(back.version()).isEqualTo(1);
            assertThat(tracker.model("m").orElseThrow().aliases()).containsEntry("champion", 1);
            assertThatThrownBy(() -> tracker.setAlias("m", "champion", 3, "x")).hasMessageContaining("versions 1..2");
            assertThatThrownBy(() -> tracker.deleteRun(a.id())).hasMessageContaining("version 1 of registered model m");
            // All or nothing: an experiment holding a registered version is refused and keeps every run.
            int before = tracker.runs(RunQuery.all()).size();
            assertThatThrownBy(() -> tracker.deleteExperiment(a.experiment()))
                    .hasMessageContaining("registered model m");
            assertThat(tracker.runs(RunQuery.all())).hasSize(before);
            assertThat(tracker.run(unfinished.id())).isPresent();
            assertThat(tracker.aliasHistory("m")).extracting(AliasChange::user).containsExactly("alice", "bob",
                    "carol");
        }
        try (Tracker again = tracker()) {
            assertThat(again.model("m").orElseThrow().aliases()).containsEntry("champion", 1);
            assertThat(again.aliasHistory("m")).hasSize(3);
            assertThat(again.version("m", 2).datasetDigest()).isEqualTo("sha256:two");
        }
    }

    private static Run finishedRunWithModel(Tracker tracker, String digest) {
        Run run = tracker.startRun("alpha", null, "fit", 1, CODE);
        tracker.logDataset(run.id(), digest);
        tracker.logArtifact(run.id(), Tracker.MODEL_ARTIFACT, new byte[] {1});
        tracker.endRun(run.id(), RunStatus.FINISHED);
        return run;
    }

    @Test
    void aNodeThatDidNotLogAnArtifactReadsItFromTheStoreVerified() throws Exception {
        FileArtifactStore shared = new FileArtifactStore(artifacts.resolve("store"));
        String id;
        try (Tracker trainer = new Tracker(store, shared, artifacts.resolve("trainer"), clock)) {
            id = finishedRunWithModel(trainer, "sha256:d").id();
            trainer.logArtifact(id, "report.html", "<html>".getBytes(StandardCharsets.UTF_8));
        }
        try (Tracker server = new Tracker(store, shared, artifacts.resolve("server"), clock)) {
            assertThat(server.readArtifact(id, Tracker.MODEL_ARTIFACT)).hasValueSatisfying(
                    b -> assertThat(b).containsExactly(1));
            // cached locally on the way, and a path for the callers that want a file
            assertThat(artifacts.resolve("server").resolve(id).resolve(Tracker.MODEL_ARTIFACT)).exists();
            assertThat(Files.readString(server.artifact(id, "report.html").orElseThrow())).isEqualTo("<html>");
            assertThat(server.storedArtifacts(id)).extracting(StoredArtifact::name, StoredArtifact::digest)
                    .containsExactly(
                            tuple(Tracker.MODEL_ARTIFACT, StoredArtifact.digestOf(new byte[] {1})),
                            tuple("report.html", StoredArtifact.digestOf("<html>".getBytes(StandardCharsets.UTF_8))));
            assertThat(server.readArtifact(id, "unknown.bin")).isEmpty();
            assertThat(server.readArtifact("no-such-run", Tracker.MODEL_ARTIFACT)).isEmpty();
            assertThat(server.storedArtifacts("no-such-run")).isEmpty();
        }
    }

    @Test
    void aStoredCopyThatIsNotWhatWasLoggedIsRefused() throws Exception {
        FileArtifactStore shared = new FileArtifactStore(artifacts.resolve("store"));
        try (Tracker tracker = new Tracker(store, shared, artifacts.resolve("local"), clock)) {
            String id = finishedRunWithModel(tracker, "sha256:d").id();
            Path local = artifacts.resolve("local").resolve(id).resolve(Tracker.MODEL_ARTIFACT);
            Path stored = artifacts.resolve("store").resolve(id).resolve(Tracker.MODEL_ARTIFACT);

            // A damaged local copy is passed over for the store's, and repaired.
            Files.write(local, new byte[] {7});
            assertThat(tracker.readArtifact(id, Tracker.MODEL_ARTIFACT)).hasValueSatisfying(
                    b -> assertThat(b).containsExactly(1));
            assertThat(Files.readAllBytes(local)).containsExactly(1);

            // A damaged store copy with no local one: refused, naming both digests; nothing is cached.
            Files.delete(local);
            Files.write(stored, new byte[] {7});
            assertThatThrownBy(() -> tracker.readArtifact(id, Tracker.MODEL_ARTIFACT))
                    .isInstanceOf(ArtifactIntegrityException.class)
                    .hasMessageContaining("artifact model.bin of run " + id)
                    .hasMessageContaining("has digest " + StoredArtifact.digestOf(new byte[] {7}))
                    .hasMessageContaining("not the recorded " + StoredArtifact.digestOf(new byte[] {1}))
                    .hasMessageContaining("refusing to use it");
            assertThatThrownBy(() -> tracker.artifact(id, Tracker.MODEL_ARTIFACT))
                    .isInstanceOf(ArtifactIntegrityException.class);
            assertThat(local).doesNotExist();

            // Gone from both: a clear error, not an empty answer (the run lists it).
            Files.delete(stored);
            assertThatThrownBy(() -> tracker.readArtifact(id, Tracker.MODEL_ARTIFACT))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("artifact model.bin of run " + id + " is in neither this node's folder")
                    .hasMessageContaining("nor the artifact store (file " + artifacts.resolve("store"));
        }
    }

    @Test
    void deletingARunDeletesItsStoredArtifacts() {
        FileArtifactStore shared = new FileArtifactStore(artifacts.resolve("store"));
        try (Tracker tracker = new Tracker(store, shared, artifacts.resolve("local"), clock)) {
            String id = finishedRunWithModel(tracker, "sha256:d").id();
            assertThat(shared.list(id)).hasSize(1);
            tracker.deleteRun(id);
            assertThat(shared.list(id)).isEmpty();
            assertThat(artifacts.resolve("local").resolve(id)).doesNotExist();
        }
    }

    @Test
    void badNamesAreRefused() {
        try (Tracker tracker = tracker()) {
            assertThatThrownBy(() -> tracker.experiment("../etc")).hasMessageContaining("invalid experiment name");
            Run run = tracker.startRun("alpha", null, "x", 1, CODE);
            assertThatThrownBy(() -> tracker.logArtifact(run.id(), "../../passwd", new byte[0]))
                    .hasMessageContaining("invalid artifact name");
        }
    }
}
