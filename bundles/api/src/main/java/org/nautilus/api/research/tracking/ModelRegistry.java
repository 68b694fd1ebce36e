package org.nautilus.api.research.tracking;

import java.util.List;
import java.util.Optional;
import org.nautilus.api.research.FittedModel;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Registered models with versions made from tracked runs, and aliases that say which version serves. Alias
 * changes are audited with the user and kept as history, so a promotion can be rolled back.
 */
@ProviderType
public interface ModelRegistry {

    /**
     * Registers the run's model artifact as the next version of {@code model} (created if new).
     *
     * @throws IllegalArgumentException if the run does not exist, did not finish, or has no model artifact
     */
    ModelVersion register(String model, String run);

    List<RegisteredModel> models();

    Optional<RegisteredModel> model(String name);

    /**
     * Points {@code alias} at {@code version} (audited with {@code user}).
     *
     * @throws IllegalArgumentException if the model or version does not exist or the alias is blank
     */
    AliasChange setAlias(String model, String alias, int version, String user);

    /** Points the alias back at the version it had before its latest change (audited). */
    AliasChange rollback(String model, String alias, String user);

    /** Alias changes of a model, oldest first. */
    List<AliasChange> aliasHistory(String model);

    /**
     * The version's model, loaded from its artifact by its family's plugin.
     *
     * @throws IllegalStateException if the family plugin is not deployed or the artifact cannot be read
     */
    FittedModel load(String model, int version);

}
