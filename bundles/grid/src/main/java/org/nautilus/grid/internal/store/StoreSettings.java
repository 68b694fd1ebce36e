package org.nautilus.grid.internal.store;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Objects;
import org.nautilus.grid.internal.GridStartupException;

/**
 * Validated settings of the trading store (PID {@code nautilus.store}).
 *
 * @param maxBatch          at most this many units of work (commands) per transaction; 1 = one sync per command
 * @param commitTimeout     how long a command waits for its commit before the store is declared failed
 * @param freshStartAllowed start with an empty store even though the marker says this node had data
 * @param markerFile        the local marker written once the store is initialized
 */
public record StoreSettings(int maxBatch, Duration commitTimeout, boolean freshStartAllowed, Path markerFile) {

    public StoreSettings {
        if (maxBatch < 1) {
            throw new GridStartupException("commit.max.batch must be at least 1, got " + maxBatch);
        }
        Objects.requireNonNull(commitTimeout, "commitTimeout");
        if (commitTimeout.isNegative() || commitTimeout.isZero()) {
            throw new GridStartupException("commit.timeout.ms must be positive, got " + commitTimeout.toMillis());
        }
        Objects.requireNonNull(markerFile, "markerFile");
    }

    /** The marker's default place: next to the Ignite work directory, outside it. */
    public static Path defaultMarker(Path workDirectory) {
        return workDirectory.resolveSibling(workDirectory.getFileName() + ".nautilus-store");
    }

    public static StoreSettings defaults(Path workDirectory) {
        return new StoreSettings(1024, Duration.ofSeconds(30), false, defaultMarker(workDirectory));
    }

    /** Settings from the component configuration; the marker defaults to a sibling of {@code workDirectory}. */
    public static StoreSettings from(StoreConfig config, Path workDirectory) {
        return new StoreSettings(config.commit_max_batch(), Duration.ofMillis(config.commit_timeout_ms()),
                config.fresh_start_allowed(), path(config.marker_file(), defaultMarker(workDirectory)));
    }

    public StoreSettings withMaxBatch(int value) {
        return new StoreSettings(value, commitTimeout, freshStartAllowed, markerFile);
    }

    public StoreSettings withFreshStartAllowed(boolean value) {
        return new StoreSettings(maxBatch, commitTimeout, value, markerFile);
    }

    static Path path(String text, Path fallback) {
        return text == null || text.isBlank() ? fallback : Paths.get(text.strip()).toAbsolutePath().normalize();
    }
}
