package org.nautilus.api.research.tracking;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A registered model: its versions and which version each alias points at.
 *
 * @param name     unique name
 * @param versions its versions, oldest first
 * @param aliases  alias ({@value #CHAMPION}, {@value #CHALLENGER}, ...) to version
 */
public record RegisteredModel(String name, List<ModelVersion> versions, Map<String, Integer> aliases) {

    public static final String CHAMPION = "champion";
    public static final String CHALLENGER = "challenger";

    public RegisteredModel {
        Objects.requireNonNull(name, "name");
        versions = List.copyOf(versions);
        aliases = Map.copyOf(aliases);
    }
}
