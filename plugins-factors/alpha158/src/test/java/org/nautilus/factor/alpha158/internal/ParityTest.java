package org.nautilus.factor.alpha158.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nautilus.api.research.expression.Binary;
import org.nautilus.api.research.expression.BinaryOperator;
import org.nautilus.api.research.expression.Conditional;
import org.nautilus.api.research.expression.Expression;
import org.nautilus.api.research.expression.FactorDefinition;
import org.nautilus.api.research.expression.Field;
import org.nautilus.api.research.expression.PairOperator;
import org.nautilus.api.research.expression.PairRolling;
import org.nautilus.api.research.expression.Quantile;
import org.nautilus.api.research.expression.Ref;
import org.nautilus.api.research.expression.Rolling;
import org.nautilus.api.research.expression.RollingOperator;
import org.nautilus.api.research.expression.Unary;
import org.nautilus.api.research.expression.UnaryOperator;
import org.nautilus.factor.alpha360.internal.Alpha360Library;
import org.nautilus.research.internal.expression.BarColumns;
import org.nautilus.research.internal.expression.ExpressionParser;
import org.nautilus.research.internal.expression.FactorColumns;
import org.nautilus.research.internal.expression.FactorGraph;
import org.nautilus.research.internal.expression.FactorProgram;
import org.nautilus.research.internal.expression.FactorStream;

/**
 * The engine against the pandas oracle on real bars (Apple daily, 2013; with and without NaN holes), to 1e-9:
 * all 158 Alpha158 factors, all 360 Alpha360 factors (plugins-factors/alpha360) and an operator set that covers every operator and its edge cases. The golden
 * files are committed; regenerate them with {@code src/test/python/regenerate.sh} (Debian's python3-pandas).
 *
 * <p>And streaming against batch, bit for bit, for every factor and operator on the same bars.
 */
class ParityTest {

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource({
            "alpha158, clean, golden/alpha158-aapl-2013.csv",
            "alpha158, holes, golden/alpha158-aapl-2013-holes.csv",
            "operators, clean, golden/operators-aapl-2013.csv",
            "operators, holes, golden/operators-aapl-2013-holes.csv",
            "alpha360, clean, golden/alpha360-aapl-2013.csv",
            "alpha360, holes, golden/alpha360-aapl-2013-holes.csv"})
    void the_engine_matches_the_pandas_oracle_to_1e_9(String set, String bars, String golden) {
        FactorProgram program = FactorGraph.compile(definitions(set)).programOrThrow();
        FactorColumns values = program.evaluate(bars(bars));
        Map<String, double[]> expected = Golden.read(golden);

        assertThat(values.names()).containsExactlyElementsOf(expected.keySet());
        List<String> differences = new ArrayList<>();
        double largest = 0;
        int compared = 0;
        for (String name : values.names()) {
            String difference = Golden.differences(name, values.column(name), expected.get(name));
            if (difference != null) {
                differences.add(difference);
            }
            largest = Math.max(largest, Golden.largestDifference(values.column(name), expected.get(name)));
            compared += values.rows();
        }
        System.out.printf("%s on %s bars: %d values, largest difference from pandas %.3g (relative above 1)%n",
                set, bars, compared, largest);
        assertThat(differences).as("factors that differ from the oracle").isEmpty();
    }

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource({"alpha158, clean", "alpha158, holes", "operators, clean", "operators, holes", "alpha360, clean",
            "alpha360, holes"})
    void streaming_gives_the_batch_values_bit_for_bit(String set, String which) {
        FactorProgram program = FactorGraph.compile(definitions(set)).programOrThrow();
        BarColumns bars = bars(which);
        FactorColumns batch = program.evaluate(bars);

        FactorStream stream = program.newStream();
        double[] latest = new double[program.size()];
        List<String> differences = new ArrayList<>();
        for (int r = 0; r < bars.rows(); r++) {
            stream.update(bars.open()[r], bars.high()[r], bars.low()[r], bars.close()[r], bars.volume()[r],
                    bars.vwap()[r]);
            stream.values(latest);
            for (int f = 0; f < program.size(); f++) {
                double expected = batch.values()[f][r];
                if (Double.doubleToLongBits(latest[f]) != Double.doubleToLongBits(expected)) {
                    differences.add(program.names().get(f) + " row " + r + ": " + latest[f] + " vs " + expected);
                }
            }
        }
        assertThat(differences).as("streaming values that are not the batch's bits").isEmpty();
    }

    @Test
    void the_operator_set_uses_every_operator_of_the_language() {
        Set<String> used = new TreeSet<>();
        for (FactorDefinition definition : Golden.definitions("operators.tsv")) {
            collect(ExpressionParser.parse(definition.expression()).root(), used);
        }
        Set<String> all = new TreeSet<>(
                List.of("Ref", "Quantile", "If", "$open", "$high", "$low", "$close", "$volume"));
        Stream.of(UnaryOperator.values()).map(UnaryOperator::function).forEach(all::add);
        Stream.of(BinaryOperator.values()).map(BinaryOperator::function).forEach(all::add);
        Stream.of(RollingOperator.values()).map(RollingOperator::function).forEach(all::add);
        Stream.of(PairOperator.values()).map(PairOperator::function).forEach(all::add);

        assertThat(used).containsAll(all);
    }

    private static void collect(Expression e, Set<String> used) {
        if (e instanceof Field f) {
            used.add(f.text());
        } else if (e instanceof Unary u) {
            used.add(u.operator().function());
            collect(u.argument(), used);
        } else if (e instanceof Binary b) {
            used.add(b.operator().function());
            collect(b.left(), used);
            collect(b.right(), used);
        } else if (e instanceof Ref r) {
            used.add("Ref");
            collect(r.argument(), used);
        } else if (e instanceof Rolling r) {
            used.add(r.operator().function());
            collect(r.argument(), used);
        } else if (e instanceof Quantile q) {
            used.add("Quantile");
            collect(q.argument(), used);
        } else if (e instanceof PairRolling p) {
            used.add(p.operator().function());
            collect(p.left(), used);
            collect(p.right(), used);
        } else if (e instanceof Conditional c) {
            used.add("If");
            collect(c.condition(), used);
            collect(c.then(), used);
            collect(c.otherwise(), used);
        }
    }

    private static List<FactorDefinition> definitions(String set) {
        return switch (set) {
            case "alpha158" -> new Alpha158Library().definitions();
            case "alpha360" -> new Alpha360Library().definitions();
            default -> Golden.definitions("operators.tsv");
        };
    }

    @Test
    void alpha360_is_qlibs_field_list_as_the_oracle_reads_it() {
        // alpha360.tsv is written by src/test/python/alpha360.py from Qlib's loader, apart from the Java library.
        assertThat(new Alpha360Library().definitions()).extracting(d -> d.name() + "\t" + d.expression())
                .containsExactlyElementsOf(Golden.definitions("alpha360.tsv").stream()
                        .map(d -> d.name() + "\t" + d.expression()).toList());
    }

    private static BarColumns bars(String which) {
        return which.equals("holes") ? AppleBars.withHoles() : AppleBars.load();
    }
}
