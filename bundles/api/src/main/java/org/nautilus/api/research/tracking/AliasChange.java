package org.nautilus.api.research.tracking;

import java.time.Instant;

/**
 * An alias moved (promotion, roll-back) or was removed.
 *
 * @param model    the registered model
 * @param alias    the alias
 * @param previous the version it pointed at before, 0 if none
 * @param version  the version it points at now, 0 if removed
 * @param user     who did it
 * @param time     when
 */
public record AliasChange(String model, String alias, int previous, int version, String user, Instant time) {
}
