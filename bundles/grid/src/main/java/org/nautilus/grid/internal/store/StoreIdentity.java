package org.nautilus.grid.internal.store;

import static org.nautilus.grid.internal.store.IgniteTradingStore.JOURNAL_ID_FILE;
import static org.nautilus.grid.internal.store.IgniteTradingStore.META_FORMAT;
import static org.nautilus.grid.internal.store.IgniteTradingStore.META_INITIALIZED;
import static org.nautilus.grid.internal.store.IgniteTradingStore.META_JOURNAL;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;
import org.nautilus.grid.internal.journal.JournalFile;
import org.nautilus.grid.internal.node.GridStartupException;
import org.nautilus.grid.internal.store.StateCodecs.Meta;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which store the persistent data is, and whether it is the one this node had: a cluster-wide
 * {@value IgniteTradingStore#META_INITIALIZED} entry plus a local marker file outside the Ignite work directory tell
 * an empty store from a lost one (no entry but a marker means the persistent data this node had is gone), and the
 * journal directory's identity file tells this store's journal from a missing or foreign one. The stored-order format
 * is checked here too, before anything reads an order.
 */
final class StoreIdentity {

    /**
     * The layout of the stored orders: 2 since the OMS's working state is opaque bytes. A store without it was
     * written by an earlier version and is refused (see the upgrade notes in README.md). Within format 2 an order
     * cache row is either the journal's encoding of the stored order (written since) or the nested binary layout
     * written before: both are read, so the format number did not change.
     */
    static final long FORMAT = 2;

    private static final Logger LOG = LoggerFactory.getLogger(StoreIdentity.class);

    private final StoreCaches caches;
    private final StoreSettings settings;
    private final String storeId;

    /**
     * Checks (or initializes) the store on its caches.
     *
     * @throws GridStartupException if the persistence directory is missing, empty or another store's while the local
     *                              marker says this node had data (unless a fresh start is allowed), or the store is
     *                              of a format this version cannot read
     */
    StoreIdentity(StoreCaches caches) {
        this.caches = caches;
        this.settings = caches.settings;
        this.storeId = checkInitialized();
    }

    /** The id written when the store was first initialized (shared by every node of a cluster). */
    String storeId() {
        return storeId;
    }

    private Path workDirectory() {
        return caches.grid.settings().workDirectory();
    }

    private String checkInitialized() {
        Optional<Meta> initialized = caches.meta.get(META_INITIALIZED);
        if (!caches.grid.settings().persistenceEnabled()) {
            initialized.ifPresent(found -> checkFormat(found.text()));
            return initialized.map(Meta::text).orElseGet(() -> initialize(false));
        }
        Path marker = settings.markerFile();
        Properties local = readMarker(marker);
        if (initialized.isEmpty()) {
            if (local != null && !settings.freshStartAllowed()) {
                throw new GridStartupException("Nautilus store: the persistent data under " + workDirectory()
                        + " is missing or empty, but this node had a store there (marker " + marker + ": store "
                        + local.getProperty("store.id") + " initialized " + local.getProperty("initialized")
                        + "). Restore the directory (or mount the right volume); to start with an empty store on "
                        + "purpose, set fresh.start.allowed=true in etc/nautilus.store.cfg (and back to false "
                        + "afterwards), or delete the marker file.");
            }
            if (local != null) {
                LOG.warn("Nautilus store: starting EMPTY although marker {} says store {} was here "
                        + "(fresh.start.allowed=true)", marker, local.getProperty("store.id"));
            }
            return initialize(true);
        }
        String id = initialized.get().text();
        checkFormat(id);
        if (local != null && !id.equals(local.getProperty("store.id")) && !settings.freshStartAllowed()) {
            throw new GridStartupException("Nautilus store: the persistent data under " + workDirectory()
                    + " belongs to store " + id + ", but this node's marker " + marker + " names store "
                    + local.getProperty("store.id") + ": the wrong directory or volume is mounted. Mount the right "
                    + "one, or set fresh.start.allowed=true in etc/nautilus.store.cfg to adopt this data.");
        }
        if (local == null || !id.equals(local.getProperty("store.id"))) {
            writeMarker(marker, id, Instant.ofEpochMilli(initialized.get().number()));
        }
        return id;
    }

    private String initialize(boolean persistent) {
        String id = UUID.randomUUID().toString();
        Instant now = Instant.now();
        caches.meta.put(META_FORMAT, new Meta(FORMAT, null));
        // Nodes of a new cluster start together: the first to write the id wins, the others adopt it (a plain put
        // let the second overwrite the first's id, and the first node then refused its own data at its restart).
        if (!caches.meta.putIfAbsent(META_INITIALIZED, new Meta(now.toEpochMilli(), id))) {
            Meta winner = caches.meta.get(META_INITIALIZED).orElseThrow();
            if (persistent) {
                writeMarker(settings.markerFile(), winner.text(), Instant.ofEpochMilli(winner.number()));
                LOG.info("Nautilus store {} initialized by another node of the cluster meanwhile; marker {}",
                        winner.text(), settings.markerFile());
            }
            return winner.text();
        }
        if (persistent) {
            writeMarker(settings.markerFile(), id, now);
            LOG.info("Nautilus store {} initialized (empty) under {}; marker {}", id, workDirectory(),
                    settings.markerFile());
        }
        return id;
    }

    /** Refuses a store whose orders this version cannot read, before anything reads them. */
    private void checkFormat(String id) {
        long found = caches.meta.get(META_FORMAT).map(Meta::number).orElse(1L);
        if (found != FORMAT) {
            throw new GridStartupException("Nautilus store: store " + id + " under " + workDirectory()
                    + " has stored-order format " + found + "; this version reads format " + FORMAT + " only (the "
                    + "OMS's working state became opaque bytes). Drain it with the version that wrote it, or start "
                    + "this version on an empty work directory and journal: see the upgrade notes in README.md.");
        }
    }

    private static Properties readMarker(Path marker) {
        if (!Files.isRegularFile(marker)) {
            return null;
        }
        Properties properties = new Properties();
        try (var in = Files.newBufferedReader(marker, StandardCharsets.UTF_8)) {
            properties.load(in);
        } catch (IOException e) {
            throw new GridStartupException("Nautilus store: marker " + marker + " cannot be read: " + e.getMessage());
        }
        return properties;
    }

    private void writeMarker(Path marker, String id, Instant created) {
        String text = "# Nautilus store marker: this node's trading state lives in the Ignite work directory below.\n"
                + "# If that directory is lost, the node refuses to start empty (see etc/nautilus.store.cfg).\n"
                + "store.id=" + id + "\ninitialized=" + created + "\nwork.directory="
                + workDirectory().toString().replace("\\", "/") + "\n";
        try {
            Files.createDirectories(marker.toAbsolutePath().getParent());
            Path tmp = marker.resolveSibling(marker.getFileName() + ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, marker, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new GridStartupException("Nautilus store: marker " + marker + " cannot be written: " + e.getMessage()
                    + ". Fix the permissions or set marker.file in etc/nautilus.store.cfg.");
        }
    }

    /**
     * The journal belongs to this store: a missing or foreign journal directory while the caches say one was used
     * would silently lose the commands it held beyond them. A journal that may be discarded is emptied and given to
     * this store.
     */
    void checkJournal(Path directory) {
        boolean used = caches.meta.get(META_JOURNAL).isPresent();
        Path idFile = directory.resolve(JOURNAL_ID_FILE);
        try {
            String found = Files.isRegularFile(idFile) ? Files.readString(idFile, StandardCharsets.UTF_8).strip()
                    : null;
            if (found != null && found.equals(storeId)) {
                return;
            }
            if (!settings.freshStartAllowed()) {
                if (used && found == null) {
                    throw new GridStartupException("Nautilus store: journal " + directory + " is missing, but store "
                            + storeId + " wrote to it: acknowledged commands that were not yet in the caches would be "
                            + "lost. Restore the directory (or set journal.directory in etc/nautilus.store.cfg to "
                            + "where it is); to go on without it, set fresh.start.allowed=true once.");
                }
                if (found != null) {
                    throw new GridStartupException("Nautilus store: journal " + directory + " belongs to store "
                            + found + ", not to store " + storeId + " under " + workDirectory()
                            + ": the wrong directory or volume is mounted. Mount the right one, or set "
                            + "fresh.start.allowed=true in etc/nautilus.store.cfg to discard that journal.");
                }
            } else if (found != null || used) {
                LOG.warn("Nautilus store: discarding journal {} (store {}) for store {} (fresh.start.allowed=true)",
                        directory, found, storeId);
            }
            giveJournal(directory, storeId);
            if (used) {
                caches.meta.remove(META_JOURNAL);
            }
        } catch (IOException e) {
            throw new GridStartupException("Nautilus store: journal " + directory + " cannot be prepared: "
                    + e.getMessage() + ". Fix the permissions or set journal.directory in etc/nautilus.store.cfg.");
        }
    }

    /** Empties a journal directory of its journal files (only those: it may be shared by mistake) for store {@code id}. */
    private static void giveJournal(Path directory, String id) throws IOException {
        Files.createDirectories(directory);
        try (Stream<Path> files = Files.list(directory)) {
            for (Path f : files.filter(JournalFile::isJournalFile).toList()) {
                Files.delete(f);
            }
        }
        Files.writeString(directory.resolve(JOURNAL_ID_FILE), id + "\n", StandardCharsets.UTF_8);
    }

    /**
     * Makes this node's local files agree with caches restored from store {@code storeId}'s snapshot, before the
     * store opens on them: the marker is written again from the caches, and a journal (this node's, of the empty
     * store it replaces) is emptied and given to the restored store, so that it continues after the sequence the
     * snapshot covers instead of being refused as another store's.
     */
    static void adoptRestored(StoreSettings settings, boolean journaled, String storeId) throws IOException {
        Files.deleteIfExists(settings.markerFile());
        if (journaled) {
            giveJournal(settings.journalDirectory(), storeId);
        }
    }
}
