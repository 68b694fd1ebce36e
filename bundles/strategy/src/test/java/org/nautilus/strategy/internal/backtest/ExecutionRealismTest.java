package org.nautilus.strategy.internal.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nautilus.api.domain.ClientOrderId;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.OrderRequest;
import org.nautilus.api.domain.OrderStatus;
import org.nautilus.api.domain.OrderType;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.domain.Side;
import org.nautilus.api.domain.TimeInForce;
import org.nautilus.api.marketdata.Quote;
import org.nautilus.api.marketdata.Trade;
import org.nautilus.api.oms.CommandResult;
import org.nautilus.api.strategy.BacktestSpec;
import org.nautilus.api.strategy.Strategy;
import org.nautilus.api.strategy.StrategyContext;
import org.nautilus.api.strategy.StrategyHandler;
import org.nautilus.routes.internal.replay.MarketDataFilesComponent;

/**
 * The backtest's execution realism end to end (OMS, risk, simulated exchange, positions on the simulated clock), with
 * a scripted strategy over hand-written quotes and trades: queue position, a cancel that arrives too late, DAY and GTD
 * expiry at the simulated session close and expire time.
 */
class ExecutionRealismTest {

    private static final InstrumentId XYZ = InstrumentId.of("XYZ");
    private static final Instant T0 = Instant.parse("2024-03-01T10:00:00Z");

    @TempDir
    Path dir;

    /** A strategy that runs {@code script} on every quote and trade, with the event's time. */
    private record Scripted(BiConsumer<StrategyContext, Instant> script) implements Strategy {
        @Override
        public String description() {
            return "scripted";
        }

        @Override
        public StrategyHandler start(StrategyContext context) {
            return new StrategyHandler() {
                @Override
                public void onQuote(Quote quote) {
                    script.accept(context, quote.timestamp());
                }

                @Override
                public void onTrade(Trade trade) {
                    script.accept(context, trade.timestamp());
                }
            };
        }
    }

    private static String quote(long second, String bid, String ask, long size) {
        return "{\"type\":\"quote\",\"symbol\":\"XYZ\",\"bid\":\"" + bid + "\",\"bidSize\":\"" + size + "\",\"ask\":\""
                + ask + "\",\"askSize\":\"" + size + "\",\"timestamp\":\"" + T0.plusSeconds(second) + "\"}";
    }

    private static String trade(long second, String price, long size) {
        return "{\"type\":\"trade\",\"symbol\":\"XYZ\",\"price\":\"" + price + "\",\"size\":\"" + size
                + "\",\"timestamp\":\"" + T0.plusSeconds(second) + "\"}";
    }

    private BacktestEngine.Outcome run(List<String> lines, BacktestSpec.Execution execution,
            Map<String, String> parameters, BiConsumer<StrategyContext, Instant> script) throws IOException {
        Files.write(dir.resolve("xyz.jsonl"), lines);
        BacktestSpec spec = new BacktestSpec("scripted", parameters,
                List.of(new BacktestSpec.DataFile("xyz.jsonl", "json-lines", XYZ, null)), null, null,
                new BigDecimal("1000000"), execution, Map.of(), Duration.ofDays(1), 252);
        BacktestEngine.Outcome outcome = new BacktestEngine(spec, new Scripted(script), new MarketDataFilesComponent(),
                dir, true).run(line -> {});
        assertThat(outcome.failure()).isNull();
        return outcome;
    }

    private static BacktestSpec.Execution execution() {
        return new BacktestSpec.Execution(BigDecimal.ZERO, BigDecimal.ONE, Duration.ZERO, BigDecimal.ONE,
                new BigDecimal("2"));
    }

    private static List<String> fills(BacktestEngine.Outcome outcome) {
        return outcome.fills().stream().map(f -> f.side() + " " + f.quantity() + "@" + f.price() + " at "
                + Duration.between(T0, f.timestamp()).toSeconds() + "s").toList();
    }

    // ------------------------------------------------------------------ queue position

    private static final List<String> QUEUE = List.of(
            quote(0, "100.00", "100.02", 500),
            trade(1, "100.00", 300),
            trade(2, "100.00", 250),
            quote(3, "100.00", "100.02", 400),
            trade(4, "100.00", 80));

    /** Buys 100 at 100.00 on the first event. */
    private static BiConsumer<StrategyContext, Instant> buyOnce() {
        return (c, t) -> {
            if (t.equals(T0)) {
                c.limit(XYZ, Quantity.ofWhole(100), Price.of("100.00"));
            }
        };
    }

    @Test
    void aRestingBuyFillsOnlyWhenTheTradesAtItsPriceHaveTakenTheQueueAheadOfIt() throws IOException {
        BacktestEngine.Outcome outcome = run(QUEUE, execution(), Map.of(), buyOnce());

        // 500 ahead on arrival; 300 traded (200 left), 250 traded (50 to us), the quote shows 400 (0 ahead stays),
        // 80 traded: our last 50. At our price, as maker: 1 bp.
        assertThat(fills(outcome)).containsExactly("BUY 50@100 at 2s", "BUY 50@100 at 4s");
        assertThat(outcome.fills().get(0).commission().toBigDecimal()).isEqualByComparingTo("0.5");
        Order order = outcome.orders().get(0);
        assertThat(order.status()).isEqualTo(OrderStatus.FILLED);
    }

    @Test
    void withoutQueuePositionTheSameTradesFillNothing() throws IOException {
        BacktestEngine.Outcome outcome = run(QUEUE, execution().withQueuePosition(false), Map.of(), buyOnce());

        assertThat(outcome.fills()).isEmpty();
        // Still resting at the end, when the run's stop cancels it.
        assertThat(outcome.orders().get(0).status()).isEqualTo(OrderStatus.CANCELED);
        assertThat(outcome.orders().get(0).filledQuantity()).isEqualTo(Quantity.ZERO);
    }

    @Test
    void specSettingsTurnQueuePositionOffAndSetAmendAndCancelLatencies() {
        Map<String, String> settings = Map.of("strategy", "s", "data.1.file", "f", "data.1.format", "json-lines",
                "data.1.symbol", "XYZ", "latency.ms", "5", "cancel.latency.ms", "20", "queue.position", "false");
        BacktestSpec.Execution e = BacktestSpec.fromProperties(settings).execution();
        assertThat(e.latency()).isEqualTo(Duration.ofMillis(5));
        assertThat(e.amendLatency()).isEqualTo(Duration.ofMillis(5));
        assertThat(e.cancelLatency()).isEqualTo(Duration.ofMillis(20));
        assertThat(e.queuePosition()).isFalse();
        assertThat(BacktestSpec.fromProperties(Map.of("strategy", "s", "data.1.file", "f", "data.1.format", "csv",
                "data.1.symbol", "XYZ")).execution().queuePosition()).isTrue();
        assertThatThrownBy(() -> BacktestSpec.fromProperties(Map.of("strategy", "s",
                "data.1.file", "f", "data.1.format", "csv", "data.1.symbol", "XYZ", "queue.position", "yes")))
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("queue.position must be true or false");
    }

    // ------------------------------------------------------------------ cancel and amend latency

    private static final List<String> CANCEL = List.of(
            quote(0, "100.00", "100.02", 500),
            quote(10, "100.00", "100.02", 500),
            // The ask comes down to our price: the market traded through the bid.
            quote(11, "99.98", "100.00", 500),
            quote(13, "99.98", "100.00", 500));

    /** Buys 100 at 100.00 on the first quote, cancels it at 10 s. */
    private static BiConsumer<StrategyContext, Instant> buyThenCancel(List<CommandResult> results) {
        return (c, t) -> {
            if (t.equals(T0)) {
                c.limit(XYZ, Quantity.ofWhole(100), Price.of("100.00"));
            } else if (t.equals(T0.plusSeconds(10))) {
                results.add(c.cancel(c.openOrders().get(0).id()));
            }
        };
    }

    @Test
    void aCancelSlowerThanTheMarketArrivesAfterTheFillAndTheOrderStaysFilled() throws IOException {
        List<CommandResult> results = new ArrayList<>();
        BacktestEngine.Outcome outcome = run(CANCEL,
                execution().withAmendCancelLatency(Duration.ZERO, Duration.ofSeconds(2)), Map.of(),
                buyThenCancel(results));

        // The cancel left at 10 s and reaches the book at 12 s; the fill came at 11 s.
        assertThat(results).singleElement().satisfies(r -> assertThat(r.accepted()).isTrue());
        assertThat(fills(outcome)).containsExactly("BUY 100@100 at 11s");
        Order order = outcome.orders().get(0);
        assertThat(order.status()).isEqualTo(OrderStatus.FILLED);
        assertThat(order.filledQuantity()).isEqualTo(Quantity.ofWhole(100));
        assertThat(outcome.metrics()).isNotNull();
        assertThat(outcome.trips()).isEmpty();
    }

    @Test
    void aCancelFasterThanTheMarketCancelsTheOrderAndNothingFills() throws IOException {
        List<CommandResult> results = new ArrayList<>();
        BacktestEngine.Outcome outcome = run(CANCEL, execution(), Map.of(), buyThenCancel(results));

        assertThat(outcome.fills()).isEmpty();
        assertThat(outcome.orders().get(0).status()).isEqualTo(OrderStatus.CANCELED);
    }

    @Test
    void anAmendSlowerThanTheMarketArrivesAfterTheFillAtTheOldPrice() throws IOException {
        List<CommandResult> results = new ArrayList<>();
        BacktestEngine.Outcome outcome = run(CANCEL,
                execution().withAmendCancelLatency(Duration.ofSeconds(2), Duration.ZERO), Map.of(), (c, t) -> {
                    if (t.equals(T0)) {
                        c.limit(XYZ, Quantity.ofWhole(100), Price.of("100.00"));
                    } else if (t.equals(T0.plusSeconds(10))) {
                        results.add(c.amend(c.openOrders().get(0).id(), Quantity.ofWhole(100), Price.of("99.90")));
                    }
                });

        assertThat(results).singleElement().satisfies(r -> assertThat(r.accepted()).isTrue());
        assertThat(fills(outcome)).containsExactly("BUY 100@100 at 11s");
        assertThat(outcome.orders().get(0).status()).isEqualTo(OrderStatus.FILLED);
    }

    // ------------------------------------------------------------------ expiry

    @Test
    void aDayOrderExpiresAtTheSimulatedSessionCloseAndAGtdOrderAtItsTime() throws IOException {
        // Friday 2024-03-01, a session 09:00-17:00 UTC; quotes at 10:00, 13:00 and 18:00.
        List<String> lines = List.of(quote(0, "100.00", "100.02", 500), quote(3 * 3600, "100.00", "100.02", 500),
                quote(8 * 3600, "100.00", "100.02", 500));
        Instant gtd = Instant.parse("2024-03-01T12:30:00Z");
        BacktestEngine.Outcome outcome = run(lines, execution(), Map.of("session.zone", "UTC", "session.open",
                "09:00", "session.close", "17:00"), (c, t) -> {
                    if (t.equals(T0)) {
                        c.limit(XYZ, Quantity.ofWhole(100), Price.of("99.00"));
                        c.submit(new OrderRequest(ClientOrderId.of("gtd-1"), c.portfolio(), XYZ, Side.BUY,
                                OrderType.LIMIT, Quantity.ofWhole(100), Price.of("99.50"), null, TimeInForce.GTD, gtd,
                                null, false, false));
                    }
                });

        Order day = outcome.orders().get(0);
        Order good = outcome.orders().get(1);
        assertThat(day.request().timeInForce()).isEqualTo(TimeInForce.DAY);
        assertThat(day.status()).isEqualTo(OrderStatus.EXPIRED);
        assertThat(day.updatedAt()).isEqualTo(Instant.parse("2024-03-01T17:00:00Z"));
        assertThat(good.status()).isEqualTo(OrderStatus.EXPIRED);
        assertThat(good.updatedAt()).isEqualTo(gtd);
        assertThat(outcome.fills()).isEmpty();
    }

    @Test
    void aSessionSettingThatCannotBeReadIsRefusedNamingIt() {
        List<String> lines = List.of(quote(0, "100.00", "100.02", 500));
        assertThatThrownBy(
                () -> run(lines, execution(), Map.of("session.close", "5pm"), (c, t) -> {}))
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("session.close");
    }
}
