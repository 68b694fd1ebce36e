package org.nautilus.grid.internal.store;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import org.nautilus.grid.internal.node.GridSettings;
import org.nautilus.grid.internal.node.GridStartupException;

/**
 * Validated settings of the trading store (PID {@code nautilus.store}).
 *
 * @param maxBatch           at most this many units of work (commands) per sync; 1 = one sync per command
 * @param commitTimeout      how long a command waits for its commit before the store is declared failed
 * @param freshStartAllowed  start with an empty store even though the marker says this node had data
 * @param markerFile         the local marker written once the store is initialized
 * @param journal            whether commands are acknowledged after the journal sync (Ignite written behind)
 * @param journalDirectory   where the journal's segments live
 * @param journalSegmentMb   size of one journal segment
 * @param materializeMaxLag  at most this many journaled commands not yet in the Ignite caches
 */
public record StoreSettings(int maxBatch, Duration commitTimeout, boolean freshStartAllowed, Path markerFile,
        JournalMode journal, Path journalDirectory, int journalSegmentMb, int materializeMaxLag) {

    /** When the store acknowledges after its own journal rather than after the Ignite transaction. */
    public enum JournalMode {
        /**
         * On a single persistent node ({@code cache.backups = 0}); off in a cluster, where the journal, local to one
         * node, would not survive its loss while Ignite's backups do.
         */
        AUTO,
        ON,
        OFF
    }

    public StoreSettings {
        if (maxBatch < 1) {
            throw new GridStartupException("commit.max.batch must be at least 1, got " + maxBatch);
        }
        Objects.requireNonNull(commitTimeout, "commitTimeout");
        if (commitTimeout.isNegative() || commitTimeout.isZero()) {
            throw new GridStartupException("commit.timeout.ms must be positive, got " + commitTimeout.toMillis());
        }
        Objects.requireNonNull(markerFile, "markerFile");
        Objects.requireNonNull(journal, "journal");
        Objects.requireNonNull(journalDirectory, "journalDirectory");
        if (journalSegmentMb < 1) {
            throw new GridStartupException("journal.segment.mb must be at least 1, got " + journalSegmentMb);
        }
        if (materializeMaxLag < 1) {
            throw new GridStartupException("materialize.max.lag must be at least 1, got " + materializeMaxLag);
        }
    }

    /** The journal's default place: next to the Ignite work directory, outside it. */
    public static Path defaultJournal(Path workDirectory) {
        return workDirectory.resolveSibling(workDirectory.getFileName() + ".journal");
    }

    /** {@code true} if this store journals on a grid node with these settings. */
    public boolean journaled(GridSettings grid) {
        return switch (journal) {
            case ON -> {
                if (!grid.persistenceEnabled()) {
                    throw new GridStartupException("journal.mode = ON needs native persistence (persistence.enabled "
                            + "in etc/nautilus.grid.cfg): without it nothing is durable to journal for");
                }
                if (grid.cacheBackups() > 0) {
                    throw new GridStartupException("journal.mode = ON is for a single node: with cache.backups = "
                            + grid.cacheBackups() + " the node running the OMS can fail over, and its local journal "
                            + "would not go with it. Use AUTO or OFF.");
                }
                yield true;
            }
            case OFF -> false;
            case AUTO -> grid.persistenceEnabled() && grid.cacheBackups() == 0;
        };
    }

    /** The marker's default place: next to the Ignite work directory, outside it. */
    public static Path defaultMarker(Path workDirectory) {
        return workDirectory.resolveSibling(workDirectory.getFileName() + ".nautilus-store");
    }

    public static StoreSettings defaults(Path workDirectory) {
        return new StoreSettings(1024, Duration.ofSeconds(30), false, defaultMarker(workDirectory), JournalMode.AUTO,
                defaultJournal(workDirectory), 64, 50_000);
    }

    /** Settings from the component configuration; the marker defaults to a sibling of {@code workDirectory}. */
    public static StoreSettings from(StoreConfig config, Path workDirectory) {
        JournalMode mode;
        try {
            mode = JournalMode.valueOf(config.journal_mode().strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new GridStartupException("journal.mode must be AUTO, ON or OFF, got '" + config.journal_mode() + "'");
        }
        return new StoreSettings(config.commit_max_batch(), Duration.ofMillis(config.commit_timeout_ms()),
                config.fresh_start_allowed(), path(config.marker_file(), defaultMarker(workDirectory)), mode,
                path(config.journal_directory(), defaultJournal(workDirectory)), config.journal_segment_mb(),
                config.materialize_max_lag());
    }

    public StoreSettings withMaxBatch(int value) {
        return new StoreSettings(value, commitTimeout, freshStartAllowed, markerFile, journal, journalDirectory,
                journalSegmentMb, materializeMaxLag);
    }

    public StoreSettings withCommitTimeout(Duration value) {
        return new StoreSettings(maxBatch, value, freshStartAllowed, markerFile, journal, journalDirectory,
                journalSegmentMb, materializeMaxLag);
    }

    public StoreSettings withFreshStartAllowed(boolean value) {
        return new StoreSettings(maxBatch, commitTimeout, value, markerFile, journal, journalDirectory,
                journalSegmentMb, materializeMaxLag);
    }

    public StoreSettings withJournal(JournalMode value) {
        return new StoreSettings(maxBatch, commitTimeout, freshStartAllowed, markerFile, value, journalDirectory,
                journalSegmentMb, materializeMaxLag);
    }

    public StoreSettings withJournalSegmentMb(int value) {
        return new StoreSettings(maxBatch, commitTimeout, freshStartAllowed, markerFile, journal, journalDirectory,
                value, materializeMaxLag);
    }

    public StoreSettings withMaterializeMaxLag(int value) {
        return new StoreSettings(maxBatch, commitTimeout, freshStartAllowed, markerFile, journal, journalDirectory,
                journalSegmentMb, value);
    }

    static Path path(String text, Path fallback) {
        return text == null || text.isBlank() ? fallback : Paths.get(text.strip()).toAbsolutePath().normalize();
    }
}
