package org.nautilus.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.research.FactorService;
import org.nautilus.api.research.FactorValue;

class ListFactorsCommandTest {

    @Test
    void asOfShowsTheDateAndTimeInUtcSoADailyBarsValueCanBeDated() {
        ListFactorsCommand command = new ListFactorsCommand();
        command.factors = factors(new FactorValue("rsi-14", InstrumentId.of("AAPL"), 61.25,
                Instant.parse("2024-03-15T00:00:00Z")));

        String out = run(command);

        assertThat(out).containsPattern("(?m)^rsi-14 \\| AAPL\\s+\\|\\s+61\\.2500 \\| 2024-03-15T00:00:00Z$");
        assertThat(out).contains("| AS OF");
    }

    private static FactorService factors(FactorValue value) {
        return (FactorService) Proxy.newProxyInstance(FactorService.class.getClassLoader(),
                new Class<?>[] {FactorService.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "latest" -> List.of(value);
                    case "factors" -> List.of();
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
