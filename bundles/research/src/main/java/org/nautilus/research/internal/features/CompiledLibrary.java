package org.nautilus.research.internal.features;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nautilus.api.research.FactorInfo;
import org.nautilus.api.research.FactorProblem;
import org.nautilus.api.research.expression.ExpressionProblem;
import org.nautilus.api.research.expression.FactorDefinition;
import org.nautilus.api.research.expression.FactorLibrary;
import org.nautilus.research.internal.expression.FactorGraph;
import org.nautilus.research.internal.expression.FactorProgram;

/**
 * A {@link FactorLibrary}'s definitions compiled once into one {@link FactorProgram} (shared subexpressions
 * computed once per bar), with the definitions it refused. Identity matters: the engine tells a library's values
 * from those of a later registration of the same name by this object.
 */
public final class CompiledLibrary {

    private final String name;
    private final FactorProgram program;
    private final FactorProgram panel;
    private final int[] panelFactors;
    private final List<String> published;
    private final List<FactorInfo> infos;
    private final List<FactorProblem> problems;
    private final Set<String> referencedLibraries;

    private CompiledLibrary(String name, FactorProgram program, FactorProgram panel, int[] panelFactors,
            List<FactorInfo> infos, List<FactorProblem> problems, Set<String> referencedLibraries) {
        this.name = name;
        this.program = program;
        this.panel = panel;
        this.panelFactors = panelFactors;
        this.infos = List.copyOf(infos);
        this.problems = List.copyOf(problems);
        this.referencedLibraries = Set.copyOf(referencedLibraries);
        List<String> names = new ArrayList<>(program.names());
        for (int f : panelFactors) {
            names.add(panel.names().get(f));
        }
        this.published = List.copyOf(names);
    }

    /** Compiles a library that names no other library's factors. */
    public static CompiledLibrary compile(FactorLibrary library) {
        return compile(library, Map.of());
    }

    /**
     * Compiles a library; a broken definition (and what uses it) is left out and reported, the rest compile.
     *
     * @param others the other libraries' definitions by library name, for {@code library.name} references
     */
    public static CompiledLibrary compile(FactorLibrary library, Map<String, List<FactorDefinition>> others) {
        String name = library.name();
        List<FactorDefinition> definitions = library.definitions();
        FactorGraph graph = FactorGraph.compile(name, definitions, others);
        Set<String> referenced = graph.referencedLibraries();
        // Cross-sectional factors (and what uses them) run over the universe, in a panel of the whole library;
        // the rest run per instrument and bar series.
        FactorProgram panel = null;
        List<Integer> panelFactors = new ArrayList<>();
        if (graph.program().crossSectional()) {
            panel = graph.program();
            List<String> left = new ArrayList<>();
            for (int f = 0; f < panel.size(); f++) {
                if (panel.crossSectional(panel.names().get(f))) {
                    left.add(panel.names().get(f));
                    panelFactors.add(f);
                }
            }
            graph = FactorGraph.compile(name, definitions.stream().filter(d -> !left.contains(d.name())).toList(),
                    others);
        }
        FactorProgram program = graph.program();
        Map<String, String> descriptions = new HashMap<>();
        definitions.forEach(d -> descriptions.putIfAbsent(d.name(), d.description()));
        List<FactorInfo> infos = new ArrayList<>();
        for (int f = 0; f < program.size(); f++) {
            String factor = program.names().get(f);
            infos.add(new FactorInfo(factor, descriptions.get(factor), program.lookback(f), name));
        }
        for (int f : panelFactors) {
            String factor = panel.names().get(f);
            infos.add(new FactorInfo(factor, descriptions.get(factor), panel.lookback(f), name));
        }
        List<FactorProblem> problems = new ArrayList<>();
        graph.problems().forEach(p -> problems.add(new FactorProblem(name, p)));
        return new CompiledLibrary(name, program, panel, panelFactors.stream().mapToInt(Integer::intValue).toArray(),
                infos, problems, referenced);
    }

    public String name() {
        return name;
    }

    public FactorProgram program() {
        return program;
    }

    /**
     * The program of the whole library, for its cross-sectional factors ({@link #panelFactors()}), run over the
     * universe of a bar series; null if it has none.
     */
    public FactorProgram panel() {
        return panel;
    }

    /** Indices in {@link #panel()} of the cross-sectional factors. */
    int[] panelFactors() {
        return panelFactors;
    }

    /** Every factor it publishes: the per-instrument program's, then the cross-sectional ones. */
    public List<String> published() {
        return published;
    }

    /** The factors that compiled: the per-instrument ones in definition order, then the cross-sectional ones. */
    public List<FactorInfo> infos() {
        return infos;
    }

    /** The other libraries its definitions name: it is compiled again when one of them changes. */
    public Set<String> referencedLibraries() {
        return referencedLibraries;
    }

    /** The definitions refused by the compiler. */
    public List<FactorProblem> problems() {
        return problems;
    }

    /** A problem for a compiled factor the engine cannot publish because another factor has its name. */
    FactorProblem nameTaken(int factor, String owner) {
        String factorName = published.get(factor);
        FactorProgram own = factor < program.size() ? program : panel;
        return new FactorProblem(name, new ExpressionProblem(factorName, own.expression(factorName).text(), 1,
                "the name " + factorName + " is already used by " + owner + "; this one is not published"));
    }

    @Override
    public String toString() {
        return "library " + name;
    }
}
