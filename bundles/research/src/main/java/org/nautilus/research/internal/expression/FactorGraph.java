package org.nautilus.research.internal.expression;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.nautilus.api.research.expression.Binary;
import org.nautilus.api.research.expression.Conditional;
import org.nautilus.api.research.expression.Constant;
import org.nautilus.api.research.expression.Expression;
import org.nautilus.api.research.expression.ExpressionProblem;
import org.nautilus.api.research.expression.FactorDefinition;
import org.nautilus.api.research.expression.FactorReference;
import org.nautilus.api.research.expression.Field;
import org.nautilus.api.research.expression.PairRolling;
import org.nautilus.api.research.expression.Quantile;
import org.nautilus.api.research.expression.Ref;
import org.nautilus.api.research.expression.Rolling;
import org.nautilus.api.research.expression.Unary;
import org.nautilus.api.research.expression.UnaryOperator;
import org.nautilus.research.internal.expression.kernel.CumulativeSumKernel;
import org.nautilus.research.internal.expression.kernel.Elementwise;
import org.nautilus.research.internal.expression.kernel.EmaKernel;
import org.nautilus.research.internal.expression.kernel.ExtremumKernel;
import org.nautilus.research.internal.expression.kernel.Kernel;
import org.nautilus.research.internal.expression.kernel.MeanDeviationKernel;
import org.nautilus.research.internal.expression.kernel.OrderStatisticKernel;
import org.nautilus.research.internal.expression.kernel.PairKernel;
import org.nautilus.research.internal.expression.kernel.RegressionKernel;
import org.nautilus.research.internal.expression.kernel.SeededAverageKernel;
import org.nautilus.research.internal.expression.kernel.ShiftKernel;
import org.nautilus.research.internal.expression.kernel.SumKernel;
import org.nautilus.research.internal.expression.kernel.VarianceKernel;
import org.nautilus.research.internal.expression.kernel.WeightedMeanKernel;

/**
 * Compiles factor definitions into one {@link FactorProgram}: parses each text, resolves the names definitions
 * use for each other (refusing unknown names and cycles, with the column of the offending name), substitutes
 * them, and merges equal subexpressions into one node, so {@code Ref($close,1)} or {@code Min($low,5)} is
 * computed once however many factors use it. A refused definition, and every definition that depends on it,
 * is left out and reported; the rest compile.
 */
public final class FactorGraph {

    private final FactorProgram program;
    private final List<ExpressionProblem> problems;

    private FactorGraph(FactorProgram program, List<ExpressionProblem> problems) {
        this.program = program;
        this.problems = List.copyOf(problems);
    }

    public static FactorGraph compile(List<FactorDefinition> definitions) {
        return new Compiler(definitions).compile();
    }

    /** The definitions that compiled. */
    public FactorProgram program() {
        return program;
    }

    /** Why the others did not, in definition order. */
    public List<ExpressionProblem> problems() {
        return problems;
    }

    /** The program, or an exception listing every problem. */
    public FactorProgram programOrThrow() {
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(problems.size() + " factor definition(s) refused:\n"
                    + problems.stream().map(ExpressionProblem::toString).collect(Collectors.joining("\n")));
        }
        return program;
    }

    private static final class Compiler {

        private final Map<String, FactorDefinition> definitions = new LinkedHashMap<>();
        private final Map<String, ParsedExpression> parsed = new HashMap<>();
        private final Map<String, Expression> resolved = new HashMap<>();
        private final Set<String> refused = new HashSet<>();
        private final Deque<String> visiting = new ArrayDeque<>();
        private final Map<String, ExpressionProblem> problems = new LinkedHashMap<>();
        private final Map<Expression, Integer> nodeIndex = new HashMap<>();
        private final List<Node> nodes = new ArrayList<>();

        Compiler(List<FactorDefinition> definitions) {
            for (FactorDefinition definition : definitions) {
                if (this.definitions.putIfAbsent(definition.name(), definition) != null) {
                    problems.put(definition.name() + "#duplicate", new ExpressionProblem(definition.name(),
                            definition.expression(), 1, "a factor named " + definition.name() + " is already defined"));
                }
            }
        }

        FactorGraph compile() {
            for (FactorDefinition definition : definitions.values()) {
                try {
                    parsed.put(definition.name(), ExpressionParser.parse(definition.expression()));
                } catch (ExpressionSyntaxException e) {
                    refuse(definition.name(), e.column(), e.reason());
                } catch (IllegalArgumentException e) {
                    refuse(definition.name(), 1, e.getMessage()); // a value the expression records refuse
                }
            }
            List<String> names = new ArrayList<>();
            List<Integer> outputs = new ArrayList<>();
            for (String name : definitions.keySet()) {
                Expression expression = resolve(name);
                if (expression != null) {
                    names.add(name);
                    outputs.add(intern(expression));
                }
            }
            List<ExpressionProblem> ordered = new ArrayList<>(problems.values());
            List<String> order = new ArrayList<>(definitions.keySet());
            ordered.sort((a, b) -> Integer.compare(order.indexOf(a.factor()), order.indexOf(b.factor())));
            return new FactorGraph(new FactorProgram(names, outputs.stream().mapToInt(Integer::intValue).toArray(),
                    nodes), ordered);
        }

        /** The definition with every factor name substituted, or null if it is refused. */
        private Expression resolve(String name) {
            if (resolved.containsKey(name)) {
                return resolved.get(name);
            }
            if (refused.contains(name)) {
                return null;
            }
            visiting.push(name);
            try {
                ParsedExpression expression = parsed.get(name);
                for (ParsedExpression.NameUse use : expression.references()) {
                    String problem = dependencyProblem(use.name());
                    if (problem != null) {
                        refuse(name, use.column(), problem);
                        return null;
                    }
                }
                Expression substituted = substitute(expression.root());
                resolved.put(name, substituted);
                return substituted;
            } finally {
                visiting.pop();
            }
        }

        /** Why a definition cannot use {@code name}, or null if it can (resolving it first). */
        private String dependencyProblem(String name) {
            if (!definitions.containsKey(name)) {
                return "unknown factor '" + name + "' (fields are written $close, functions need their arguments)";
            }
            if (visiting.contains(name)) {
                List<String> cycle = new ArrayList<>();
                for (var it = visiting.descendingIterator(); it.hasNext(); ) {
                    String step = it.next();
                    if (!cycle.isEmpty() || step.equals(name)) {
                        cycle.add(step);
                    }
                }
                cycle.add(name);
                return "cycle: " + String.join(" -> ", cycle);
            }
            if (resolve(name) == null) {
                return "uses " + name + ", which is refused";
            }
            return null;
        }

        private void refuse(String name, int column, String message) {
            refused.add(name);
            problems.put(name, new ExpressionProblem(name, definitions.get(name).expression(), column, message));
        }

        private Expression substitute(Expression e) {
            if (e instanceof FactorReference r) {
                return resolved.get(r.name());
            } else if (e instanceof Unary u) {
                return new Unary(u.operator(), substitute(u.argument()));
            } else if (e instanceof Binary b) {
                return new Binary(b.operator(), substitute(b.left()), substitute(b.right()));
            } else if (e instanceof Ref r) {
                return new Ref(substitute(r.argument()), r.periods());
            } else if (e instanceof Rolling r) {
                return new Rolling(r.operator(), substitute(r.argument()), r.window());
            } else if (e instanceof Quantile q) {
                return new Quantile(substitute(q.argument()), q.window(), q.q());
            } else if (e instanceof PairRolling p) {
                return new PairRolling(p.operator(), substitute(p.left()), substitute(p.right()), p.window());
            } else if (e instanceof Conditional c) {
                return new Conditional(substitute(c.condition()), substitute(c.then()), substitute(c.otherwise()));
            }
            return e; // fields and constants
        }

        /** The node computing {@code e}, created (after its inputs) if no equal subexpression has one yet. */
        private int intern(Expression e) {
            Integer existing = nodeIndex.get(e);
            if (existing != null) {
                return existing;
            }
            Node node;
            if (e instanceof Field f) {
                node = new Node(e, f.field(), Double.NaN, new int[0], null, 0);
            } else if (e instanceof Constant c) {
                node = new Node(e, null, c.value(), new int[0], null, 0);
            } else if (e instanceof Unary u && u.operator() == UnaryOperator.CUMSUM) {
                // A running total reads the whole history: no window to warm up, its level depends on the first bar.
                node = combine(e, CumulativeSumKernel::new, 0, u.argument());
            } else if (e instanceof Unary u) {
                Kernel.OfOne kernel = Elementwise.of(u.operator());
                node = combine(e, () -> kernel, 0, u.argument());
            } else if (e instanceof Binary b) {
                Kernel.OfTwo kernel = Elementwise.of(b.operator());
                node = combine(e, () -> kernel, 0, b.left(), b.right());
            } else if (e instanceof Conditional c) {
                Kernel.OfThree kernel = Elementwise.conditional();
                node = combine(e, () -> kernel, 0, c.condition(), c.then(), c.otherwise());
            } else if (e instanceof Ref r) {
                node = combine(e, () -> new ShiftKernel(r.periods()), r.periods(), r.argument());
            } else if (e instanceof Rolling r) {
                node = combine(e, rolling(r), r.window() - 1, r.argument());
            } else if (e instanceof Quantile q) {
                node = combine(e, () -> OrderStatisticKernel.quantile(q.window(), q.q()), q.window() - 1, q.argument());
            } else if (e instanceof PairRolling p) {
                Supplier<Kernel> kernel = switch (p.operator()) {
                    case CORR -> () -> PairKernel.correlation(p.window());
                    case COV -> () -> PairKernel.covariance(p.window());
                };
                node = combine(e, kernel, p.window() - 1, p.left(), p.right());
            } else {
                throw new IllegalStateException("unresolved " + e.text()); // references are substituted before
            }
            nodes.add(node);
            nodeIndex.put(e, nodes.size() - 1);
            return nodes.size() - 1;
        }

        private Node combine(Expression e, Supplier<Kernel> kernel, int extraLookback, Expression... arguments) {
            int[] inputs = new int[arguments.length];
            int lookback = 0;
            for (int i = 0; i < arguments.length; i++) {
                inputs[i] = intern(arguments[i]);
                lookback = Math.max(lookback, nodes.get(inputs[i]).lookback());
            }
            return new Node(e, null, Double.NaN, inputs, kernel, lookback + extraLookback);
        }

        private static Supplier<Kernel> rolling(Rolling r) {
            int n = r.window();
            return switch (r.operator()) {
                case MEAN -> () -> SumKernel.mean(n);
                case SUM -> () -> SumKernel.sum(n);
                case STD -> () -> VarianceKernel.deviation(n);
                case VAR -> () -> VarianceKernel.variance(n);
                case MAX -> () -> ExtremumKernel.max(n);
                case MIN -> () -> ExtremumKernel.min(n);
                case IDXMAX -> () -> ExtremumKernel.indexOfMax(n);
                case IDXMIN -> () -> ExtremumKernel.indexOfMin(n);
                case RANK -> () -> OrderStatisticKernel.rank(n);
                case SLOPE -> () -> RegressionKernel.slope(n);
                case RSQUARE -> () -> RegressionKernel.rSquare(n);
                case RESI -> () -> RegressionKernel.residual(n);
                // EMA weighs all history; like Qlib, count its span as its lookback (older weights < (1-2/(n+1))^n).
                case EMA -> () -> new EmaKernel(n);
                case WMA -> () -> new WeightedMeanKernel(n);
                // TA-Lib's lookback: the seed is the mean of the first n values.
                case SEEDED_EMA -> () -> SeededAverageKernel.ema(n);
                case WILDER -> () -> SeededAverageKernel.wilder(n);
                case MEAN_DEVIATION -> () -> new MeanDeviationKernel(n);
            };
        }
    }
}
