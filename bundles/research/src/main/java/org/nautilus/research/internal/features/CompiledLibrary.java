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
    private final List<FactorInfo> infos;
    private final List<FactorProblem> problems;
    private final Set<String> referencedLibraries;

    private CompiledLibrary(String name, FactorProgram program, List<FactorInfo> infos, List<FactorProblem> problems,
                            Set<String> referencedLibraries) {
        this.name = name;
        this.program = program;
        this.infos = List.copyOf(infos);
        this.problems = List.copyOf(problems);
        this.referencedLibraries = Set.copyOf(referencedLibraries);
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
        List<FactorProblem> crossSectional = new ArrayList<>();
        if (graph.program().crossSectional()) {
            // The live engine runs one stream per instrument: a factor over the universe is left out, with why.
            List<String> left = new ArrayList<>();
            for (String factor : graph.program().names()) {
                if (graph.program().crossSectional(factor)) {
                    left.add(factor);
                }
            }
            for (FactorDefinition definition : definitions) {
                if (left.contains(definition.name())) {
                    crossSectional.add(new FactorProblem(name, new ExpressionProblem(definition.name(),
                            definition.expression(), 1, "cross-sectional (over the universe: "
                            + graph.program().expression(definition.name()).text() + "): computed in batch over a panel"
                            + " (PanelBatch) and by PanelStream, not yet by the live feature engine")));
                }
            }
            List<FactorDefinition> perInstrument = definitions.stream().filter(d -> !left.contains(d.name())).toList();
            graph = FactorGraph.compile(name, perInstrument, others);
        }
        FactorProgram program = graph.program();
        Map<String, String> descriptions = new HashMap<>();
        definitions.forEach(d -> descriptions.putIfAbsent(d.name(), d.description()));
        List<FactorInfo> infos = new ArrayList<>();
        for (int f = 0; f < program.size(); f++) {
            String factor = program.names().get(f);
            infos.add(new FactorInfo(factor, descriptions.get(factor), program.lookback(f), name));
        }
        List<FactorProblem> problems = new ArrayList<>(crossSectional);
        graph.problems().forEach(p -> problems.add(new FactorProblem(name, p)));
        return new CompiledLibrary(name, program, infos, problems, graph.referencedLibraries());
    }

    public String name() {
        return name;
    }

    public FactorProgram program() {
        return program;
    }

    /** The factors that compiled, in definition order. */
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
        String factorName = program.names().get(factor);
        return new FactorProblem(name, new ExpressionProblem(factorName, program.expression(factorName).text(), 1,
                "the name " + factorName + " is already used by " + owner + "; this one is not published"));
    }

    @Override
    public String toString() {
        return "library " + name;
    }
}
