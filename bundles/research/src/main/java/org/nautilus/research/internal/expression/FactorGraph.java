package org.nautilus.research.internal.expression;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.nautilus.api.research.expression.Binary;
import org.nautilus.api.research.expression.Conditional;
import org.nautilus.api.research.expression.Constant;
import org.nautilus.api.research.expression.CrossSection;
import org.nautilus.api.research.expression.Expression;
import org.nautilus.api.research.expression.ExpressionProblem;
import org.nautilus.api.research.expression.FactorDefinition;
import org.nautilus.api.research.expression.FactorReference;
import org.nautilus.api.research.expression.Field;
import org.nautilus.api.research.expression.FundamentalField;
import org.nautilus.api.research.expression.PairOperator;
import org.nautilus.api.research.expression.PairRolling;
import org.nautilus.api.research.expression.Quantile;
import org.nautilus.api.research.expression.Ref;
import org.nautilus.api.research.expression.Rolling;
import org.nautilus.api.research.expression.RollingOperator;
import org.nautilus.api.research.expression.SentimentField;
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
import org.nautilus.research.internal.expression.kernel.RankKernel;
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
    private final Set<String> referencedLibraries;

    private FactorGraph(FactorProgram program, List<ExpressionProblem> problems, Set<String> referencedLibraries) {
        this.program = program;
        this.problems = List.copyOf(problems);
        this.referencedLibraries = Set.copyOf(referencedLibraries);
    }

    public static FactorGraph compile(List<FactorDefinition> definitions) {
        return compile("", definitions, Map.of());
    }

    /**
     * Compiles one library's definitions; a {@code library.name} reference reads a definition of {@code others}
     * (its text is compiled into this program, so the value is the same as the other library's). The other
     * libraries' definitions are compiled only as far as this one uses them, and only this one's are outputs.
     *
     * @param library the library's own name ({@code library.name} with it means one of its own definitions)
     * @param others  the other libraries' definitions, by library name
     */
    public static FactorGraph compile(String library, List<FactorDefinition> definitions,
            Map<String, List<FactorDefinition>> others) {
        return new Compiler(library, definitions, others).compile();
    }

    /** The definitions that compiled. */
    public FactorProgram program() {
        return program;
    }

    /** Why the others did not, in definition order. */
    public List<ExpressionProblem> problems() {
        return problems;
    }

    /**
     * The other libraries the definitions name ({@code technical} for {@code technical.RSI_14}), known or not: when
     * one of them comes, goes or changes, this library must be compiled again.
     */
    public Set<String> referencedLibraries() {
        return referencedLibraries;
    }

    /** The program, or an exception listing every problem. */
    public FactorProgram programOrThrow() {
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(problems.size() + " factor definition(s) refused:\n"
                    + problems.stream().map(ExpressionProblem::toString).collect(Collectors.joining("\n")));
        }
        return program;
    }

    /** A definition's name in the graph: its library and its name there. */
    private record Name(String library, String name) {
    }

    private static final class Compiler {

        private final String library;
        private final Map<String, FactorDefinition> own = new LinkedHashMap<>();
        private final Map<String, List<FactorDefinition>> others;
        private final Map<Name, ParsedExpression> parsed = new HashMap<>();
        private final Map<Name, Expression> resolved = new HashMap<>();
        /** Refused definitions (also of other libraries, as far as this one reached them) and why. */
        private final Map<Name, String> refused = new HashMap<>();
        private final Deque<Name> visiting = new ArrayDeque<>();
        private final Map<String, ExpressionProblem> problems = new LinkedHashMap<>();
        private final Set<String> referencedLibraries = new TreeSet<>();
        private final Map<Expression, Integer> nodeIndex = new HashMap<>();
        private final List<Node> nodes = new ArrayList<>();
        private int dataSlots;

        Compiler(String library, List<FactorDefinition> definitions, Map<String, List<FactorDefinition>> others) {
            this.library = library;
            this.others = others;
            for (FactorDefinition definition : definitions) {
                if (own.putIfAbsent(definition.name(), definition) != null) {
                    problems.put(definition.name() + "#duplicate", new ExpressionProblem(definition.name(),
                            definition.expression(), 1, "a factor named " + definition.name() + " is already defined"));
                }
            }
        }

        FactorGraph compile() {
            for (String name : own.keySet()) {
                parsed(new Name(library, name));
            }
            List<String> names = new ArrayList<>();
            List<Integer> outputs = new ArrayList<>();
            for (String name : own.keySet()) {
                Expression expression = resolve(new Name(library, name));
                if (expression != null) {
                    names.add(name);
                    outputs.add(intern(expression));
                }
            }
            shareRegressions();
            shareDeviations();
            List<ExpressionProblem> ordered = new ArrayList<>(problems.values());
            List<String> order = new ArrayList<>(own.keySet());
            ordered.sort((a, b) -> Integer.compare(order.indexOf(a.factor()), order.indexOf(b.factor())));
            return new FactorGraph(new FactorProgram(names, outputs.stream().mapToInt(Integer::intValue).toArray(),
                    nodes), ordered, referencedLibraries);
        }

        private FactorDefinition definition(Name name) {
            if (name.library.equals(library)) {
                return own.get(name.name);
            }
            List<FactorDefinition> definitions = others.get(name.library);
            return definitions == null ? null
                    : definitions.stream().filter(d -> d.name().equals(name.name)).findFirst().orElse(null);
        }

        /** The definition's parsed text, or null if it does not parse (then it is refused). */
        private ParsedExpression parsed(Name name) {
            if (parsed.containsKey(name) || refused.containsKey(name)) {
                return parsed.get(name);
            }
            FactorDefinition definition = definition(name);
            try {
                ParsedExpression expression = ExpressionParser.parse(definition.expression());
                parsed.put(name, expression);
                return expression;
            } catch (ExpressionSyntaxException e) {
                refuse(name, e.column(), e.reason());
            } catch (IllegalArgumentException e) {
                refuse(name, 1, e.getMessage()); // a value the expression records refuse
            }
            return null;
        }

        /** The definition with every factor name substituted, or null if it is refused. */
        private Expression resolve(Name name) {
            if (resolved.containsKey(name)) {
                return resolved.get(name);
            }
            if (refused.containsKey(name)) {
                return null;
            }
            ParsedExpression expression = parsed(name);
            if (expression == null) {
                return null;
            }
            visiting.push(name);
            try {
                for (ParsedExpression.NameUse use : expression.references()) {
                    String problem = dependencyProblem(target(name.library, use.name()), use.name());
                    if (problem != null) {
                        refuse(name, use.column(), problem);
                        return null;
                    }
                }
                Expression substituted = substitute(expression.root(), name.library);
                resolved.put(name, substituted);
                return substituted;
            } finally {
                visiting.pop();
            }
        }

        /** What a name written in a definition of {@code from} refers to. */
        private Name target(String from, String written) {
            FactorReference reference = new FactorReference(written);
            if (reference.library().isEmpty()) {
                return new Name(from, written);
            }
            if (!reference.library().equals(library)) {
                referencedLibraries.add(reference.library());
            }
            return new Name(reference.library(), reference.factor());
        }

        /** Why a definition cannot use {@code target} (written {@code written}), or null if it can (resolving it). */
        private String dependencyProblem(Name target, String written) {
            if (!target.library.equals(library) && !others.containsKey(target.library)) {
                return "unknown library '" + target.library + "' in " + written + (others.isEmpty()
                        ? " (no other library is registered)"
                        : " (libraries: " + String.join(", ", new TreeSet<>(others.keySet())) + ")");
            }
            if (definition(target) == null) {
                return "unknown factor '" + written + "'" + (target.library.equals(library)
                        ? " (fields are written $close, functions need their arguments)"
                        : " (library " + target.library + " has no such factor)");
            }
            if (visiting.contains(target)) {
                List<String> cycle = new ArrayList<>();
                for (var it = visiting.descendingIterator(); it.hasNext();) {
                    Name step = it.next();
                    if (!cycle.isEmpty() || step.equals(target)) {
                        cycle.add(display(step));
                    }
                }
                cycle.add(display(target));
                return "cycle: " + String.join(" -> ", cycle);
            }
            if (resolve(target) == null) {
                String why = target.library.equals(library) ? "" : ": " + refused.get(target);
                return "uses " + written + ", which is refused" + why;
            }
            return null;
        }

        /** How a name reads in a message: bare for this library's definitions. */
        private String display(Name name) {
            return name.library.equals(library) ? name.name : name.library + "." + name.name;
        }

        private void refuse(Name name, int column, String message) {
            refused.put(name, message);
            if (name.library.equals(library)) {
                problems.put(name.name, new ExpressionProblem(name.name, own.get(name.name).expression(), column,
                        message));
            }
        }

        private Expression substitute(Expression e, String from) {
            if (e instanceof FactorReference r) {
                return resolved.get(target(from, r.name()));
            } else if (e instanceof Unary u) {
                return new Unary(u.operator(), substitute(u.argument(), from));
            } else if (e instanceof Binary b) {
                return new Binary(b.operator(), substitute(b.left(), from), substitute(b.right(), from));
            } else if (e instanceof Ref r) {
                return new Ref(substitute(r.argument(), from), r.periods());
            } else if (e instanceof Rolling r) {
                return new Rolling(r.operator(), substitute(r.argument(), from), r.window());
            } else if (e instanceof Quantile q) {
                return new Quantile(substitute(q.argument(), from), q.window(), q.q());
            } else if (e instanceof PairRolling p) {
                return new PairRolling(p.operator(), substitute(p.left(), from), substitute(p.right(), from),
                        p.window());
            } else if (e instanceof Conditional c) {
                return new Conditional(substitute(c.condition(), from), substitute(c.then(), from),
                        substitute(c.otherwise(), from));
            } else if (e instanceof CrossSection c) {
                return new CrossSection(c.operator(), substitute(c.argument(), from));
            }
            return e; // fields (bar and data) and constants
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
            } else if (e instanceof FundamentalField || e instanceof SentimentField) {
                node = Node.data(e, dataSlots++);
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
            } else if (e instanceof CrossSection c) {
                int input = intern(c.argument());
                Node argument = nodes.get(input);
                node = new Node(e, null, Double.NaN, new int[] {input}, null, argument.lookback(), c.operator(),
                        argument.level() + 1);
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

        /**
         * Lets {@code Slope}, {@code Rsquare} and {@code Resi} of one series and window share one kernel (one set
         * of regression sums): the first of them in node order computes all of them, the others run nothing. Node
         * indices do not change, so every input index stays valid; the leader comes first, so the values are
         * there before any node reads them.
         */
        private void shareRegressions() {
            Map<List<Integer>, int[]> groups = new LinkedHashMap<>(); // (input node, window) -> target per output
            for (int i = 0; i < nodes.size(); i++) {
                if (nodes.get(i).expression() instanceof Rolling r && regressionOutput(r) != null) {
                    int[] targets = groups.computeIfAbsent(List.of(nodes.get(i).inputs()[0], r.window()),
                            k -> new int[] {-1, -1, -1});
                    targets[regressionOutput(r).ordinal()] = i;
                }
            }
            for (Map.Entry<List<Integer>, int[]> group : groups.entrySet()) {
                int[] targets = group.getValue();
                int leader = Integer.MAX_VALUE;
                int members = 0;
                for (int target : targets) {
                    if (target >= 0) {
                        leader = Math.min(leader, target);
                        members++;
                    }
                }
                if (members < 2) {
                    continue; // alone: its own single-output kernel
                }
                int window = group.getKey().get(1);
                nodes.set(leader, nodes.get(leader).leading(() -> RegressionKernel.shared(window), targets));
                for (int target : targets) {
                    if (target >= 0 && target != leader) {
                        nodes.set(target, nodes.get(target).ledBy(leader));
                    }
                }
            }
        }

        /**
         * Gives {@code Corr(x, y, N)} the value of a {@code Std(x, N)} (or {@code Std(y, N)}) node the program has
         * anyway, as a third input, instead of the correlation keeping that deviation's moments itself (Alpha158:
         * CORR5..60 of {@code $close} and STD5..60). Only an earlier node is taken (its value is there first); no
         * node is added, so a correlation with no such Std keeps its own.
         */
        private void shareDeviations() {
            for (int i = 0; i < nodes.size(); i++) {
                Node node = nodes.get(i);
                if (!(node.expression() instanceof PairRolling p) || p.operator() != PairOperator.CORR) {
                    continue;
                }
                int[] in = node.inputs();
                int left = deviationNode(in[0], p.window(), i);
                int right = left >= 0 ? -1 : deviationNode(in[1], p.window(), i);
                if (left < 0 && right < 0) {
                    continue;
                }
                int deviation = left >= 0 ? left : right;
                PairKernel.Shared shared = left >= 0 ? PairKernel.Shared.LEFT : PairKernel.Shared.RIGHT;
                int window = p.window();
                nodes.set(i, new Node(node.expression(), null, Double.NaN, new int[] {in[0], in[1], deviation},
                        () -> PairKernel.correlationSharing(window, shared), node.lookback(), null,
                        Math.max(node.level(), nodes.get(deviation).level())));
            }
        }

        /** The index of the node {@code Std(<node input>, window)} if there is one before {@code before}, else -1. */
        private int deviationNode(int input, int window, int before) {
            Integer std = nodeIndex.get(new Rolling(RollingOperator.STD, nodes.get(input).expression(), window));
            return std != null && std < before && !nodes.get(std).isLed() ? std : -1;
        }

        private static RegressionKernel.Output regressionOutput(Rolling r) {
            return switch (r.operator()) {
                case SLOPE -> RegressionKernel.Output.SLOPE;
                case RSQUARE -> RegressionKernel.Output.RSQUARE;
                case RESI -> RegressionKernel.Output.RESIDUAL;
                default -> null;
            };
        }

        private Node combine(Expression e, Supplier<Kernel> kernel, int extraLookback, Expression... arguments) {
            int[] inputs = new int[arguments.length];
            int lookback = 0;
            int level = 0;
            for (int i = 0; i < arguments.length; i++) {
                inputs[i] = intern(arguments[i]);
                lookback = Math.max(lookback, nodes.get(inputs[i]).lookback());
                level = Math.max(level, nodes.get(inputs[i]).level());
            }
            return new Node(e, null, Double.NaN, inputs, kernel, lookback + extraLookback, null, level);
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
                case RANK -> () -> new RankKernel(n);
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
