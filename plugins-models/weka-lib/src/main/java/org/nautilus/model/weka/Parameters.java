package org.nautilus.model.weka;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/** A family's parameters: the defaults overridden by the caller's, every name checked, values parsed with clear errors. */
public final class Parameters {

    private final String family;
    private final Map<String, String> values;

    /**
     * @throws IllegalArgumentException naming the unknown parameters and the known ones
     */
    Parameters(String family, Map<String, String> defaults, Map<String, String> overrides) {
        this.family = family;
        Map<String, String> merged = new HashMap<>(defaults);
        for (Map.Entry<String, String> e : overrides.entrySet()) {
            if (!defaults.containsKey(e.getKey())) {
                throw new IllegalArgumentException(family + " has no parameter '" + e.getKey() + "'; it takes "
                        + new TreeMap<>(defaults).keySet());
            }
            merged.put(e.getKey(), e.getValue().strip());
        }
        this.values = merged;
    }

    public int integer(String name, int min) {
        int value;
        try {
            value = Integer.parseInt(values.get(name));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    family + ": " + name + " must be an integer, got '" + values.get(name) + "'");
        }
        if (value < min) {
            throw new IllegalArgumentException(family + ": " + name + " must be at least " + min + ", got " + value);
        }
        return value;
    }

    public double decimal(String name, double min) {
        double value;
        try {
            value = Double.parseDouble(values.get(name));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    family + ": " + name + " must be a number, got '" + values.get(name) + "'");
        }
        if (!(value >= min) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(family + ": " + name + " must be a finite number of at least " + min
                    + ", got " + value);
        }
        return value;
    }

    public boolean bool(String name) {
        String value = values.get(name);
        if (!value.equals("true") && !value.equals("false")) {
            throw new IllegalArgumentException(family + ": " + name + " must be true or false, got '" + value + "'");
        }
        return Boolean.parseBoolean(value);
    }
}
