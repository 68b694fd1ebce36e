package org.nautilus.research.internal.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.nautilus.api.research.expression.FactorDefinition;

class FactorFileTest {

    private static FactorFile parse(String name, String yaml) {
        return FactorFile.parse(name, yaml.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aFileIsALibraryOfDefinitionsWithWhereEachExpressionIsWritten() {
        FactorFile file = parse("momentum.yaml", """
                # my factors
                factors:
                  - name: MOM_20
                    expression: $close/Ref($close,20)-1
                    description: 20-bar momentum
                  - name: QUOTED
                    expression: "Mean($close, 5)"
                """);

        assertThat(file.library()).isEqualTo("momentum");
        assertThat(file.definitions()).containsExactly(
                new FactorDefinition("MOM_20", "$close/Ref($close,20)-1", "20-bar momentum"),
                new FactorDefinition("QUOTED", "Mean($close, 5)", ""));
        assertThat(file.positions().get("MOM_20")).isEqualTo(new FactorFile.Position(4, 17, true));
        assertThat(file.positions().get("MOM_20").at(8)).isEqualTo(new FactorFile.Position(4, 24, true));
        assertThat(file.positions().get("QUOTED")).isEqualTo(new FactorFile.Position(7, 18, true));
    }

    @Test
    void theLibraryNameMayBeGiven() {
        assertThat(parse("x.yaml", "library: mine\nfactors:\n  - {name: A, expression: $close}\n").library())
                .isEqualTo("mine");
    }

    @Test
    void problemsAreReportedAtTheirLineAndColumn() {
        assertRefused("factors:\n  - name: A\n    expression: [1, 2\n", 4, 1, "not valid YAML");
        assertRefused("factors:\n  - name: A\n    expresion: $close\n", 3, 5, "unknown key 'expresion' in a factor");
        assertRefused("factors:\n  - name: A\n", 2, 5, "a factor needs 'expression:'");
        assertRefused("factors:\n  - name: 1A\n    expression: $close\n", 2, 11, "'1A' is not a factor name");
        assertRefused("factors:\n  - {name: A, expression: $close}\n  - {name: A, expression: $open}\n", 3, 12,
                "factor A is defined twice in the file (first at line 2)");
        assertRefused("factors: 3\n", 1, 10, "'factors' must be a list");
        assertRefused("librar: x\nfactors: []\n", 1, 1, "unknown key 'librar' in the file");
        assertRefused("", 1, 1, "the file is empty");
        assertRefused("library: my-lib\nfactors:\n  - {name: A, expression: $close}\n", 1, 10,
                "'my-lib' is not a library name");
    }

    private static void assertRefused(String yaml, int line, int column, String reason) {
        assertThatThrownBy(() -> parse("f.yaml", yaml))
                .isInstanceOfSatisfying(FactorFileException.class, e -> {
                    assertThat(e.reason()).startsWith(reason);
                    assertThat(e.line()).as("line of " + e.getMessage()).isEqualTo(line);
                    assertThat(e.column()).as("column of " + e.getMessage()).isEqualTo(column);
                });
    }
}
