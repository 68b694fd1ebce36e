package org.nautilus.access.internal;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which role an HTTP request needs, by method and path: the same roles as the shell's command ACLs (viewer reads,
 * trader trades, risk sets limits and the trading state, admin runs routes and configuration). The first rule whose
 * path prefix and method match decides; a write nothing names needs admin, so a new endpoint is closed until a rule
 * opens it.
 */
final class RoleTable {

    /** No authentication at all (the Kubernetes probes, the desk page's static files). */
    static final String PUBLIC = "public";
    /** Any authenticated user, whatever the role (asking for a token). */
    static final String AUTHENTICATED = "authenticated";

    /**
     * @param methods {@code READ} (GET, HEAD, OPTIONS), {@code WRITE} (everything else) or {@code ANY}
     * @param prefix  a path prefix: {@code /api/v1/orders} matches {@code /api/v1/orders} and
     *                {@code /api/v1/orders/42}, not {@code /api/v1/ordersX}
     * @param role    the role needed, or {@link #PUBLIC} / {@link #AUTHENTICATED}
     */
    record Rule(String methods, String prefix, String role) {
        boolean matches(String method, String path) {
            boolean read = isRead(method);
            boolean methodMatches = switch (methods) {
                case "READ" -> read;
                case "WRITE" -> !read;
                default -> true;
            };
            return methodMatches
                    && (path.equals(prefix) || path.startsWith(prefix.endsWith("/") ? prefix : prefix + "/"));
        }
    }

    static final List<Rule> DEFAULT = List.of(
            // The probes answer anyone (kubelets carry no credentials) and say nothing but up/down; /health's detail
            // (each part's state and reason) is for users: it falls under the viewer's read rule below.
            new Rule("ANY", "/health/live", PUBLIC),
            new Rule("ANY", "/health/ready", PUBLIC),
            new Rule("READ", "/desk", PUBLIC),
            new Rule("WRITE", "/api/v1/tokens", AUTHENTICATED),
            new Rule("WRITE", "/api/v1/orders", "trader"),
            new Rule("WRITE", "/api/v1/orders:batch", "trader"),
            new Rule("WRITE", "/api/v1/order-lists", "trader"),
            new Rule("WRITE", "/api/v1/backtests", "trader"),
            new Rule("WRITE", "/api/v1/strategies", "trader"),
            new Rule("WRITE", "/api/v1/risk", "risk"),
            new Rule("WRITE", "/api/v1/trading-state", "risk"),
            new Rule("WRITE", "/api/v1/kill-switch", "risk"),
            new Rule("WRITE", "/api/v1/routes", "admin"),
            new Rule("WRITE", "/api/v1/config", "admin"),
            new Rule("ANY", "/api/v1/snapshots", "admin"),
            new Rule("READ", "/api/v1/audit/export", "risk"),
            new Rule("READ", "/", "viewer"),
            new Rule("WRITE", "/", "admin"));

    private final List<Rule> rules;

    RoleTable(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** The role {@code method path} needs; empty only if no rule matches (the default table always matches). */
    Optional<String> required(String method, String path) {
        for (Rule rule : rules) {
            if (rule.matches(method, path)) {
                return Optional.of(rule.role());
            }
        }
        return Optional.empty();
    }

    List<Rule> rules() {
        return rules;
    }

    static boolean isRead(String method) {
        String m = method.toUpperCase(Locale.ROOT);
        return m.equals("GET") || m.equals("HEAD") || m.equals("OPTIONS");
    }
}
