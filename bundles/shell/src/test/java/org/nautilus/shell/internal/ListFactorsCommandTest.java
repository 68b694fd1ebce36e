package org.nautilus.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.marketdata.BarSpec;
import org.nautilus.api.research.FactorInfo;
import org.nautilus.api.research.FactorProblem;
import org.nautilus.api.research.FactorService;
import org.nautilus.api.research.FactorValue;
import org.nautilus.api.research.expression.ExpressionProblem;

class ListFactorsCommandTest {

    private static final Instant DAY1 = Instant.parse("2013-12-31T00:00:00Z");
    private static final BarSpec DAY = BarSpec.time(Duration.ofDays(1));

    @Test
    void asOfShowsTheDateAndTimeInUtcSoADailyBarsValueCanBeDated() {
        ListFactorsCommand command = new ListFactorsCommand();
        command.factors = factors(List.of(new FactorInfo("rsi-14", "RSI", 15)),
                List.of(new FactorValue("rsi-14", InstrumentId.of("AAPL"), 61.25, Instant.parse("2024-03-15T00:00:00Z"),
                        DAY)),
                List.of());

        String out = run(command);

        assertThat(out).containsPattern("(?m)^rsi-14 \\| AAPL\\s+\\| PT24H \\|\\s+61\\.2500 \\| 2024-03-15T00:00:00Z$");
        assertThat(out).contains("| AS OF");
    }

    @Test
    void aLibraryIsOneLineUntilItIsNamedAndThenItsValuesCanBeFilteredByInstrumentAndName() {
        FactorService service = factors(
                List.of(new FactorInfo("rsi-14", "RSI", 15), new FactorInfo("MA5", "mean", 4, "alpha158"),
                        new FactorInfo("MA10", "mean", 9, "alpha158"), new FactorInfo("KMID", "body", 0, "alpha158")),
                List.of(new FactorValue("MA5", InstrumentId.of("AAPL.NASDAQ"), 1.01, DAY1, DAY),
                        new FactorValue("MA10", InstrumentId.of("AAPL.NASDAQ"), 1.02, DAY1, DAY),
                        new FactorValue("KMID", InstrumentId.of("AAPL.NASDAQ"), 0.003, DAY1, DAY),
                        new FactorValue("MA5", InstrumentId.of("AAPL"), 0.99, DAY1, DAY),
                        new FactorValue("rsi-14", InstrumentId.of("AAPL"), 55, DAY1, DAY)),
                List.of(new FactorProblem("alpha158", new ExpressionProblem("BAD", "Maen($close,5)", 1,
                        "unknown function 'Maen'"))));

        ListFactorsCommand overview = new ListFactorsCommand();
        overview.factors = service;
        String summary = run(overview);
        assertThat(summary).contains("(3 factors) | alpha158").contains("rsi-14 | AAPL")
                .doesNotContain("MA5 ").contains("alpha158: BAD, column 1: unknown function 'Maen'");

        ListFactorsCommand filtered = new ListFactorsCommand();
        filtered.factors = service;
        filtered.library = "alpha158";
        filtered.instrument = "AAPL.NASDAQ";
        filtered.name = "ma*";
        String out = run(filtered);
        assertThat(out).containsPattern("(?m)^MA5\\s+\\| AAPL\\.NASDAQ \\| PT24H \\|\\s+1\\.0100 \\|")
                .containsPattern("(?m)^MA10\\s+\\| AAPL\\.NASDAQ").doesNotContain("KMID").doesNotContain("rsi-14")
                .doesNotContain("| AAPL  ");
    }

    private static FactorService factors(List<FactorInfo> infos, List<FactorValue> values,
            List<FactorProblem> problems) {
        return (FactorService) Proxy.newProxyInstance(FactorService.class.getClassLoader(),
                new Class<?>[] {FactorService.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "latest" -> values;
                    case "factors" -> infos;
                    case "problems" -> problems;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static String run(ListFactorsCommand command) {
        PrintStream original = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            command.execute();
        } finally {
            System.setOut(original);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
