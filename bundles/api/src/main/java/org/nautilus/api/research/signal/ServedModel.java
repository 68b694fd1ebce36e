package org.nautilus.api.research.signal;

import java.util.Objects;

/**
 * A registered model version being served.
 *
 * @param model     the registered model's name
 * @param alias     the alias it is served under
 * @param version   the version
 * @param family    the model family ({@code lightgbm}, ...)
 * @param shadow    {@code true} if it scores in shadow (its batches are marked so)
 * @param state     {@code SERVING}, or {@code WAITING} with {@code detail} saying why (its family plugin is not
 *                  deployed, its artifact cannot be read, ...)
 * @param detail    why it is not serving, otherwise {@code null}
 * @param published batches published so far
 */
public record ServedModel(String model, String alias, int version, String family, boolean shadow, String state,
        String detail, long published) {

    public ServedModel {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(alias, "alias");
        Objects.requireNonNull(state, "state");
    }
}
