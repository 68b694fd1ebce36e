package org.nautilus.benchmarks.risk;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.nautilus.api.domain.ClientOrderId;
import org.nautilus.api.domain.Instrument;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Money;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.OrderId;
import org.nautilus.api.domain.OrderRequest;
import org.nautilus.api.domain.OrderStatus;
import org.nautilus.api.domain.OrderType;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.domain.Position;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.domain.Side;
import org.nautilus.api.domain.TimeInForce;
import org.nautilus.api.marketdata.Trade;
import org.nautilus.api.risk.RiskDecision;
import org.nautilus.api.risk.RiskRule;
import org.nautilus.benchmarks.support.BenchmarkRules;
import org.nautilus.benchmarks.support.SimulatedMarket;
import org.nautilus.risk.internal.engine.EngineConfig;
import org.nautilus.risk.internal.engine.RiskEngine;
import org.nautilus.risk.internal.engine.RuleChain;
import org.nautilus.testsupport.InMemoryPositions;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The pre-trade check of the risk engine: {@code RiskEngine.check} (what {@code RiskService.check} runs) with the
 * twelve built-in rules on (kill switch, allowlist, max order quantity, notional, price collar, reduce-only,
 * duplicates, self-trade, max position, daily loss, leverage, order rate), against none as the baseline.
 *
 * <p>10 portfolios × 5 instruments with positions and resting orders; limits set so that orders pass every
 * rule (the slowest path: every rule runs). Each call checks the next of 65,536 prepared orders; a repeated
 * request keeps its client order id, so the duplicate check sees it as a resend, not a duplicate.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar RiskCheckBenchmark} (orders/s, one thread);
 * {@code -p rules=max-leverage} measures one rule alone; {@code -bm avgt -tu ns} gives ns per check.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RiskCheckBenchmark {

    private static final String[] SYMBOLS = {"AAPL", "MSFT", "AMZN", "NVDA", "META"};
    private static final int PORTFOLIOS = 10;
    private static final int ORDERS = 1 << 16;

    /** {@code all-rules}, {@code no-rules}, or the name of one rule to measure it alone. */
    @Param({"all-rules", "no-rules"})
    public String rules;

    private RiskEngine core;
    private OrderRequest[] orders;
    private int next;
    private long approved;
    private long denied;

    @Setup(Level.Trial)
    public void setUp() {
        SimulatedMarket market = new SimulatedMarket();
        InMemoryPositions positions = new InMemoryPositions();
        Instant now = Instant.now();
        for (int s = 0; s < SYMBOLS.length; s++) {
            market.define(Instrument.equity(SYMBOLS[s], "USD"));
            market.publish(
                    new Trade(InstrumentId.of(SYMBOLS[s]), Price.ofWhole(100 + 50L * s), Quantity.ofWhole(1), now));
        }
        for (int p = 0; p < PORTFOLIOS; p++) {
            for (int s = 0; s < SYMBOLS.length; s++) {
                positions.put(new Position(PortfolioId.of("pf-" + p), InstrumentId.of(SYMBOLS[s]),
                        Quantity.ofWhole((s % 2 == 0 ? 1 : -1) * 5_000L), Price.ofWhole(100 + 50L * s),
                        Money.ofWhole(1000), Money.ofWhole(10), 10, now));
            }
        }
        EngineConfig config = EngineConfig.of("1000000000", "UTC", "00:00", "0.95", 250, 20, 1_000, 1 << 20, 1000,
                Map.of());
        core = new RiskEngine(new RuleChain(), market, positions, Clock.systemUTC(), config);
        for (RiskRule rule : BenchmarkRules.all(Clock.systemUTC(), SYMBOLS)) {
            if (rules.equals("all-rules") || rules.equals(rule.name())) {
                core.chain().add(rule, null, 0);
            }
        }
        if (!rules.equals("no-rules") && core.chain().size() == 0) {
            throw new IllegalArgumentException("unknown rule " + rules);
        }
        long orderId = 1;
        for (int p = 0; p < PORTFOLIOS; p++) {
            for (int s = 0; s < SYMBOLS.length; s++) {
                // Resting orders away from the market: the self-trade check scans them, none crosses.
                long mid = 100 + 50L * s;
                core.onOrder(resting(orderId++, p, s, Side.BUY, Price.ofWhole(mid - 20), now));
                core.onOrder(resting(orderId++, p, s, Side.SELL, Price.ofWhole(mid + 20), now));
            }
        }
        orders = new OrderRequest[ORDERS];
        for (int i = 0; i < ORDERS; i++) {
            int s = i % SYMBOLS.length;
            int p = (i / SYMBOLS.length) % PORTFOLIOS;
            Side side = (i / 50) % 2 == 0 ? Side.BUY : Side.SELL;
            long mid = 100 + 50L * s;
            Price limit = new Price(Price.ofWhole(mid).raw() + (side == Side.BUY ? -1 : 1) * (i % 13) * 1_000_000L);
            orders[i] = new OrderRequest(ClientOrderId.of("b-" + i), PortfolioId.of("pf-" + p),
                    InstrumentId.of(SYMBOLS[s]), side, OrderType.LIMIT, Quantity.ofWhole(1 + (i % 4096) % 100),
                    limit, null, TimeInForce.DAY, null, null, false, false);
        }
    }

    @TearDown(Level.Trial)
    public void report() {
        System.out.printf("%n[%s] approved %d, denied %d%n", rules, approved, denied);
    }

    @Benchmark
    public RiskDecision check() {
        OrderRequest order = orders[next];
        next = (next + 1) & (ORDERS - 1);
        RiskDecision decision = core.check(order);
        if (decision.approved()) {
            approved++;
        } else {
            denied++;
        }
        return decision;
    }

    private static Order resting(long id, int p, int s, Side side, Price price, Instant at) {
        OrderRequest request = new OrderRequest(ClientOrderId.of("rest-" + id), PortfolioId.of("pf-" + p),
                InstrumentId.of(SYMBOLS[s]), side, OrderType.LIMIT, Quantity.ofWhole(100), price, null,
                TimeInForce.GTC, null, null, false, false);
        return new Order(OrderId.of(id), request, OrderStatus.ACCEPTED, Quantity.ZERO, null, null, null, at, at);
    }
}
