package org.nautilus.grid.internal.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nautilus.api.domain.ClientOrderId;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.OrderRequest;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.domain.Side;
import org.nautilus.api.oms.OrderServiceUnavailableException;
import org.nautilus.grid.internal.cluster.RemoteOmsTest.TinyOms;
import org.nautilus.grid.internal.node.EmbeddedGrid;
import org.nautilus.grid.internal.node.GridSettings;
import org.nautilus.testsupport.Await;

/**
 * Submits forwarded from a follower to the leader's asynchronous OMS over Ignite messages (two real Ignite nodes in
 * this JVM): many orders in flight at once with no thread held per order, each answered when the leader's order is
 * durable; a leader that leaves, or no longer leads, fails them as retryable.
 */
class ForwardedSubmitsTest {

    private static final int DISCOVERY = 48580;
    private static final int COMMUNICATION = 48680;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private final List<AutoCloseable> running = new ArrayList<>();
    /** The leader's orders held undurable until the test completes them, by client order id. */
    private final Map<ClientOrderId, CompletableFuture<Void>> durable = new ConcurrentHashMap<>();
    private final TinyOms leaderOms = new TinyOms() {
        @Override
        public CompletionStage<Order> submitAsync(OrderRequest request) {
            Order order = submit(request);
            return durable.computeIfAbsent(request.clientOrderId(), c -> new CompletableFuture<>())
                    .thenApply(ignored -> order);
        }
    };
    private final AtomicBoolean leads = new AtomicBoolean(true);

    @AfterEach
    void stopAll() throws Exception {
        for (int i = running.size() - 1; i >= 0; i--) {
            running.get(i).close();
        }
    }

    private EmbeddedGrid start(int n) {
        GridSettings settings = new GridSettings("f" + n, "f" + n, dir.resolve("f" + n).toAbsolutePath(), false,
                GridSettings.WalMode.LOG_ONLY, 64, 4, "127.0.0.1", GridSettings.DiscoveryMode.STATIC,
                List.of("127.0.0.1:" + DISCOVERY + ".." + (DISCOVERY + 1)), DISCOVERY + n - 1, 0,
                COMMUNICATION + n - 1, "nautilus", "nautilus-grid", 1, true, false, 10_000, 1000, 60_000, false, "");
        EmbeddedGrid grid = EmbeddedGrid.start(settings, getClass().getClassLoader());
        running.add(grid);
        return grid;
    }

    /** Both sides, with {@code leader} running the OMS; returns the follower's view of it. */
    private RemoteOms follower(EmbeddedGrid leader, EmbeddedGrid follower, long timeoutMillis) {
        UUID leaderId = leader.ignite().cluster().localNode().id();
        OmsDispatcher dispatcher = new OmsDispatcher(
                new LocalOms(() -> leaderOms, () -> null, Optional::empty, 100));
        ForwardedSubmits leaderSide = new ForwardedSubmits(leader.ignite(), () -> Optional.of(leaderId), leads::get,
                dispatcher::submitAsync, timeoutMillis);
        ForwardedSubmits followerSide = new ForwardedSubmits(follower.ignite(), () -> Optional.of(leaderId),
                () -> false, dispatcher::submitAsync, timeoutMillis);
        running.add(leaderSide);
        running.add(followerSide);
        return new RemoteOms(() -> {
            throw new IllegalStateException("only submits are forwarded in this test");
        }, followerSide::submit);
    }

    private static OrderRequest buy(String clientId) {
        return OrderRequest.market(ClientOrderId.of(clientId), PortfolioId.of("p"), InstrumentId.of("AAPL"), Side.BUY,
                Quantity.ofWhole(1));
    }

    @Test
    void five_hundred_orders_are_in_flight_at_once_and_each_is_answered_when_it_is_durable() throws Exception {
        EmbeddedGrid leader = start(1);
        EmbeddedGrid other = start(2);
        RemoteOms follower = follower(leader, other, TIMEOUT.toMillis());

        List<CompletableFuture<Order>> answers = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            answers.add(follower.submitAsync(buy("o" + i)).toCompletableFuture());
        }

        // A thread per order (the service proxy) would have let 8 reach the leader, the size of its service pool.
        Await.until("every order reached the leader's OMS", TIMEOUT, () -> leaderOms.byClient.size() == 500);
        assertThat(answers).noneMatch(CompletableFuture::isDone);
        durable.get(ClientOrderId.of("o7")).complete(null);
        assertThat(answers.get(7).get(10, TimeUnit.SECONDS).clientOrderId()).isEqualTo(ClientOrderId.of("o7"));
        assertThat(answers.stream().filter(CompletableFuture::isDone)).hasSize(1);
        durable.values().forEach(d -> d.complete(null));
        for (int i = 0; i < 500; i++) {
            assertThat(answers.get(i).get(10, TimeUnit.SECONDS))
                    .isEqualTo(leaderOms.byClient.get(ClientOrderId.of("o" + i)));
        }
    }

    @Test
    void a_leader_that_leaves_or_no_longer_leads_fails_the_orders_it_holds_as_retryable() throws Exception {
        EmbeddedGrid leader = start(1);
        EmbeddedGrid other = start(2);
        RemoteOms follower = follower(leader, other, TIMEOUT.toMillis());
        CompletableFuture<Order> held = follower.submitAsync(buy("held")).toCompletableFuture();
        Await.until("the order reached the leader's OMS", TIMEOUT, () -> leaderOms.byClient.size() == 1);

        leads.set(false);
        assertThatThrownBy(() -> follower.submitAsync(buy("moved")).toCompletableFuture().get(10, TimeUnit.SECONDS))
                .hasCauseInstanceOf(OrderServiceUnavailableException.class).hasMessageContaining("moved off");
        assertThat(leaderOms.byClient).doesNotContainKey(ClientOrderId.of("moved"));

        leader.close();
        assertThatThrownBy(() -> held.get(10, TimeUnit.SECONDS))
                .hasCauseInstanceOf(OrderServiceUnavailableException.class).hasMessageContaining("left the cluster");
    }

    @Test
    void a_leader_that_does_not_answer_in_time_fails_the_order_as_retryable() throws Exception {
        EmbeddedGrid leader = start(1);
        EmbeddedGrid other = start(2);
        RemoteOms follower = follower(leader, other, 1_000);

        CompletableFuture<Order> slow = follower.submitAsync(buy("slow")).toCompletableFuture();

        assertThatThrownBy(() -> slow.get(10, TimeUnit.SECONDS))
                .hasCauseInstanceOf(OrderServiceUnavailableException.class)
                .hasMessageContaining("did not answer within 1000 ms");
    }
}
