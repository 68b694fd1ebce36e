package org.nautilus.routes.internal.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.camel.ConsumerTemplate;
import org.apache.camel.ServiceStatus;
import org.apache.camel.impl.DefaultCamelContext;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nautilus.api.routes.RouteFileInfo;

class RouteFileManagerTest {

    @TempDir
    Path dir;

    private DefaultCamelContext context;
    private ConsumerTemplate consumer;
    private RouteFileManager manager;

    @BeforeEach
    void start() {
        context = new DefaultCamelContext();
        context.setSourceLocationEnabled(true);
        context.start();
        consumer = context.createConsumerTemplate();
        manager = new RouteFileManager(context, dir);
    }

    @AfterEach
    void stop() throws Exception {
        manager.close();
        context.close();
    }

    @Test
    void aYamlFileIsLoadedAndItsRouteCarriesData() throws Exception {
        write("feed.yaml", yamlRoute("feed", "v1"));

        RouteFileManager.ScanResult result = manager.scan();

        assertThat(result.loaded()).containsExactly("feed.yaml");
        assertThat(consumer.receiveBody("seda:out", 5000, String.class)).isEqualTo("v1");
        assertThat(manager.files()).singleElement().satisfies(f -> {
            assertThat(f.loaded()).isTrue();
            assertThat(f.routeIds()).containsExactly("feed");
            assertThat(f.error()).isNull();
        });
        assertThat(manager.scan().changed()).as("unchanged file is left alone").isFalse();
    }

    @Test
    void anEditedFileIsReloadedWithItsNewBehaviour() throws Exception {
        write("feed.yaml", yamlRoute("feed", "v1"));
        manager.scan();
        assertThat(consumer.receiveBody("seda:out", 5000, String.class)).isEqualTo("v1");

        write("feed.yaml", yamlRoute("feed", "v2"));
        assertThat(manager.scan().loaded()).containsExactly("feed.yaml");

        assertThat(receiveUntil("v2")).isTrue();
        assertThat(context.getRoutes()).hasSize(1);
    }

    @Test
    void aBrokenEditIsReportedWithFileAndLineAndTheOldRouteKeepsRunning() throws Exception {
        write("feed.yaml", yamlRoute("feed", "v1"));
        manager.scan();
        long uptimeBefore = context.getRoute("feed").getUptimeMillis();

        write("feed.yaml", """
                - route:
                    id: feed
                    from:
                      uri: "timer:t?delay=0&period=10"
                      steps:
                        - setBody:
                            constant: "v2"
                       - to: "seda:out"
                """);
        RouteFileManager.ScanResult result = manager.scan();

        assertThat(result.failed()).containsExactly("feed.yaml");
        RouteFileInfo info = manager.files().get(0);
        assertThat(info.loaded()).isFalse();
        assertThat(info.error()).startsWith("feed.yaml, line ");
        assertThat(info.routeIds()).containsExactly("feed");
        assertThat(context.getRouteController().getRouteStatus("feed")).isEqualTo(ServiceStatus.Started);
        assertThat(context.getRoute("feed").getUptimeMillis()).as("not restarted").isGreaterThanOrEqualTo(uptimeBefore);
        drain();
        assertThat(consumer.receiveBody("seda:out", 5000, String.class)).isEqualTo("v1");
    }

    @Test
    void anUnknownStepIsReportedWithItsLine() throws Exception {
        write("feed.yaml", """
                - route:
                    id: feed
                    from:
                      uri: "timer:t?delay=0&period=10"
                      steps:
                        - sendTo: "seda:out"
                """);
        manager.scan();

        String error = manager.files().get(0).error();
        assertThat(error).startsWith("feed.yaml, line 6");
        assertThat(context.getRoutes()).isEmpty();
    }

    @Test
    void anUnknownComponentIsReportedAndNothingChanges() throws Exception {
        write("feed.yaml", yamlRoute("feed", "v1"));
        manager.scan();

        write("feed.yaml", yamlRoute("feed", "v2").replace("timer:t", "nosuch:t"));
        manager.scan();

        String error = manager.files().get(0).error();
        assertThat(error).contains("feed.yaml, line 4").contains("nosuch");
        assertThat(context.getRouteController().getRouteStatus("feed")).isEqualTo(ServiceStatus.Started);
    }

    @Test
    void aStepWhoseEndpointCannotBeResolvedIsReportedAtTheStepsLine() throws Exception {
        write("feed.yaml", """
                - route:
                    id: feed
                    from:
                      uri: "timer:t?delay=0&period=10"
                      steps:
                        - setBody:
                            constant: "v1"
                        - to: "nosuch:out"
                """);
        manager.scan();

        String error = manager.files().get(0).error();
        assertThat(error).startsWith("feed.yaml, line 8: ").contains("nosuch:");
        assertThat(context.getRoutes()).isEmpty();
    }

    @Test
    void aStepEndpointWithAnUnknownOptionIsReportedAtTheStepsLine() throws Exception {
        write("feed.yaml", """
                - route:
                    id: feed
                    from:
                      uri: "timer:t?delay=0&period=10"
                      steps:
                        - to: "seda:a"
                        - to: "seda:out?noSuchOption=1"
                """);
        manager.scan();

        assertThat(manager.files().get(0).error()).startsWith("feed.yaml, line 7: ").contains("noSuchOption");
    }

    @Test
    void aRouteThatFailsToStartIsRolledBackToTheLastGoodVersion() throws Exception {
        write("feed.yaml", yamlRoute("feed", "v1"));
        manager.scan();

        write("feed.yaml", yamlRoute("feed", "v2").replace("period=10", "period=10&noSuchOption=1"));
        manager.scan();

        String error = manager.files().get(0).error();
        assertThat(error).contains("noSuchOption");
        assertThat(context.getRouteController().getRouteStatus("feed")).isEqualTo(ServiceStatus.Started);
        assertThat(manager.files().get(0).routeIds()).containsExactly("feed");
        drain();
        assertThat(consumer.receiveBody("seda:out", 5000, String.class)).isEqualTo("v1");
    }

    @Test
    void aRemovedFileTakesItsRoutesAwayAndLeavesTheOthers() throws Exception {
        write("a.yaml", yamlRoute("a", "a"));
        write("b.yaml", yamlRoute("b", "b"));
        manager.scan();
        assertThat(context.getRoutes()).hasSize(2);

        Files.delete(dir.resolve("a.yaml"));
        assertThat(manager.scan().removed()).containsExactly("a.yaml");

        assertThat(context.getRoute("a")).isNull();
        assertThat(context.getRouteController().getRouteStatus("b")).isEqualTo(ServiceStatus.Started);
        assertThat(manager.files()).extracting(RouteFileInfo::file).containsExactly("b.yaml");
    }

    @Test
    void reloadingOneFileDoesNotRestartAnothersRoutes() throws Exception {
        write("a.yaml", yamlRoute("a", "a1"));
        write("b.yaml", yamlRoute("b", "b"));
        manager.scan();
        var bRoute = context.getRoute("b");

        write("a.yaml", yamlRoute("a", "a2"));
        manager.scan();

        assertThat(context.getRoute("b")).isSameAs(bRoute);
    }

    @Test
    void routesWithoutIdsAreTrackedByFile() throws Exception {
        write("anon.yaml", """
                - from:
                    uri: "timer:x?delay=0&period=10"
                    steps:
                      - setBody:
                          constant: "x"
                      - to: "seda:out"
                - from:
                    uri: "timer:y?delay=0&period=10"
                    steps:
                      - to: "log:y?level=DEBUG"
                """);
        manager.scan();
        List<String> ids = manager.files().get(0).routeIds();
        assertThat(ids).hasSize(2);

        Files.delete(dir.resolve("anon.yaml"));
        manager.scan();
        assertThat(context.getRoutes()).isEmpty();
    }

    @Test
    void aRouteIdTakenByAnotherFileIsRefused() throws Exception {
        write("a.yaml", yamlRoute("same", "a"));
        manager.scan();
        write("b.yaml", yamlRoute("same", "b"));
        manager.scan();

        RouteFileInfo b = manager.files().get(1);
        assertThat(b.loaded()).isFalse();
        assertThat(b.error()).contains("b.yaml").contains("'same' is already used by a.yaml");
        assertThat(manager.fileOf("same")).contains("a.yaml");
    }

    @Test
    void anXmlFileIsLoadedAndAnXmlErrorHasItsLine() throws Exception {
        write("feed.xml", """
                <routes xmlns="http://camel.apache.org/schema/xml-io">
                  <route id="xml-feed">
                    <from uri="timer:x?delay=0&amp;period=10"/>
                    <setBody><constant>from-xml</constant></setBody>
                    <to uri="seda:out"/>
                  </route>
                </routes>
                """);
        manager.scan();
        assertThat(consumer.receiveBody("seda:out", 5000, String.class)).isEqualTo("from-xml");

        write("feed.xml", """
                <routes xmlns="http://camel.apache.org/schema/xml-io">
                  <route id="xml-feed">
                    <from uri="timer:x?delay=0&amp;period=10"/>
                    <setBody><constant>broken</constant>
                    <to uri="seda:out"/>
                  </route>
                </routes>
                """);
        manager.scan();
        String error = manager.files().get(0).error();
        assertThat(error).startsWith("feed.xml, line ");
        assertThat(context.getRouteController().getRouteStatus("xml-feed")).isEqualTo(ServiceStatus.Started);
    }

    @Test
    void aForcedReloadRestartsTheFilesRoutesAndUnknownFilesAreRefused() throws Exception {
        write("feed.yaml", yamlRoute("feed", "v1"));
        manager.scan();
        var before = context.getRoute("feed");

        assertThat(manager.reload("feed.yaml")).isTrue();

        assertThat(context.getRoute("feed")).isNotSameAs(before);
        assertThat(context.getRouteController().getRouteStatus("feed")).isEqualTo(ServiceStatus.Started);
        Assertions.assertThatThrownBy(() -> manager.reload("nope.yaml"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nope.yaml");
        Assertions.assertThatThrownBy(() -> manager.reload("../feed.yaml"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a route file");
    }

    @Test
    void aFileThatFailedForAnOutsideReasonIsTriedAgainLater() throws Exception {
        RouteFileManager retrying = new RouteFileManager(context, dir, Duration.ofMillis(100));
        try {
            write("feed.yaml", yamlRoute("feed", "v1").replace("timer:t", "later:t"));
            retrying.scan();
            assertThat(retrying.files().get(0).loaded()).isFalse();

            // the missing component arrives (as a replay file or an instrument might)
            context.addComponent("later", context.getComponent("timer"));
            assertThat(retrying.scan().changed()).as("not before the retry delay").isFalse();
            // About time passing: the manager's retry delay (100 ms, on its wall clock) must elapse.
            Thread.sleep(150);

            assertThat(retrying.scan().loaded()).containsExactly("feed.yaml");
            assertThat(consumer.receiveBody("seda:out", 5000, String.class)).isEqualTo("v1");
        } finally {
            retrying.close();
        }
    }

    @Test
    void otherFilesInTheDirectoryAreIgnored() throws Exception {
        write("notes.txt", "not a route");
        write(".hidden.yaml", "- garbage: [");
        assertThat(manager.scan().changed()).isFalse();
    }

    private void write(String name, String content) throws Exception {
        Files.writeString(dir.resolve(name), content);
    }

    private void drain() {
        while (consumer.receiveBodyNoWait("seda:out") != null) {
            // discard what was produced before
        }
    }

    private boolean receiveUntil(String expected) {
        long deadline = System.currentTimeMillis() + 5000;
        while (System.currentTimeMillis() < deadline) {
            if (expected.equals(consumer.receiveBody("seda:out", 1000, String.class))) {
                return true;
            }
        }
        return false;
    }

    static String yamlRoute(String id, String body) {
        return """
                - route:
                    id: %s
                    from:
                      uri: "timer:t?delay=0&period=10"
                      steps:
                        - setBody:
                            constant: "%s"
                        - to: "seda:out"
                """.formatted(id, body);
    }
}
