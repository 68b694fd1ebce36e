package org.nautilus.grid.internal.store;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration of the trading store on the grid, PID {@code nautilus.store} ({@code etc/nautilus.store.cfg}).
 * {@code commit.max.batch} applies live; the other keys when the store starts.
 */
@ObjectClassDefinition(name = "Nautilus store (orders, positions, risk state, audit on Ignite)", description = "Group commit and start-up checks of the durable trading state.")
public @interface StoreConfig {

    String PID = "nautilus.store";

    @AttributeDefinition(name = "Commands per commit", min = "1", description = "At most this many commands (units of work) per transaction and WAL sync. 1 = one sync per "
            + "command (slow; for comparison). Applies live.")
    int commit_max_batch() default 1024;

    @AttributeDefinition(name = "Commit timeout (ms)", min = "1", description = "How long a command waits for its commit; past it the store is declared failed and the OMS "
            + "halts until restarted.")
    int commit_timeout_ms() default 30_000;

    @AttributeDefinition(name = "Allow a fresh start", description = "Start with an empty store although this node's marker says it had data (the persistence "
            + "directory was lost on purpose). Set back to false afterwards.")
    boolean fresh_start_allowed() default false;

    @AttributeDefinition(name = "Marker file", required = false, description = "Local marker written when the store is initialized, outside the Ignite work directory. "
            + "Empty: <work.directory>.nautilus-store next to it.")
    String marker_file() default "";

    @AttributeDefinition(name = "Journal", description = "AUTO: on a single persistent node (cache.backups = 0) a command is acknowledged once its "
            + "record is fsynced in the store's own journal and the Ignite caches are written behind it; in "
            + "a cluster it is acknowledged after the replicated Ignite transaction. ON, OFF: always, never.")
    String journal_mode() default "AUTO";

    @AttributeDefinition(name = "Journal directory", required = false, description = "Where the journal's segments live. Empty: <work.directory>.journal next to it. Keep it on "
            + "the same durable volume as the Ignite work directory: it holds acknowledged commands that the "
            + "caches do not have yet.")
    String journal_directory() default "";

    @AttributeDefinition(name = "Journal segment (MB)", min = "1", description = "Size of one preallocated journal segment; segments the caches cover are deleted.")
    int journal_segment_mb() default 64;

    @AttributeDefinition(name = "Materialization lag (commands)", min = "1", description = "At most this many acknowledged commands waiting to be written to the Ignite caches; past "
            + "it acknowledgements slow down to the caches' pace. Bounds memory and the replay after a crash.")
    int materialize_max_lag() default 50_000;
}
