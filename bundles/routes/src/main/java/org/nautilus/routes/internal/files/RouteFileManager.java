package org.nautilus.routes.internal.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.StartupSummaryLevel;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.RoutesDefinition;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.nautilus.api.files.DirectoryFiles;
import org.nautilus.api.routes.RouteFileInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the routes of a CamelContext in step with the route files of one directory ({@code *.yaml}, {@code *.yml},
 * {@code *.xml}).
 *
 * <p>{@link #scan()} compares the directory with what is loaded (by content hash, so touching a file does nothing):
 * a new file is loaded; a changed file has its own routes stopped and removed, then is loaded again; a removed
 * file has its routes removed. Each file's route ids are recorded, so one file's reload never touches another's
 * routes.
 *
 * <p>A broken file changes nothing that runs. A new version is first parsed in a scratch context, which catches
 * syntax and DSL errors with their line before anything is stopped; its consumer endpoints are checked against
 * the live context's components; only then are the old routes replaced. If the new routes still fail to start
 * (a bad endpoint option, say), they are removed and the last good version of the file is loaded again. The error
 * (file, line, reason) is logged and kept in {@link #files()} until the file loads. An unchanged file that failed
 * and has no routes running is tried again now and then, since the cause may lie outside it (a replay file or
 * an instrument that appears).
 *
 * <p>Thread-safe: scans and queries are serialized on this object.
 */
public final class RouteFileManager {

    private static final Logger LOG = LoggerFactory.getLogger(RouteFileManager.class);

    private final CamelContext context;
    private final Path directory;
    private final long retryNanos;
    /** Loaded or failed files by name. */
    private final Map<String, FileState> files = new TreeMap<>();
    private CamelContext scratch;

    public RouteFileManager(CamelContext context, Path directory) {
        this(context, directory, Duration.ofSeconds(60));
    }

    /**
     * @param retry how long an unchanged file that failed waits before it is tried again: a failure may come from
     *              outside the file (a replay file not there yet, an instrument not defined yet)
     */
    public RouteFileManager(CamelContext context, Path directory, Duration retry) {
        this.context = Objects.requireNonNull(context, "context");
        this.directory = Objects.requireNonNull(directory, "directory");
        this.retryNanos = retry.toNanos();
    }

    public Path directory() {
        return directory;
    }

    /** Brings the context in line with the directory; returns what changed (for logs and tests). */
    public synchronized ScanResult scan() {
        Map<String, byte[]> present = readDirectory();
        List<String> loaded = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        List<String> failed = new ArrayList<>();

        for (String name : new ArrayList<>(files.keySet())) {
            if (!present.containsKey(name)) {
                removeFile(name);
                removed.add(name);
            }
        }
        for (Map.Entry<String, byte[]> entry : present.entrySet()) {
            String name = entry.getKey();
            byte[] content = entry.getValue();
            String hash = hash(content);
            FileState state = files.get(name);
            // A failed file is retried only while nothing runs from it: a retry must not restart good old routes.
            if (state != null && state.hash.equals(hash) && (state.error == null || !state.routeIds.isEmpty()
                    || System.nanoTime() - state.attempted < retryNanos)) {
                continue;
            }
            if (load(name, content, hash)) {
                loaded.add(name);
            } else {
                failed.add(name);
            }
        }
        return new ScanResult(loaded, removed, failed);
    }

    /** Forces a reload of one file even if it did not change. */
    public synchronized boolean reload(String name) {
        Path file = resolve(name);
        try {
            byte[] content = Files.readAllBytes(file);
            return load(name, content, hash(content));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read route file " + file + ": " + e.getMessage(), e);
        }
    }

    public synchronized List<RouteFileInfo> files() {
        List<RouteFileInfo> result = new ArrayList<>();
        for (Map.Entry<String, FileState> e : files.entrySet()) {
            FileState s = e.getValue();
            result.add(new RouteFileInfo(e.getKey(), s.error == null, List.copyOf(s.routeIds), s.error));
        }
        return result;
    }

    /** The file a route came from. */
    public synchronized Optional<String> fileOf(String routeId) {
        for (Map.Entry<String, FileState> e : files.entrySet()) {
            if (e.getValue().routeIds.contains(routeId)) {
                return Optional.of(e.getKey());
            }
        }
        return Optional.empty();
    }

    /** Removes the routes of every file (the context keeps running). */
    public synchronized void removeAll() {
        for (String name : new ArrayList<>(files.keySet())) {
            removeFile(name);
        }
    }

    private boolean load(String name, byte[] content, String hash) {
        FileState previous = files.get(name);
        String location = "file:" + directory.resolve(name).toAbsolutePath();

        // 1. Parse in a scratch context: syntax and DSL errors are caught before anything running is touched.
        List<RouteDefinition> parsed;
        try {
            parsed = parse(name, content);
            checkConsumers(parsed, content);
            checkDuplicateIds(name, parsed);
        } catch (Exception e) {
            return fail(name, hash, previous, RouteErrors.describe(name, e, content));
        }

        // 2. Replace the file's own routes.
        removeRoutes(previous);
        Set<String> before = routeIds();
        try {
            PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.fromBytes(location, content));
        } catch (Exception e) {
            String error = RouteErrors.describe(name, e, content, lines(parsed));
            removeNewRoutes(before);
            if (previous != null && previous.goodContent != null) {
                restore(name, previous, location);
            }
            return fail(name, hash, previous, error);
        }
        Set<String> added = routeIds();
        added.removeAll(before);
        FileState state = new FileState(hash, content, new LinkedHashSet<>(added), null, System.nanoTime());
        files.put(name, state);
        LOG.info("Route file {} {}: routes {}", name, previous == null ? "loaded" : "reloaded", state.routeIds);
        return true;
    }

    private List<RouteDefinition> parse(String name, byte[] content) throws Exception {
        Resource resource = ResourceHelper.fromBytes("file:" + directory.resolve(name).toAbsolutePath(), content);
        CamelContext scratch = scratch();
        List<RouteDefinition> routes = new ArrayList<>();
        Collection<RoutesBuilder> builders = PluginHelper.getRoutesLoader(scratch).findRoutesBuilders(resource);
        for (RoutesBuilder builder : builders) {
            if (builder instanceof RouteBuilder routeBuilder) {
                RoutesDefinition definitions = routeBuilder.configureRoutes(scratch);
                routes.addAll(definitions.getRoutes());
            }
        }
        return routes;
    }

    /** A context that never runs routes, kept to parse files without touching the live one. */
    private CamelContext scratch() {
        if (scratch == null) {
            DefaultCamelContext check = new DefaultCamelContext(false);
            check.setApplicationContextClassLoader(context.getApplicationContextClassLoader());
            check.getCamelContextExtension().setName("nautilus-route-check");
            check.setSourceLocationEnabled(true);
            check.setStartupSummaryLevel(StartupSummaryLevel.Off);
            scratch = check;
        }
        return scratch;
    }

    /** Releases the parsing context; the live routes are left as they are. */
    public synchronized void close() {
        if (scratch != null) {
            try {
                scratch.close();
            } catch (Exception e) {
                LOG.debug("Closing the route check context failed", e);
            }
            scratch = null;
        }
    }

    /**
     * Where the parsed routes and their steps are written (the scratch context records source lines): a step is
     * found by the name Camel gives it in its errors ({@code To[nosuch:out]}); a route by its input's line.
     */
    private static RouteErrors.Lines lines(List<RouteDefinition> routes) {
        return (routeId, step) -> routes.stream().filter(route -> routeId.equals(route.getRouteId())).findFirst()
                .map(route -> step == null || (route.getInput() != null && step.equals(route.getInput().toString()))
                        ? routeLine(route)
                        : stepLine(route.getOutputs(), step))
                .orElse(0);
    }

    private static int routeLine(RouteDefinition route) {
        return route.getInput() != null && route.getInput().getLineNumber() > 0
                ? route.getInput().getLineNumber()
                : route.getLineNumber();
    }

    private static int stepLine(List<ProcessorDefinition<?>> steps, String name) {
        for (ProcessorDefinition<?> step : steps) {
            if (name.equals(step.toString()) && step.getLineNumber() > 0) {
                return step.getLineNumber();
            }
            int nested = stepLine(step.getOutputs(), name);
            if (nested > 0) {
                return nested;
            }
        }
        return 0;
    }

    /** Every consumer endpoint's scheme must name a component the live context has. */
    private void checkConsumers(List<RouteDefinition> routes, byte[] content) {
        for (RouteDefinition route : routes) {
            if (route.getInput() == null) {
                continue;
            }
            String uri = route.getInput().getEndpointUri();
            if (uri == null) {
                continue;
            }
            String scheme = uri.contains(":") ? uri.substring(0, uri.indexOf(':')) : uri;
            if (!scheme.contains("{{") && context.getComponent(scheme) == null) {
                int line = route.getInput().getLineNumber() > 0 ? route.getInput().getLineNumber()
                        : RouteErrors.guessLine("endpoint: " + uri, content);
                throw new RouteFileException(line > 0 ? line : route.getLineNumber(),
                        "no component '" + scheme + "' for endpoint '" + uri + "'");
            }
        }
    }

    private void checkDuplicateIds(String name, List<RouteDefinition> routes) {
        FileState own = files.get(name);
        Set<String> ids = new HashSet<>();
        for (RouteDefinition route : routes) {
            String id = route.getRouteId();
            if (id == null) {
                continue;
            }
            if (!ids.add(id)) {
                throw new RouteFileException(route.getLineNumber(), "route id '" + id + "' is used twice in the file");
            }
            boolean ours = own != null && own.routeIds.contains(id);
            if (!ours && context.getRoute(id) != null) {
                throw new RouteFileException(route.getLineNumber(), "route id '" + id
                        + "' is already used by " + fileOf(id).orElse("another source"));
            }
        }
    }

    private void restore(String name, FileState previous, String location) {
        try {
            Set<String> before = routeIds();
            PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.fromBytes(location, previous.goodContent));
            Set<String> back = routeIds();
            back.removeAll(before);
            previous.routeIds.clear();
            previous.routeIds.addAll(back);
        } catch (Exception e) {
            LOG.error("Route file {}: the previous version could not be loaded again either", name, e);
            previous.routeIds.clear();
        }
    }

    private boolean fail(String name, String hash, FileState previous, String error) {
        if (previous != null && previous.hash.equals(hash) && error.equals(previous.error)) {
            LOG.debug("Route file {} still not loaded: {}", name, error); // a retry, already reported
        } else {
            LOG.error("Route file {} not loaded, running routes unchanged: {}", name, error);
        }
        FileState state = previous == null
                ? new FileState(hash, null, new LinkedHashSet<>(), error, System.nanoTime())
                : new FileState(hash, previous.goodContent, previous.routeIds, error, System.nanoTime());
        files.put(name, state);
        return false;
    }

    private void removeFile(String name) {
        FileState state = files.remove(name);
        removeRoutes(state);
        LOG.info("Route file {} removed: routes {} removed", name, state == null ? List.of() : state.routeIds);
    }

    private void removeRoutes(FileState state) {
        if (state == null) {
            return;
        }
        for (String id : state.routeIds) {
            removeRoute(id);
        }
    }

    private void removeNewRoutes(Set<String> before) {
        Set<String> now = routeIds();
        now.removeAll(before);
        for (String id : now) {
            removeRoute(id);
        }
    }

    private void removeRoute(String id) {
        try {
            if (context.getRoute(id) != null) {
                context.getRouteController().stopRoute(id);
                context.removeRoute(id);
            }
        } catch (Exception e) {
            LOG.warn("Could not remove route {}", id, e);
        }
    }

    private Set<String> routeIds() {
        Set<String> ids = new HashSet<>();
        for (Route route : context.getRoutes()) {
            ids.add(route.getRouteId());
        }
        return ids;
    }

    private Map<String, byte[]> readDirectory() {
        try {
            return DirectoryFiles.read(directory, RouteFileManager::isRouteFile).contents();
        } catch (IOException e) {
            LOG.warn("Cannot list route directory {}: {}", directory, e.toString());
            // Keep what runs: report every known file as present and unchanged.
            Map<String, byte[]> unchanged = new HashMap<>();
            files.forEach((n, s) -> unchanged.put(n, s.goodContent == null ? new byte[0] : s.goodContent));
            return unchanged;
        }
    }

    private Path resolve(String name) {
        Path file = directory.resolve(name).normalize();
        if (!file.getParent().equals(directory.normalize()) || !isRouteFile(name)) {
            throw new IllegalArgumentException("not a route file in " + directory + ": " + name);
        }
        return file;
    }

    private static final Predicate<String> ROUTE_FILE = DirectoryFiles.visibleWithExtension(".yaml", ".yml", ".xml");

    static boolean isRouteFile(String name) {
        return ROUTE_FILE.test(name);
    }

    private static String hash(byte[] content) {
        return DirectoryFiles.sha256(content);
    }

    /** What one scan did. */
    public record ScanResult(List<String> loaded, List<String> removed, List<String> failed) {
        public boolean changed() {
            return !loaded.isEmpty() || !removed.isEmpty() || !failed.isEmpty();
        }
    }

    /**
     * A file's state: the hash of what is on disk, the last content that loaded, the routes running from it, the
     * error of the last attempt and when it was made ({@link System#nanoTime()}).
     */
    private record FileState(String hash, byte[] goodContent, Set<String> routeIds, String error, long attempted) {
    }
}
