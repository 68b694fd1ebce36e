package org.nautilus.api.domain;

/** Validation shared by the string identifiers. */
final class Identifiers {

    private static final int MAX_LENGTH = 64;

    private Identifiers() {
    }

    /** 1-64 of {@code [A-Za-z0-9._/:-]}; a loop, not a regex: identifiers are made on every order's path. */
    static void require(String type, String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_LENGTH || !allAllowed(value)) {
            throw new IllegalArgumentException(
                    type + " must be 1-64 letters, digits or . _ / : -, got '" + value + "'");
        }
    }

    private static boolean allAllowed(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.'
                    || c == '_' || c == '/' || c == ':' || c == '-';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }
}
