package org.nautilus.access.internal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * Decides one HTTP request: who it is (HTTP Basic checked against JAAS, or a bearer token from {@link Tokens}) and
 * whether the {@link RoleTable} lets that user do it. Plain Java: the JAX-RS filter only turns the decision into a
 * response.
 */
final class AccessControl {

    /** Checks a user name and password (JAAS in the platform). */
    interface Authenticator {
        /** The user with its roles, or empty when the name or the password is wrong. */
        Optional<Identity> login(String user, char[] password);
    }

    sealed interface Decision permits Public, Allowed, Unauthenticated, Forbidden {
    }

    /** Needs no user (health probes, static files). */
    record Public() implements Decision {
    }

    record Allowed(Identity identity, String scheme) implements Decision {
    }

    /** 401: no credentials, wrong ones, or an expired or altered token. */
    record Unauthenticated(String reason) implements Decision {
    }

    /** 403: a known user without the role. */
    record Forbidden(Identity identity, String role, String reason) implements Decision {
    }

    private final RoleTable table;
    private final Tokens tokens;
    private final Authenticator authenticator;

    AccessControl(RoleTable table, Tokens tokens, Authenticator authenticator) {
        this.table = table;
        this.tokens = tokens;
        this.authenticator = authenticator;
    }

    Tokens tokens() {
        return tokens;
    }

    Decision decide(String method, String path, String authorization) {
        String role = table.required(method, path).orElse("admin");
        if (RoleTable.PUBLIC.equals(role)) {
            return new Public();
        }
        if (authorization == null || authorization.isBlank()) {
            return new Unauthenticated("authentication required: HTTP Basic (user and password) or a bearer token "
                    + "from POST /api/v1/tokens");
        }
        String[] scheme = authorization.strip().split("\\s+", 2);
        Identity identity;
        String used;
        if (scheme.length == 2 && scheme[0].equalsIgnoreCase("Basic")) {
            Optional<Identity> user = basic(scheme[1]);
            if (user.isEmpty()) {
                return new Unauthenticated("wrong user name or password");
            }
            identity = user.get();
            used = "Basic";
        } else if (scheme.length == 2 && scheme[0].equalsIgnoreCase("Bearer")) {
            Tokens.Verdict verdict = tokens.verify(scheme[1].strip());
            if (verdict instanceof Tokens.Refused refused) {
                return new Unauthenticated(refused.reason());
            }
            identity = ((Tokens.Valid) verdict).identity();
            used = "Bearer";
        } else {
            return new Unauthenticated("unsupported Authorization scheme '" + scheme[0]
                    + "': use Basic or Bearer");
        }
        if (RoleTable.AUTHENTICATED.equals(role) || identity.has(role)) {
            return new Allowed(identity, used);
        }
        return new Forbidden(identity, role, "user '" + identity.user() + "' lacks the role '" + role + "' needed for "
                + method + " " + path + " (has " + String.join(", ", identity.roles().stream().sorted().toList())
                + ")");
    }

    private Optional<Identity> basic(String encoded) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(encoded.strip());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        char[] text;
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(raw));
            text = new char[chars.remaining()];
            chars.get(text);
        } catch (CharacterCodingException e) {
            return Optional.empty();
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
        int colon = -1;
        for (int i = 0; i < text.length; i++) {
            if (text[i] == ':') {
                colon = i;
                break;
            }
        }
        try {
            if (colon <= 0) {
                return Optional.empty();
            }
            String user = new String(text, 0, colon);
            char[] password = Arrays.copyOfRange(text, colon + 1, text.length);
            try {
                return authenticator.login(user, password);
            } finally {
                Arrays.fill(password, '\0');
            }
        } finally {
            Arrays.fill(text, '\0');
        }
    }
}
