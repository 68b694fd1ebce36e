package org.nautilus.research.internal.features;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.nautilus.api.research.FactorProblem;
import org.nautilus.api.research.expression.ExpressionProblem;
import org.nautilus.api.research.expression.FactorDefinition;
import org.nautilus.api.research.expression.FactorLibrary;

/**
 * The factor libraries the engine computes, by what registered them (a plugin's service, a factor file), compiled
 * against each other: a definition may name another library's factor ({@code technical.RSI_14}), so a library is
 * compiled again, and replaced in the engine, whenever a library it names comes, goes or changes (transitively).
 * Thread-safe: changes are serialized on this object; the engine's writer work is handed to {@code writer}.
 */
public final class LibraryCatalog {

    private final FeatureEngine engine;
    private final Consumer<Runnable> writer;
    /** Registered libraries in registration order (the first of two with one name is the one others read). */
    private final Map<Object, FactorLibrary> sources = new LinkedHashMap<>();
    private final Map<Object, CompiledLibrary> compiled = new LinkedHashMap<>();
    private long version;

    /**
     * @param writer runs a task on the engine's writer thread
     */
    public LibraryCatalog(FeatureEngine engine, Consumer<Runnable> writer) {
        this.engine = engine;
        this.writer = writer;
    }

    /** Adds a library, or replaces the one {@code source} registered; the rest of a broken library is published. */
    public synchronized void put(Object source, FactorLibrary library) {
        CompiledLibrary result = CompiledLibrary.compile(library, others(source));
        sources.put(source, library);
        install(source, result);
        recompileDependants(library.name(), source);
    }

    /**
     * Adds or replaces a library only if every definition compiles and publishes under its name: a broken
     * version changes nothing (the previous one keeps running).
     *
     * @return the problems that refused it; empty if it was put
     */
    public synchronized List<FactorProblem> putWhole(Object source, FactorLibrary library) {
        List<FactorProblem> problems = new ArrayList<>();
        Optional<Object> sameName = sources.entrySet().stream()
                .filter(e -> e.getKey() != source && e.getValue().name().equals(library.name()))
                .map(Map.Entry::getKey).findFirst();
        if (sameName.isPresent()) {
            problems.add(new FactorProblem(library.name(), new ExpressionProblem(library.name(), library.name(), 1,
                    "library " + library.name() + " is already defined by " + sameName.get())));
            return problems;
        }
        CompiledLibrary result = CompiledLibrary.compile(library, others(source));
        problems.addAll(result.problems());
        CompiledLibrary current = compiled.get(source);
        for (int f = 0; f < result.published().size(); f++) {
            String name = result.published().get(f);
            Optional<String> owner = engine.ownerOf(name);
            boolean ours = current != null && current.published().contains(name);
            if (owner.isPresent() && !ours) {
                problems.add(result.nameTaken(f, owner.get()));
            }
        }
        if (problems.isEmpty()) {
            sources.put(source, library);
            install(source, result);
            recompileDependants(library.name(), source);
        }
        return problems;
    }

    /** Removes the library {@code source} registered; libraries naming its factors are compiled again. */
    public synchronized boolean remove(Object source) {
        FactorLibrary library = sources.remove(source);
        compiled.remove(source);
        version++;
        CompiledLibrary removed = engine.removeLibrary(source);
        if (removed != null) {
            writer.accept(() -> engine.purgeLibrary(removed));
        }
        if (library != null) {
            recompileDependants(library.name(), source);
        }
        return library != null;
    }

    /**
     * Counts the changes (a library put or removed): a definition refused for naming a library that was not there
     * may compile once this moves.
     */
    public synchronized long version() {
        return version;
    }

    private void install(Object source, CompiledLibrary library) {
        version++;
        compiled.put(source, library);
        CompiledLibrary old = engine.replaceLibrary(source, library);
        writer.accept(() -> {
            if (old != null) {
                engine.purgeLibrary(old);
            }
            engine.startLibrary(library);
        });
    }

    /** Compiles again every library that names {@code changed}, and those naming them, and so on. */
    private void recompileDependants(String changed, Object changedSource) {
        Set<String> names = new LinkedHashSet<>(List.of(changed));
        Set<Object> done = new LinkedHashSet<>(List.of(changedSource));
        boolean more = true;
        while (more) {
            more = false;
            for (Map.Entry<Object, CompiledLibrary> entry : List.copyOf(compiled.entrySet())) {
                Object source = entry.getKey();
                if (!done.contains(source)
                        && entry.getValue().referencedLibraries().stream().anyMatch(names::contains)) {
                    done.add(source);
                    FactorLibrary library = sources.get(source);
                    install(source, CompiledLibrary.compile(library, others(source)));
                    names.add(library.name());
                    more = true;
                }
            }
        }
    }

    /** The definitions of every library but {@code except}'s, by name (the first registered of one name). */
    private Map<String, List<FactorDefinition>> others(Object except) {
        Map<String, List<FactorDefinition>> others = new LinkedHashMap<>();
        sources.forEach((source, library) -> {
            if (source != except) {
                others.putIfAbsent(library.name(), library.definitions());
            }
        });
        return others;
    }
}
