package org.nautilus.api.domain;

import java.util.regex.Pattern;

/** Validation shared by the string identifiers. */
final class Identifiers {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._/:\\-]{1,64}");

    private Identifiers() {
    }

    static void require(String type, String value) {
        if (value == null || !VALID.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    type + " must be 1-64 letters, digits or . _ / : -, got '" + value + "'");
        }
    }
}
