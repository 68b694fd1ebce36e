package org.nautilus.research.internal.training;

import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Replaces {@code ${name}} in configured paths by a property's value (FileInstall does too, ConfigAdmin does not). */
public final class Placeholders {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]+)}");

    private Placeholders() {
    }

    /**
     * @throws IllegalArgumentException naming the property if one is not set
     */
    public static String resolve(String text, UnaryOperator<String> properties) {
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder resolved = new StringBuilder();
        while (matcher.find()) {
            String value = properties.apply(matcher.group(1));
            if (value == null) {
                throw new IllegalArgumentException("${" + matcher.group(1) + "} in '" + text + "' is not set");
            }
            matcher.appendReplacement(resolved, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(resolved);
        return resolved.toString();
    }
}
