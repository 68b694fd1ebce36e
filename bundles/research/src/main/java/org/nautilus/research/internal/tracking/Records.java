package org.nautilus.research.internal.tracking;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The text form of tracking records in the store: {@link Properties} text (its escaping handles any key or
 * value). Maps nest by key prefix ({@code param.lr=0.1}).
 */
final class Records {

    private Records() {
    }

    static String write(Map<String, String> fields) {
        Properties properties = new Properties();
        properties.putAll(fields);
        StringWriter out = new StringWriter();
        try {
            properties.store(out, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Drop the date comment Properties writes first.
        String text = out.toString();
        return text.startsWith("#") ? text.substring(text.indexOf('\n') + 1) : text;
    }

    static Map<String, String> read(String text) {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> fields = new TreeMap<>();
        properties.forEach((k, v) -> fields.put(k.toString(), v.toString()));
        return fields;
    }

    /** The entries whose key starts with {@code prefix}, the prefix removed. */
    static Map<String, String> section(Map<String, String> fields, String prefix) {
        Map<String, String> section = new TreeMap<>();
        fields.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                section.put(k.substring(prefix.length()), v);
            }
        });
        return section;
    }

    static void putSection(Map<String, String> fields, String prefix, Map<String, ?> section) {
        section.forEach((k, v) -> fields.put(prefix + k, String.valueOf(v)));
    }
}
