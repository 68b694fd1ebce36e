package org.nautilus.itests.durability;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Three Karaf nodes with {@code discovery.mode = kubernetes} find each other through a fake Kubernetes API server
 * on loopback: WireMock over HTTPS answers {@code GET /api/v1/namespaces/nautilus/endpoints/nautilus-grid} (what
 * Ignite 2.17's {@code TcpDiscoveryKubernetesIpFinder} asks) with the three nodes' addresses, only to the bearer token
 * of the service-account token file the nodes are given (401 otherwise). Each node has its own loopback address
 * (127.0.0.1-3) and the same discovery and communication ports, as pods do. They form one cluster; the node running
 * the OMS is killed and taken out of the Endpoints (as Kubernetes would), the OMS moves to a survivor, which then
 * acknowledges orders.
 *
 * <p>Not covered: a real API server (RBAC, watch semantics, the EndpointSlice API: Ignite 2.17's finder reads the
 * older Endpoints API only), certificate checks (the finder trusts any certificate and host name), pod IP churn,
 * DNS, network policies.
 */
class KubernetesDiscoveryIT {

    static final Duration START = Duration.ofSeconds(240);
    static final String TOKEN = "nautilus-itest-service-account-token";
    static final String ENDPOINTS = "/api/v1/namespaces/nautilus/endpoints/nautilus-grid";
    static final List<KarafNode> NODES = new ArrayList<>();
    static WireMockServer api;

    @BeforeAll
    static void unpack() throws Exception {
        api = new WireMockServer(options().httpDisabled(true).dynamicHttpsPort().bindAddress("127.0.0.1"));
        api.start();
        endpoints(List.of("127.0.0.1", "127.0.0.2", "127.0.0.3"));
        Path work = Path.of(System.getProperty("work", "target/durability"));
        Files.createDirectories(work);
        Path token = work.resolve("k8s-service-account-token");
        // As Kubernetes mounts it: no trailing newline. Ignite's finder sends the file whole, and a newline makes
        // the Authorization header illegal (the first run of this test failed so).
        Files.writeString(token, TOKEN);
        for (int n = 1; n <= 3; n++) {
            // Every node on its own loopback address with the same ports, as pods have.
            KarafNode node = KarafNode.clusterNode(work, "k" + n, 8670 + n, 49680, 49780, "127.0.0.1:49680");
            node.configure("nautilus.grid", "local.address", "127.0.0." + n);
            node.configure("nautilus.grid", "discovery.mode", "kubernetes");
            node.configure("nautilus.grid", "kubernetes.master", "https://127.0.0.1:" + api.httpsPort());
            node.configure("nautilus.grid", "kubernetes.account.token", token.toAbsolutePath().toString());
            NODES.add(node);
        }
    }

    /** What the API server answers: the Endpoints object of the headless grid service with these pod IPs. */
    static void endpoints(List<String> ips) {
        api.resetMappings();
        String addresses = ips.stream().map(ip -> "{\"ip\":\"" + ip + "\"}").collect(Collectors.joining(","));
        api.stubFor(get(urlEqualTo(ENDPOINTS)).atPriority(1)
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(
                                "{\"kind\":\"Endpoints\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"nautilus-grid\","
                                        + "\"namespace\":\"nautilus\"},\"subsets\":[{\"addresses\":[" + addresses + "],"
                                        + "\"ports\":[{\"name\":\"discovery\",\"port\":49680,\"protocol\":\"TCP\"}]}]}")));
        api.stubFor(get(urlEqualTo(ENDPOINTS)).atPriority(2).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json")
                .withBody(
                        "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"Unauthorized\","
                                + "\"code\":401}")));
    }

    @AfterAll
    static void stop() throws Exception {
        for (KarafNode node : NODES) {
            node.close();
        }
        if (api != null) {
            api.stop();
        }
    }

    @Test
    void three_nodes_find_each_other_through_the_kubernetes_api_and_the_OMS_fails_over() throws Exception {
        for (KarafNode node : NODES) {
            node.start();
        }
        for (KarafNode node : NODES) {
            node.awaitReady(START);
        }
        Properties status = ClusterFailoverIT.awaitStatus(NODES.get(0),
                s -> s.getProperty("nodes", "").split(",").length == 3
                        && !s.getProperty("nodes").contains(":false:") && !s.getProperty("leader", "").isEmpty());
        assertThat(status.getProperty("nodes")).contains("k1:true", "k2:true", "k3:true");
        api.verify(getRequestedFor(urlEqualTo(ENDPOINTS)).withHeader("Authorization", equalTo("Bearer " + TOKEN)));
        assertThat(api.findAll(getRequestedFor(urlEqualTo(ENDPOINTS))))
                .allSatisfy(r -> assertThat(r.getHeader("Authorization")).isEqualTo("Bearer " + TOKEN));
        for (KarafNode node : NODES) {
            assertThat(node.log()).doesNotContain("Failed to retrieve Ignite pods IP addresses");
        }

        String leader = status.getProperty("leader");
        KarafNode oms = NODES.get(Integer.parseInt(leader.substring(1)) - 1);
        List<String> survivors = new ArrayList<>(List.of("127.0.0.1", "127.0.0.2", "127.0.0.3"));
        survivors.remove("127.0.0." + leader.substring(1));
        oms.kill9();
        endpoints(survivors);
        KarafNode driver = NODES.stream().filter(n -> n != oms).findFirst().orElseThrow();
        // The new leader shows in the status before its epoch does: wait for both.
        long epochBefore = Long.parseLong(status.getProperty("epoch"));
        Properties after = ClusterFailoverIT.awaitStatus(driver, s -> !s.getProperty("leader", "").isEmpty()
                && !s.getProperty("leader").equals(leader)
                && Long.parseLong(s.getProperty("epoch", "0")) > epochBefore);
        assertThat(after.getProperty("lost")).isEqualTo("0");
        assertThat(Long.parseLong(after.getProperty("epoch"))).isGreaterThan(epochBefore);

        Path acks = driver.home.resolve("k8s-acks.csv");
        Files.writeString(driver.home.resolve("durability-load.properties"), "threads = 2\norders.per.thread = 50\n"
                + "prefix = K\nlimit.every = 0\nacks = k8s-acks.csv\nretry.ms = 60000\n");
        driver.admin("bundle:restart nautilus-itests-durability");
        ClusterFailoverIT.waitFor(() -> Files.exists(driver.home.resolve("k8s-acks.csv.done")), START,
                "orders acknowledged by the OMS on " + after.getProperty("leader"));
        assertThat(ClusterFailoverIT.lines(acks)).isEqualTo(100);
        System.out.printf("kubernetes discovery: 3 nodes joined through the fake API server (%d Endpoints requests), "
                + "OMS moved from %s to %s after kill -9, 100 orders acknowledged after%n",
                api.findAll(getRequestedFor(urlEqualTo(ENDPOINTS))).size(), leader, after.getProperty("leader"));
    }
}
