package org.nautilus.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.nautilus.api.audit.AuditCategory;
import org.nautilus.api.audit.AuditEntry;
import org.nautilus.api.audit.AuditQuery;
import org.nautilus.api.audit.AuditService;
import org.nautilus.api.research.FactorInfo;
import org.nautilus.api.research.FactorService;
import org.nautilus.api.research.Model;
import org.nautilus.api.research.signal.ServedModel;
import org.nautilus.api.research.signal.SignalBatch;
import org.nautilus.api.research.signal.SignalListener;
import org.nautilus.api.research.signal.SignalService;
import org.nautilus.api.research.tracking.ModelRegistry;
import org.nautilus.api.research.tracking.Run;
import org.nautilus.api.research.tracking.RunQuery;
import org.nautilus.api.research.tracking.RunStatus;
import org.nautilus.api.research.tracking.TrackingService;
import org.nautilus.api.routes.RouteService;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.ServiceRegistration;

/**
 * A model plugin hot-deployed: the Weka direction classifier (not in the default feature) dropped into
 * {@code deploy/} appears as a family over the one Weka library bundle already running, trains and serves; removing
 * the jar stops its serving cleanly (the model waits for its family, nothing else stops); dropping it again loads
 * the registered version from its artifact and serves P(up) signals from live bars. On the way: the run's evaluation
 * report served over HTTP as a run artifact, runs and experiments deleted for good (HTTP and shell), and the version
 * promoted and rolled back over HTTP, all audited with the user. The registered run's files are deleted from the
 * node's local folder before the plugin comes back: the version is loaded from the artifact store, verified by its
 * digest; a corrupted stored artifact is refused.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ModelHotDeployIT extends NautilusTestSupport {

    private static final String MODEL = "aapl-direction";

    @Configuration
    public Option[] config() {
        return distribution();
    }

    @Test
    public void aModelPluginDroppedIntoDeployServesAndStopsServingWhenRemoved() throws Exception {
        SignalService signals = service(SignalService.class, null);
        FactorService factors = service(FactorService.class, null);
        RouteService routes = service(RouteService.class, null);
        await("the default Weka families", STARTUP, () -> executeCommand("nautilus:models"),
                out -> out.contains("weka-random-forest") && out.contains("weka-m5p"));
        assertFalse("weka-direction is not deployed by default",
                executeCommand("nautilus:models").contains("weka-direction"));
        await("the technical factors", STARTUP,
                () -> factors.factors().stream().map(FactorInfo::name).toList(),
                names -> names.contains("RSI_14") && names.contains("WILLR_14"));

        Path deployed = Path.of(System.getProperty("karaf.home"), "deploy", "nautilus-model-weka-classifier.jar");
        Path jar = Path.of(System.getProperty("nautilus.itest.weka-classifier.bundle"));
        Files.copy(jar, deployed, StandardCopyOption.REPLACE_EXISTING);
        await("weka-direction deployed", Duration.ofSeconds(60), () -> executeCommand("nautilus:models"),
                out -> out.contains("weka-direction"));

        String trained = executeCommand("nautilus:train etc/models/aapl-weka-direction.properties");
        assertTrue(trained, trained.contains("auc") && trained.contains("log-loss")
                && trained.contains("registered " + MODEL + " version 1"));
        reportsOverHttpAndDeletionsAudited();
        promotedAndRolledBackOverHttp();
        await("the classifier served", Duration.ofSeconds(30), signals::served, s -> state(s).equals("SERVING"));

        Files.delete(deployed);
        await("the classifier waiting for its family", Duration.ofSeconds(60), signals::served,
                s -> state(s).equals("WAITING"));
        // nautilus:models still lists the registered model (family weka-direction): ask the service registry.
        await("the weka-direction family service gone", Duration.ofSeconds(30), () -> bundleContext
                .getServiceReferences(Model.class, "(" + Model.FAMILY_PROPERTY + "=weka-direction)").size(),
                n -> n == 0);
        String shown = executeCommand("nautilus:signals");
        assertTrue(shown, shown.contains("model family weka-direction is not deployed"));
        // The other families are untouched.
        assertTrue(executeCommand("nautilus:models").contains("weka-random-forest"));
        String run = removedFromThisNodeKeptInTheArtifactStore();

        List<SignalBatch> received = new CopyOnWriteArrayList<>();
        ServiceRegistration<SignalListener> listener = bundleContext.registerService(SignalListener.class,
                received::add, null);
        // The same signals over HTTP: the SSE stream of this model's signals, read line by line as they come.
        HttpResponse<Stream<String>> stream = http.send(HttpRequest
                .newBuilder(URI.create("http://127.0.0.1:" + HTTP_PORT + "/api/v1/stream/signals?model=" + MODEL))
                .header("Authorization", ITEST_BASIC).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, stream.statusCode());
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> stream.body().forEach(lines::add), "itest-signals-sse");
        reader.setDaemon(true);
        reader.start();
        try {
            Files.copy(jar, deployed, StandardCopyOption.REPLACE_EXISTING);
            await("the registered version served again", Duration.ofSeconds(60), signals::served,
                    s -> state(s).equals("SERVING"));
            // ... loaded from the artifact store: this node's folder had no copy until then.
            assertTrue(Files.exists(localArtifacts(run).resolve("model.bin")));
            routes.start("replay-apple-daily");
            await("P(up) signals from the replayed bars", Duration.ofSeconds(120), () -> batches(received),
                    b -> b.size() >= 5);
            for (SignalBatch batch : batches(received)) {
                assertTrue(batch.toString(), batch.version() == 1 && batch.signals().stream()
                        .allMatch(s -> s.value() >= 0 && s.value() <= 1));
            }
            await("the signals over HTTP (SSE)", Duration.ofSeconds(30),
                    () -> lines.stream().filter(l -> l.startsWith("data:") && l.contains("\"model\":\"" + MODEL + "\"")
                            && l.contains("\"version\":1") && l.contains("AAPL")).count(),
                    n -> n >= 3);
            assertTrue(String.join("\n", lines), lines.contains("event: signals"));
        } finally {
            stream.body().close();
            listener.unregister();
            Files.deleteIfExists(deployed);
        }
        await("the classifier waiting again", Duration.ofSeconds(60), signals::served, s -> state(s).equals("WAITING"));
        aCorruptedStoredArtifactIsRefused(run);
    }

    /**
     * The registered run's files deleted from this node's local folder (as on a node that did not train it): the
     * artifact store still holds them, listed with their logged digests by {@code nautilus:artifacts} and HTTP.
     */
    private String removedFromThisNodeKeptInTheArtifactStore() throws Exception {
        ModelRegistry registry = service(ModelRegistry.class, null);
        String run = registry.model(MODEL).orElseThrow().versions().get(0).run();
        Path local = localArtifacts(run);
        assertTrue(local.toString(), Files.exists(local.resolve("model.bin")));
        try (Stream<Path> files = Files.walk(local)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
        Path store = Path.of(System.getProperty("karaf.data"), "artifact-store", run);
        assertTrue(store.toString(), Files.exists(store.resolve("model.bin")));
        String listed = executeCommand("nautilus:artifacts " + run);
        TrackingService tracking = service(TrackingService.class, null);
        String digest = tracking.run(run).orElseThrow().artifactDigests().get("model.bin");
        assertTrue(listed, listed.contains("artifact store file " + store.getParent())
                && listed.matches("(?s).*model\\.bin[\\s|]+\\d+[\\s|]+" + digest + "[\\s|]+ok.*"));
        assertTrue(executeCommand("nautilus:artifacts --help").contains("DESCRIPTION"));
        String overHttp = text(get("/api/v1/runs/" + run + "/artifacts"));
        assertTrue(overHttp, overHttp.contains("\"name\":\"model.bin\"") && overHttp.contains("\"digest\":\"" + digest)
                && overHttp.contains("\"store\":\"ok\"") && !overHttp.contains("MISSING"));
        assertFalse(Files.exists(local.resolve("model.bin")));
        return run;
    }

    /** A stored artifact whose content is not what was logged: listed as DIFFERS, refused over HTTP (409). */
    private void aCorruptedStoredArtifactIsRefused(String run) throws Exception {
        Files.deleteIfExists(localArtifacts(run).resolve("folds.png"));
        Files.write(Path.of(System.getProperty("karaf.data"), "artifact-store", run, "folds.png"), new byte[] {1, 2});
        HttpResponse<byte[]> refused = get("/api/v1/runs/" + run + "/artifacts/folds.png");
        assertEquals(text(refused), 409, refused.statusCode());
        assertTrue(text(refused), text(refused).contains("ARTIFACT_DIGEST_MISMATCH")
                && text(refused).contains("refusing to use it"));
        assertTrue(executeCommand("nautilus:artifacts " + run).contains("DIFFERS"));
        assertFalse(Files.exists(localArtifacts(run).resolve("folds.png")));
    }

    private static Path localArtifacts(String run) {
        return Path.of(System.getProperty("karaf.data"), "models", run);
    }

    /**
     * The trained run's evaluation report is a run artifact served over HTTP; a registered run cannot be deleted;
     * runs and experiments are deleted for good from HTTP and the shell, audited with the user.
     */
    private void reportsOverHttpAndDeletionsAudited() throws Exception {
        TrackingService tracking = service(TrackingService.class, null);
        Run run = tracking.runs(new RunQuery("aapl-daily", null, Map.of("family", "weka-direction"), null, true, 0))
                .get(0);
        assertTrue(run.artifacts().toString(),
                run.artifacts().containsAll(List.of("model.bin", "report.html", "folds.png")));
        HttpResponse<byte[]> report = get("/api/v1/runs/" + run.id() + "/artifacts/report.html");
        assertEquals(200, report.statusCode());
        assertTrue(report.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        String html = new String(report.body(), StandardCharsets.UTF_8);
        assertTrue(html, html.contains("Model evaluation") && html.contains("auc") && html.contains("folds.png"));
        HttpResponse<byte[]> png = get("/api/v1/runs/" + run.id() + "/artifacts/folds.png");
        assertEquals(200, png.statusCode());
        assertEquals("image/png", png.headers().firstValue("Content-Type").orElse(""));
        assertEquals((byte) 0x89, png.body()[0]);
        String listed = new String(get("/api/v1/runs/" + run.id() + "/artifacts").body(), StandardCharsets.UTF_8);
        assertTrue(listed, listed.contains("\"href\":\"/api/v1/runs/" + run.id() + "/artifacts/report.html\""));
        HttpResponse<byte[]> unknown = get("/api/v1/runs/" + run.id() + "/artifacts/users.properties");
        assertEquals(404, unknown.statusCode());
        assertTrue(new String(unknown.body(), StandardCharsets.UTF_8).contains("UNKNOWN_ARTIFACT"));
        HttpResponse<byte[]> registered = send("DELETE", "/api/v1/runs/" + run.id());
        assertEquals(new String(registered.body(), StandardCharsets.UTF_8), 409, registered.statusCode());
        assertTrue(tracking.run(run.id()).isPresent());

        Run scratch = tracking.startRun("scratch", null, "throwaway", 1, Map.of());
        tracking.endRun(scratch.id(), RunStatus.FINISHED);
        Run other = tracking.startRun("scratch-2", null, "throwaway", 1, Map.of());
        tracking.endRun(other.id(), RunStatus.FINISHED);
        assertEquals(200, send("DELETE", "/api/v1/experiments/scratch").statusCode());
        assertTrue(executeCommand("nautilus:runs --delete " + other.id()).contains("run " + other.id() + " deleted"));
        assertFalse(tracking.run(scratch.id()).isPresent() || tracking.run(other.id()).isPresent());
        List<AuditEntry> deletions = service(AuditService.class, null).query(AuditQuery.all()).stream()
                .filter(e -> e.category() == AuditCategory.MODEL && e.type().endsWith("_DELETED")).toList();
        assertEquals(deletions.toString(),
                List.of("EXPERIMENT_DELETED scratch itest", "RUN_DELETED " + other.id() + " itest"),
                deletions.stream().map(e -> e.type() + " " + e.subject() + " " + e.fields().get("user")).toList());
    }

    /**
     * The registry over HTTP: promote (an alias to a version), roll back, read the model with its alias history;
     * an unknown version and a roll-back with nothing before are refused and move nothing; every move is audited
     * with the HTTP user. Ends with version 1 the champion.
     */
    private void promotedAndRolledBackOverHttp() throws Exception {
        ModelRegistry registry = service(ModelRegistry.class, null);
        String run = registry.model(MODEL).orElseThrow().versions().get(0).run();
        assertEquals(2, registry.register(MODEL, run).version()); // the same run again: a second version to move to
        String aliases = "/api/v1/models/" + MODEL + "/aliases/";
        HttpResponse<byte[]> promoted = send("POST", aliases + "champion", "{\"version\":1}");
        assertEquals(text(promoted), 200, promoted.statusCode());
        assertTrue(text(promoted), text(promoted).contains("\"version\":1") && text(promoted).contains("itest"));
        assertEquals(200, send("POST", aliases + "champion", "{\"version\":2}").statusCode());
        HttpResponse<byte[]> unknown = send("POST", aliases + "champion", "{\"version\":9}");
        assertEquals(text(unknown), 404, unknown.statusCode());
        assertTrue(text(unknown), text(unknown).contains("UNKNOWN_VERSION"));
        HttpResponse<byte[]> nothingBefore = send("POST", aliases + "challenger/rollback", null);
        assertEquals(text(nothingBefore), 409, nothingBefore.statusCode());
        assertEquals(Integer.valueOf(2), registry.model(MODEL).orElseThrow().aliases().get("champion"));

        HttpResponse<byte[]> rolledBack = send("POST", aliases + "champion/rollback", null);
        assertEquals(text(rolledBack), 200, rolledBack.statusCode());
        assertEquals(Integer.valueOf(1), registry.model(MODEL).orElseThrow().aliases().get("champion"));
        String shown = text(get("/api/v1/models/" + MODEL));
        assertTrue(shown, shown.contains("\"history\"") && shown.contains("\"datasetDigest\"")
                && shown.contains("\"champion\":1"));
        assertEquals(404, get("/api/v1/models/no-such-model").statusCode());
        List<String> moves = service(AuditService.class, null).query(AuditQuery.all()).stream()
                .filter(e -> e.category() == AuditCategory.MODEL && e.subject().equals(MODEL)
                        && (e.type().equals("PROMOTED") || e.type().equals("ROLLED_BACK")))
                .map(e -> e.type() + " " + e.fields().get("user")).toList();
        assertEquals(List.of("PROMOTED itest", "PROMOTED itest", "ROLLED_BACK itest"), moves);
    }

    private static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private HttpResponse<byte[]> get(String path) throws Exception {
        return send("GET", path);
    }

    private HttpResponse<byte[]> send(String method, String path) throws Exception {
        return send(method, path, null);
    }

    private HttpResponse<byte[]> send(String method, String path, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + HTTP_PORT + path))
                .header("Authorization", ITEST_BASIC).timeout(Duration.ofSeconds(30));
        if (json == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method,
                    HttpRequest.BodyPublishers.ofString(json));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String state(List<ServedModel> served) {
        return served.stream().filter(m -> m.model().equals(MODEL)).map(ServedModel::state).findFirst().orElse("none");
    }

    private static List<SignalBatch> batches(List<SignalBatch> received) {
        List<SignalBatch> result = new ArrayList<>();
        for (SignalBatch b : received) {
            if (b.model().equals(MODEL) && b.alias().equals("champion")) {
                result.add(b);
            }
        }
        return result;
    }
}
