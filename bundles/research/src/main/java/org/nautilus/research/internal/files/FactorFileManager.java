package org.nautilus.research.internal.files;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.nautilus.api.files.DirectoryFiles;
import org.nautilus.api.research.FactorProblem;
import org.nautilus.api.research.expression.ExpressionProblem;
import org.nautilus.research.internal.features.LibraryCatalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the feature engine's libraries in step with the factor files of one directory ({@code *.yaml},
 * {@code *.yml}), as route files are kept: {@link #scan()} compares the directory with what is loaded by content
 * hash (touching a file does nothing); a new file's factors are added to the live engine (every instrument,
 * warmed up from its bars), a changed file's library is replaced in one step, a removed file's factors go.
 *
 * <p>A file is taken whole or not at all: a YAML error, an unknown key, a syntax error, an unknown name, a cycle
 * or a name another library publishes refuses the new version, is logged and reported (file, line, column) by
 * {@link #problems()} until the file is fixed, and the version running before keeps running. A refused file is
 * tried again when a library comes, goes or changes (it may name a plugin's library that was not there yet).
 *
 * <p>Thread-safe: scans and queries are serialized on this object.
 */
public final class FactorFileManager {

    private static final Logger LOG = LoggerFactory.getLogger(FactorFileManager.class);
    private static final Predicate<String> FACTOR_FILE = DirectoryFiles.visibleWithExtension(".yaml", ".yml");

    private final LibraryCatalog catalog;
    private final Path directory;
    private final Map<String, FileState> files = new TreeMap<>();

    public FactorFileManager(LibraryCatalog catalog, Path directory) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.directory = Objects.requireNonNull(directory, "directory");
    }

    public Path directory() {
        return directory;
    }

    /** What one scan did, by file name. */
    public record ScanResult(List<String> loaded, List<String> removed, List<String> failed) {
        public boolean changed() {
            return !loaded.isEmpty() || !removed.isEmpty() || !failed.isEmpty();
        }
    }

    /** Brings the engine in line with the directory. */
    public synchronized ScanResult scan() {
        Map<String, byte[]> present;
        try {
            present = DirectoryFiles.read(directory, FACTOR_FILE).contents();
        } catch (IOException e) {
            LOG.warn("Cannot list factor directory {}: {}; the loaded factor files stay", directory, e.toString());
            return new ScanResult(List.of(), List.of(), List.of());
        }
        List<String> loaded = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (String name : List.copyOf(files.keySet())) {
            if (!present.containsKey(name)) {
                FileState state = files.remove(name);
                catalog.remove(state.source);
                LOG.info("Factor file {} removed: its factors are gone", name);
                removed.add(name);
            }
        }
        present.forEach((name, content) -> {
            String hash = DirectoryFiles.sha256(content);
            FileState state = files.get(name);
            // A refused file is tried again when the libraries change: it may name one that has just come.
            if (state != null && state.hash.equals(hash)
                    && (state.problems.isEmpty() || state.catalogVersion == catalog.version())) {
                return;
            }
            if (load(name, content, hash, state)) {
                loaded.add(name);
            } else {
                failed.add(name);
            }
        });
        return new ScanResult(loaded, removed, failed);
    }

    /** The files refused (their last good version, if any, still runs), with file, line and column. */
    public synchronized List<FactorProblem> problems() {
        List<FactorProblem> problems = new ArrayList<>();
        files.values().forEach(state -> problems.addAll(state.problems));
        return problems;
    }

    /** Loaded and refused file names. */
    public synchronized Map<String, Boolean> files() {
        Map<String, Boolean> status = new TreeMap<>();
        files.forEach((name, state) -> status.put(name, state.problems.isEmpty()));
        return status;
    }

    /** Takes every file's factors out of the engine (on shutdown or when the directory changes). */
    public synchronized void removeAll() {
        files.values().forEach(state -> catalog.remove(state.source));
        files.clear();
    }

    private boolean load(String name, byte[] content, String hash, FileState previous) {
        long catalogVersion = catalog.version();
        Source source = previous != null ? previous.source : new Source(name);
        FactorFile file;
        try {
            file = FactorFile.parse(name, content);
        } catch (FactorFileException e) {
            String line = line(content, e.line());
            return refuse(name, hash, catalogVersion, source, previous, List.of(new FactorProblem(stem(name),
                    new ExpressionProblem(name, line.isBlank() ? "(line " + e.line() + ")" : line,
                            column(line, e.column()),
                            name + ":" + e.line() + ":" + e.column() + ": " + e.reason()))));
        }
        List<FactorProblem> problems = catalog.putWhole(source, file).stream().map(p -> located(file, p)).toList();
        if (!problems.isEmpty()) {
            return refuse(name, hash, catalogVersion, source, previous, problems);
        }
        files.put(name, new FileState(source, hash, List.of(), true, catalogVersion));
        LOG.info("Factor file {} {}: library {}, factors {}", name, previous == null ? "loaded" : "reloaded",
                file.library(), file.definitions().stream().map(d -> d.name()).toList());
        return true;
    }

    /** The problem with the file's line and column in front of its message. */
    private static FactorProblem located(FactorFile file, FactorProblem problem) {
        ExpressionProblem p = problem.problem();
        FactorFile.Position start = file.positions().get(p.factor());
        if (start == null) {
            return new FactorProblem(problem.library(), new ExpressionProblem(p.factor(), p.expression(), p.column(),
                    file.file() + ": " + p.message()));
        }
        FactorFile.Position at = start.at(p.column());
        return new FactorProblem(problem.library(), new ExpressionProblem(p.factor(), p.expression(), p.column(),
                file.file() + ":" + at.line() + ":" + at.column() + ": " + p.message()));
    }

    private boolean refuse(String name, String hash, long catalogVersion, Source source, FileState previous,
            List<FactorProblem> problems) {
        boolean running = previous != null && previous.running;
        if (previous != null && previous.hash.equals(hash) && previous.problems.equals(problems)) {
            LOG.debug("Factor file {} still refused: {}", name, problems); // a retry, already reported
        } else {
            for (FactorProblem problem : problems) {
                LOG.error("Factor file {} refused{}: {}", name, running ? " (its previous version keeps running)" : "",
                        problem.problem());
            }
        }
        files.put(name, new FileState(source, hash, problems, running, catalogVersion));
        return false;
    }

    private static String line(byte[] content, int line) {
        String[] lines = new String(content, StandardCharsets.UTF_8).split("\r?\n", -1);
        return line >= 1 && line <= lines.length ? lines[line - 1] : "";
    }

    private static int column(String line, int column) {
        return Math.max(1, Math.min(column, line.length() + 1));
    }

    private static String stem(String file) {
        int dot = file.lastIndexOf('.');
        return dot > 0 ? file.substring(0, dot) : file;
    }

    /** What registered a file's library in the catalog: one object per file name while the file exists. */
    private record Source(String file) {
        @Override
        public String toString() {
            return "factor file " + file;
        }
    }

    /**
     * A file's state: the hash on disk, why it was refused (empty if loaded), whether a version of it runs, and the
     * catalog's version when it was last tried.
     */
    private record FileState(Source source, String hash, List<FactorProblem> problems, boolean running,
            long catalogVersion) {
    }
}
