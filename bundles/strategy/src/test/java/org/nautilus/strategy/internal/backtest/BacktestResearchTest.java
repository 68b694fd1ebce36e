package org.nautilus.strategy.internal.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nautilus.api.domain.Fill;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Side;
import org.nautilus.api.marketdata.Bar;
import org.nautilus.api.research.FactorService;
import org.nautilus.api.research.FittedModel;
import org.nautilus.api.research.LabelledMatrix;
import org.nautilus.api.research.expression.FactorDefinition;
import org.nautilus.api.research.expression.FactorLibrary;
import org.nautilus.api.research.signal.Signal;
import org.nautilus.api.research.signal.SignalBatch;
import org.nautilus.api.research.tracking.AliasChange;
import org.nautilus.api.research.tracking.ModelRegistry;
import org.nautilus.api.research.tracking.ModelVersion;
import org.nautilus.api.research.tracking.RegisteredModel;
import org.nautilus.api.strategy.BacktestSpec;
import org.nautilus.api.strategy.Strategy;
import org.nautilus.api.strategy.StrategyContext;
import org.nautilus.api.strategy.StrategyHandler;
import org.nautilus.model.weka.linear.internal.WekaRidge;
import org.nautilus.research.internal.features.CompiledLibrary;
import org.nautilus.research.internal.features.EngineSession;
import org.nautilus.research.internal.features.FeatureEngine;
import org.nautilus.routes.internal.replay.MarketDataFilesComponent;
import org.nautilus.strategy.crosssectional.internal.CrossSectionalStrategy;

/**
 * Factors and model signals inside a backtest: the platform's feature engine (a factor library compiled and run by
 * the expression engine's streaming kernels, as live) computes over the backtest's own bars, and a registered model
 * version (a Weka ridge fitted for real) is scored on them at each close; the cross-sectional strategy's
 * {@code signals.model} trades on those signals instead of refusing the run.
 */
class BacktestResearchTest {

    private static final InstrumentId UP = InstrumentId.of("UP");
    private static final InstrumentId DOWN = InstrumentId.of("DOWN");
    private static final InstrumentId FLAT = InstrumentId.of("FLAT");

    @TempDir
    Path dir;
    /** The platform's factor service: a feature engine with the library {@code test} (MOM = one-bar return). */
    FactorService platform;
    /** The registry: model "alpha", champion version 1 = a ridge fitted on y = MOM. */
    ModelRegistry registry;

    @BeforeEach
    void research() throws IOException {
        FeatureEngine live = new FeatureEngine((instrument, spec, limit) -> List.of(), 100, 100);
        FactorLibrary library = new FactorLibrary() {
            @Override
            public String name() {
                return "test";
            }

            @Override
            public List<FactorDefinition> definitions() {
                return List.of(new FactorDefinition("MOM", "$close/Ref($close,1)-1", "one-bar return"));
            }
        };
        CompiledLibrary compiled = CompiledLibrary.compile(library);
        live.addLibrary(library, compiled);
        live.startLibrary(compiled);
        platform = new EngineSession(live); // the research bundle's FactorService answers from its engine alike
        registry = new Registry(ridge());
        // Closes: UP +10 % a day, DOWN −10 % a day, FLAT unchanged; six days.
        StringBuilder up = new StringBuilder("date,open,high,low,close,volume\n");
        StringBuilder down = new StringBuilder(up);
        StringBuilder flat = new StringBuilder(up);
        double u = 100;
        double d = 100;
        for (int day = 1; day <= 6; day++) {
            String date = "2024-01-0" + day;
            up.append(String.format("%s,%.4f,%.4f,%.4f,%.4f,1000000%n", date, u, u, u, u));
            down.append(String.format("%s,%.4f,%.4f,%.4f,%.4f,1000000%n", date, d, d, d, d));
            flat.append(String.format("%s,100,100,100,100,1000000%n", date));
            u *= 1.1;
            d *= 0.9;
        }
        Files.writeString(dir.resolve("up.csv"), up);
        Files.writeString(dir.resolve("down.csv"), down);
        Files.writeString(dir.resolve("flat.csv"), flat);
    }

    @Test
    void theStrategyReadsFactorsOfItsOwnBarsAndReceivesTheModelsSignalsAtEachClose() throws IOException {
        List<String> factorsSeen = new ArrayList<>();
        List<SignalBatch> batches = new ArrayList<>();
        Strategy recorder = new Strategy() {
            @Override
            public String description() {
                return "records what it is given";
            }

            @Override
            public StrategyHandler start(StrategyContext context) {
                assertThat(context.signalsDelivered()).isTrue();
                return new StrategyHandler() {
                    @Override
                    public void onBar(Bar bar) {
                        factorsSeen.add(bar.instrumentId() + " " + bar.end() + " "
                                + context.factor("MOM", bar.instrumentId()).map(v -> String.format("%.4f@%s",
                                        v.value(), v.asOf())).orElse("none"));
                    }

                    @Override
                    public void onSignals(SignalBatch batch) {
                        assertThat(context.now()).isEqualTo(batch.time());
                        batches.add(batch);
                    }
                };
            }
        };
        List<String> progress = new ArrayList<>();
        BacktestEngine.Outcome outcome = new BacktestEngine(spec("recorder", Map.of(
                "signals.model", "alpha", "instruments", "UP,DOWN,FLAT")), recorder, new MarketDataFilesComponent(),
                dir, true, new BacktestEngine.Research(platform, registry)).run(progress::add);

        assertThat(outcome.failure()).isNull();
        assertThat(progress).contains("signals: model alpha version 1 (champion), 1 features");
        // Day 1 has no previous close: no MOM; from day 2 the one-bar return of that very bar, known at its end.
        assertThat(factorsSeen).contains("UP 2024-01-02T00:00:00Z none",
                "UP 2024-01-03T00:00:00Z 0.1000@2024-01-03T00:00:00Z",
                "DOWN 2024-01-07T00:00:00Z -0.1000@2024-01-07T00:00:00Z",
                "FLAT 2024-01-04T00:00:00Z 0.0000@2024-01-04T00:00:00Z");
        // One batch per close from day 2 (five), each scoring the three names with the ridge: ≈ their MOM.
        assertThat(batches).hasSize(5).allSatisfy(b -> {
            assertThat(b.model()).isEqualTo("alpha");
            assertThat(b.version()).isEqualTo(1);
            assertThat(b.shadow()).isFalse();
            assertThat(b.signals()).extracting(Signal::instrument).containsExactlyInAnyOrder(UP, DOWN, FLAT);
        });
        Map<InstrumentId, Double> last = new HashMap<>();
        batches.get(4).signals().forEach(s -> last.put(s.instrument(), s.value()));
        assertThat(last.get(UP)).isCloseTo(0.1, within(1e-3));
        assertThat(last.get(DOWN)).isCloseTo(-0.1, within(1e-3));
        assertThat(last.get(FLAT)).isCloseTo(0.0, within(1e-3));
        assertThat(batches.get(0).time()).isEqualTo(Instant.parse("2024-01-03T00:00:00Z"));
    }

    @Test
    void theCrossSectionalStrategyTradesTheScoredSignalsInABacktest() throws IOException {
        BacktestEngine.Outcome outcome = new BacktestEngine(spec("cross-sectional", Map.of("signals.model", "alpha",
                "long.count", "1", "short.count", "1", "capital", "100000", "gross.exposure", "1", "rebalance.bars",
                "1")),
                new CrossSectionalStrategy(), new MarketDataFilesComponent(), dir, true,
                new BacktestEngine.Research(platform, registry)).run(line -> {});

        assertThat(outcome.failure()).isNull();
        // Long the best score (UP), short the worst (DOWN), from the first scored close (day 2's end) on.
        assertThat(outcome.fills()).isNotEmpty();
        Fill first = outcome.fills().get(0);
        assertThat(first.timestamp()).isEqualTo(Instant.parse("2024-01-03T00:00:00Z"));
        assertThat(outcome.fills()).filteredOn(f -> f.instrumentId().equals(UP)).first()
                .extracting(Fill::side).isEqualTo(Side.BUY);
        assertThat(outcome.fills()).filteredOn(f -> f.instrumentId().equals(DOWN)).first()
                .extracting(Fill::side).isEqualTo(Side.SELL);
        assertThat(outcome.fills()).noneMatch(f -> f.instrumentId().equals(FLAT));
    }

    @Test
    void anUnknownModelOrAliasIsRefusedNamingWhatTheRegistryHas() {
        assertThatThrownBy(() -> new BacktestEngine(spec("cross-sectional", Map.of("signals.model", "beta")),
                new CrossSectionalStrategy(), new MarketDataFilesComponent(), dir, true,
                new BacktestEngine.Research(platform, registry)).run(line -> {}))
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessage("signals.model = beta: no such registered model; registered: [alpha]");
        assertThatThrownBy(() -> new BacktestEngine(spec("cross-sectional", Map.of("signals.model", "alpha",
                "signals.alias", "staging")), new CrossSectionalStrategy(), new MarketDataFilesComponent(), dir, true,
                new BacktestEngine.Research(platform, registry)).run(line -> {}))
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessage("model alpha has no version under alias 'staging' (signals.alias); its aliases: "
                                + "{champion=1}");
    }

    private BacktestSpec spec(String strategy, Map<String, String> parameters) {
        return new BacktestSpec(strategy, parameters, List.of(file("up.csv", UP), file("down.csv", DOWN),
                file("flat.csv", FLAT)), null, null, new BigDecimal("100000"), BacktestSpec.Execution.defaults(),
                Map.of(), Duration.ofDays(1), 252);
    }

    private static BacktestSpec.DataFile file(String name, InstrumentId symbol) {
        return new BacktestSpec.DataFile(name, "bars-csv", symbol, Duration.ofDays(1));
    }

    /** A ridge regression fitted on y = MOM over [-1, 1]. */
    private static FittedModel ridge() {
        double[][] rows = new double[41][];
        double[] targets = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = new double[] {(i - 20) / 20.0};
            targets[i] = rows[i][0];
        }
        return new WekaRidge().fit(new LabelledMatrix(List.of("MOM"), "fwd", rows, targets), Map.of(), 1);
    }

    /** The registry's reading side over one model (the platform's registry lives in Ignite). */
    private record Registry(FittedModel fitted) implements ModelRegistry {
        @Override
        public List<RegisteredModel> models() {
            return List.of(new RegisteredModel("alpha", List.of(new ModelVersion("alpha", 1, "run-1", "weka-ridge",
                    List.of("MOM"), "digest", Map.of(), Instant.EPOCH)), Map.of(RegisteredModel.CHAMPION, 1)));
        }

        @Override
        public Optional<RegisteredModel> model(String name) {
            return models().stream().filter(m -> m.name().equals(name)).findFirst();
        }

        @Override
        public FittedModel load(String model, int version) {
            return fitted;
        }

        @Override
        public ModelVersion register(String model, String run) {
            throw new UnsupportedOperationException("read only");
        }

        @Override
        public AliasChange setAlias(String model, String alias, int version, String user) {
            throw new UnsupportedOperationException("read only");
        }

        @Override
        public AliasChange rollback(String model, String alias, String user) {
            throw new UnsupportedOperationException("read only");
        }

        @Override
        public List<AliasChange> aliasHistory(String model) {
            return List.of();
        }
    }
}
