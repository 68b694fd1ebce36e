package org.nautilus.research.internal.features;

import java.util.List;
import org.nautilus.api.research.expression.FactorDefinition;
import org.nautilus.api.research.expression.FactorLibrary;

/** A factor library given as name = expression pairs. */
record TestLibrary(String name, List<FactorDefinition> definitions) implements FactorLibrary {

    static TestLibrary of(String name, String... nameExpressionPairs) {
        FactorDefinition[] definitions = new FactorDefinition[nameExpressionPairs.length / 2];
        for (int i = 0; i < definitions.length; i++) {
            definitions[i] = new FactorDefinition(nameExpressionPairs[2 * i], nameExpressionPairs[2 * i + 1], "");
        }
        return new TestLibrary(name, List.of(definitions));
    }

    /** Windows, shared subexpressions, a reference to another definition, NaN at the start (a 1-bar Std). */
    static TestLibrary sample() {
        return of("sample",
                "MA5", "Mean($close,5)/$close",
                "STD10", "Std($close,10)/$close",
                "KMID", "($close-$open)/$open",
                "KMID_MA", "Mean(KMID,5)",
                "CORR10", "Corr($close,Log($volume+1),10)",
                "RANK20", "Rank($close,20)",
                "EMA12", "EMA($close,12)/$close");
    }
}
