package org.nautilus.routes.internal.files;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.FailedToCreateRouteException;
import org.apache.camel.xml.io.XmlPullParserException;
import org.apache.camel.xml.io.XmlPullParserLocationException;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;

/**
 * Turns the exceptions of loading a route file into one line a user can act on:
 * {@code file.yaml, line 7: reason}.
 */
final class RouteErrors {

    /** Camel's messages sometimes carry the location as {@code file:/x/y.yaml:12}. */
    private static final Pattern LOCATION = Pattern.compile("\\.(?:yaml|yml|xml):(\\d+)");

    private RouteErrors() {
    }

    /** Where a route of the file, or one of its steps, is written; 0 if unknown. */
    @FunctionalInterface
    interface Lines {

        Lines NONE = (routeId, step) -> 0;

        /**
         * @param step the step as Camel names it in a {@link FailedToCreateRouteException} ({@code To[nosuch:out]}),
         *             or {@code null} for the route itself
         */
        int of(String routeId, String step);
    }

    /** Camel names the step a route failed at: {@code Failed to create route: feed at: >>> To[nosuch:out] <<< in}. */
    private static final Pattern FAILED_STEP = Pattern.compile(" at: >>> (.*?) <<< in route");

    static String describe(String file, Throwable error, byte[] content) {
        return describe(file, error, content, Lines.NONE);
    }

    /**
     * @param lines where the file's routes and steps are, used when the error names a route (and the step it
     *              failed at) but no line
     */
    static String describe(String file, Throwable error, byte[] content, Lines lines) {
        int line = 0;
        Throwable reasonSource = deepest(error);
        Set<Throwable> seen = new HashSet<>();
        for (Throwable t = error; t != null && seen.add(t); t = t.getCause()) {
            if (line <= 0) {
                line = lineOf(t);
            }
        }
        FailedToCreateRouteException failed = failedRoute(error);
        if (line <= 0 && failed != null) {
            line = lines.of(failed.getRouteId(), failedStep(failed));
        }
        String reason = reason(error, reasonSource);
        if (line <= 0) {
            line = guessLine(reason, content);
        }
        if (line <= 0 && failed != null) {
            line = lines.of(failed.getRouteId(), null);
        }
        return file + (line > 0 ? ", line " + line : "") + ": " + reason;
    }

    private static FailedToCreateRouteException failedRoute(Throwable error) {
        Set<Throwable> seen = new HashSet<>();
        for (Throwable t = error; t != null && seen.add(t); t = t.getCause()) {
            if (t instanceof FailedToCreateRouteException create && create.getRouteId() != null) {
                return create;
            }
        }
        return null;
    }

    private static String failedStep(FailedToCreateRouteException failed) {
        Matcher m = FAILED_STEP.matcher(String.valueOf(failed.getMessage()));
        return m.find() ? m.group(1) : null;
    }

    private static int lineOf(Throwable t) {
        if (t instanceof RouteFileException rfe) {
            return rfe.line();
        }
        if (t instanceof MarkedYamlEngineException yaml) {
            // snakeyaml counts lines from 0
            return yaml.getProblemMark().or(yaml::getContextMark).map(Mark::getLine).map(l -> l + 1).orElse(0);
        }
        if (t instanceof XmlPullParserLocationException xml) {
            return xml.getLineNumber();
        }
        if (t instanceof XmlPullParserException xml) {
            return xml.getLineNumber();
        }
        String message = t.getMessage();
        if (message != null) {
            Matcher m = LOCATION.matcher(message);
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
        }
        return 0;
    }

    private static String reason(Throwable top, Throwable deepest) {
        if (top instanceof RouteFileException) {
            return top.getMessage();
        }
        if (top instanceof MarkedYamlEngineException yaml) {
            return oneLine(yaml.getProblem() != null ? yaml.getProblem() : yaml.getMessage());
        }
        if (top instanceof XmlPullParserLocationException xml) {
            // its message repeats the location and a snippet: the first line is the reason
            String message = xml.getMessage() == null ? "XML error" : xml.getMessage();
            return oneLine(message.lines().findFirst().orElse(message));
        }
        String message = deepest.getMessage() != null ? deepest.getMessage() : deepest.getClass().getSimpleName();
        if (deepest instanceof MarkedYamlEngineException yaml && yaml.getProblem() != null) {
            message = yaml.getProblem();
        }
        if (top instanceof FailedToCreateRouteException create && create != deepest) {
            return oneLine("route '" + create.getRouteId() + "': " + message);
        }
        return oneLine(message);
    }

    private static final Pattern UNKNOWN_PARAMETERS = Pattern.compile("Unknown parameters=\\[\\{([^}]*)\\}\\]");
    private static final Pattern ENDPOINT = Pattern
            .compile("(?:endpoint|scheme|uri)[^:]*: ?'?([a-z][a-z0-9+.-]*:[^\\s']*)");

    /**
     * When no exception says where, point at the first line that mentions what the message names: an unknown
     * endpoint option, else the endpoint (Camel normalizes {@code timer:t} to {@code timer://t}).
     */
    static int guessLine(String reason, byte[] content) {
        List<String> probes = new ArrayList<>();
        Matcher unknown = UNKNOWN_PARAMETERS.matcher(reason);
        if (unknown.find()) {
            for (String pair : unknown.group(1).split(",\\s*")) {
                int eq = pair.indexOf('=');
                probes.add((eq > 0 ? pair.substring(0, eq) : pair).strip() + "=");
            }
        }
        Matcher endpoint = ENDPOINT.matcher(reason);
        if (endpoint.find()) {
            String uri = endpoint.group(1);
            int query = uri.indexOf('?');
            String base = query > 0 ? uri.substring(0, query) : uri;
            probes.add(base);
            probes.add(base.replaceFirst("://", ":"));
        }
        String[] lines = new String(content, StandardCharsets.UTF_8).split("\n", -1);
        for (String probe : probes) {
            for (int i = 0; i < lines.length; i++) {
                if (lines[i].contains(probe)) {
                    return i + 1;
                }
            }
        }
        return 0;
    }

    private static Throwable deepest(Throwable error) {
        Throwable t = error;
        Set<Throwable> seen = new HashSet<>();
        while (t.getCause() != null && seen.add(t)) {
            t = t.getCause();
        }
        return t;
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s*\\R\\s*", " ").strip();
    }
}
