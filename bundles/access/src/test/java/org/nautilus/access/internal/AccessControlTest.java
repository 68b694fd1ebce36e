package org.nautilus.access.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.nautilus.testsupport.MutableClock;

class AccessControlTest {

    private static final Map<String, String> PASSWORDS = Map.of("vera", "viewer-pass", "tom", "trader-pass",
            "rita", "risk-pass", "ada", "admin-pass");
    private static final Map<String, Set<String>> ROLES = Map.of("vera", Set.of("viewer"),
            "tom", Set.of("trader", "viewer"), "rita", Set.of("risk", "viewer"),
            "ada", Set.of("admin", "trader", "risk", "viewer"));

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-06T10:00:00Z"));
    private final Tokens tokens = new Tokens(new byte[32], Duration.ofHours(8), clock);
    private final AccessControl access = new AccessControl(new RoleTable(RoleTable.DEFAULT), tokens,
            (user, password) -> PASSWORDS.containsKey(user)
                    && Arrays.equals(PASSWORDS.get(user).toCharArray(), password)
                            ? Optional.of(new Identity(user, ROLES.get(user)))
                            : Optional.empty());

    @Test
    void probesAndThePageNeedNoUserEverythingElseDoes() {
        assertThat(access.decide("GET", "/health/ready", null)).isInstanceOf(AccessControl.Public.class);
        assertThat(access.decide("GET", "/health/live", null)).isInstanceOf(AccessControl.Public.class);
        assertThat(access.decide("GET", "/desk/index.html", null)).isInstanceOf(AccessControl.Public.class);
        assertThat(access.decide("GET", "/healthz", null)).isInstanceOf(AccessControl.Unauthenticated.class);
        assertThat(access.decide("GET", "/health", null)).as("the detail behind the probes")
                .isInstanceOf(AccessControl.Unauthenticated.class);
        assertThat(access.decide("GET", "/api/v1/orders", null)).isInstanceOf(AccessControl.Unauthenticated.class);
        assertThat(access.decide("GET", "/metrics", "")).isInstanceOf(AccessControl.Unauthenticated.class);
    }

    @Test
    void everyRoleIsAllowedItsOwnAndRefusedTheOthers() {
        // method, path, and who may: the others get 403
        Object[][] cases = {
                {"GET", "/api/v1/orders", Set.of("vera", "tom", "rita", "ada")},
                {"GET", "/metrics", Set.of("vera", "tom", "rita", "ada")},
                {"POST", "/api/v1/orders", Set.of("tom", "ada")},
                {"POST", "/api/v1/orders:batch", Set.of("tom", "ada")},
                {"POST", "/api/v1/backtests", Set.of("tom", "ada")},
                {"GET", "/api/v1/backtests/ma-cross-0001/tearsheet", Set.of("vera", "tom", "rita", "ada")},
                {"DELETE", "/api/v1/orders/42", Set.of("tom", "ada")},
                {"PUT", "/api/v1/trading-state", Set.of("rita", "ada")},
                {"PUT", "/api/v1/risk/rules/max-order-quantity", Set.of("rita", "ada")},
                {"POST", "/api/v1/routes/replay-bitstamp/start", Set.of("ada")},
                {"POST", "/api/v1/something-new", Set.of("ada")},
                {"GET", "/api/v1/audit/export", Set.of("rita", "ada")},
                {"POST", "/api/v1/tokens", Set.of("vera", "tom", "rita", "ada")},
        };
        for (Object[] c : cases) {
            @SuppressWarnings("unchecked")
            Set<String> allowed = (Set<String>) c[2];
            for (String user : PASSWORDS.keySet()) {
                AccessControl.Decision d = access.decide((String) c[0], (String) c[1],
                        basic(user, PASSWORDS.get(user)));
                if (allowed.contains(user)) {
                    assertThat(d).as(user + " " + c[0] + " " + c[1]).isInstanceOf(AccessControl.Allowed.class);
                } else {
                    assertThat(d).as(user + " " + c[0] + " " + c[1]).isInstanceOf(AccessControl.Forbidden.class);
                    assertThat(((AccessControl.Forbidden) d).reason()).contains("lacks the role");
                }
            }
        }
    }

    @Test
    void wrongCredentialsAreUnauthenticatedWithTheReason() {
        assertThat(reason(access.decide("GET", "/api/v1/orders", basic("tom", "nope")))).isEqualTo(
                "wrong user name or password");
        assertThat(reason(access.decide("GET", "/api/v1/orders", basic("nobody", "trader-pass")))).isEqualTo(
                "wrong user name or password");
        assertThat(reason(access.decide("GET", "/api/v1/orders", "Basic !!!")))
                .isEqualTo("wrong user name or password");
        assertThat(reason(access.decide("GET", "/api/v1/orders", "Basic " + Base64.getEncoder().encodeToString(
                "no-colon".getBytes(StandardCharsets.UTF_8))))).isEqualTo("wrong user name or password");
        assertThat(reason(access.decide("GET", "/api/v1/orders", "Digest x"))).contains("unsupported");
    }

    @Test
    void aTokenCarriesTheUsersRolesUntilItExpires() {
        Tokens.Valid issued = tokens.issue(new Identity("tom", ROLES.get("tom")));
        String bearer = "Bearer " + tokens.encode(issued);
        assertThat(issued.expiresAt()).isEqualTo(Instant.parse("2026-12-06T18:00:00Z"));

        AccessControl.Decision submit = access.decide("POST", "/api/v1/orders", bearer);
        assertThat(submit).isInstanceOf(AccessControl.Allowed.class);
        assertThat(((AccessControl.Allowed) submit).identity().user()).isEqualTo("tom");
        assertThat(access.decide("PUT", "/api/v1/trading-state", bearer)).isInstanceOf(AccessControl.Forbidden.class);

        clock.set(Instant.parse("2026-12-06T18:00:00Z"));
        assertThat(reason(access.decide("GET", "/api/v1/orders", bearer))).contains("expired at 2026-12-06T18:00:00Z");
    }

    @Test
    void anAlteredOrForeignTokenIsRefused() {
        String token = tokens.encode(tokens.issue(new Identity("vera", Set.of("viewer"))));
        assertThat(access.decide("GET", "/api/v1/orders", "Bearer " + token)).as("verified, then kept")
                .isInstanceOf(AccessControl.Allowed.class);
        String[] parts = token.split("\\.");
        String promoted = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                "vera\nviewer,admin\n9999999999".getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertThat(reason(access.decide("GET", "/api/v1/orders", "Bearer " + promoted))).contains("signature");

        byte[] other = new byte[32];
        other[0] = 1;
        Tokens foreign = new Tokens(other, Duration.ofHours(1), clock);
        String theirs = foreign.encode(foreign.issue(new Identity("vera", Set.of("viewer"))));
        assertThat(reason(access.decide("GET", "/api/v1/orders", "Bearer " + theirs))).contains("signature");
        assertThat(reason(access.decide("GET", "/api/v1/orders", "Bearer abc"))).contains("malformed");
        assertThat(reason(access.decide("GET", "/api/v1/orders", "Bearer v1.%%%.x"))).contains("malformed");
    }

    @Test
    void aShortSecretIsRefused() {
        Assertions.assertThatThrownBy(() -> new Tokens(new byte[8], Duration.ofHours(1), clock))
                .hasMessageContaining("at least 32 bytes");
    }

    private static String reason(AccessControl.Decision decision) {
        assertThat(decision).isInstanceOf(AccessControl.Unauthenticated.class);
        return ((AccessControl.Unauthenticated) decision).reason();
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
