package org.nautilus.grid.internal.node;

import java.io.Serializable;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCheckedException;
import org.apache.ignite.IgniteException;
import org.apache.ignite.cluster.ClusterNode;
import org.apache.ignite.internal.IgniteEx;
import org.apache.ignite.internal.processors.cache.persistence.IgniteCacheDatabaseSharedManager;
import org.apache.ignite.internal.processors.cache.persistence.metastorage.MetaStorage;
import org.apache.ignite.internal.processors.cluster.BaselineTopology;
import org.apache.ignite.internal.processors.cluster.BaselineTopologyHistory;
import org.apache.ignite.internal.processors.cluster.BaselineTopologyHistoryItem;
import org.apache.ignite.internal.processors.cluster.GridClusterStateProcessor;
import org.apache.ignite.lang.IgniteCallable;
import org.apache.ignite.resources.IgniteInstanceResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this node's persisted baseline history complete.
 *
 * <p>Ignite stores the current baseline ({@value #CURRENT}) and one item per earlier baseline ({@value #PREFIX}0 ..
 * id-1) in each node's metastorage, and a node refuses to start if one is missing ("Restoring of BaselineTopology
 * history has failed, expected history item not found for id=N"). Ignite 2.17 leaves that gap on a node that joins
 * while the baseline is changing: the coordinator hands the joiner the new baseline, but the history it sends is what
 * its exchange has written so far, which does not yet hold the previous baseline. The joiner persists the new
 * baseline without that item, and the next whole-cluster stop leaves it unable to start (and the rest of the
 * cluster waiting for it). Nautilus grows the baseline as nodes join, so a node starting next to another one hits
 * this whenever it joins inside that window (issue 17; {@code BaselineHistoryTest} reproduces it).
 *
 * <p>{@link #repair} copies the missing items, byte for byte, from a node that has them, into this node's
 * metastorage and into its in-memory history (which it hands on to joining nodes when it coordinates).
 */
public final class BaselineHistory {

    static final String CURRENT = "metastoreBltKey";
    static final String PREFIX = "bltHist-";
    /** A node that does not answer within this is skipped (the next check asks again). */
    static final long CALL_TIMEOUT_MS = 5_000;

    private static final Logger LOG = LoggerFactory.getLogger(BaselineHistory.class);

    private BaselineHistory() {
    }

    /** The persisted baseline id of this node and the ids of the history items its metastorage lacks. */
    public record Check(int baselineId, List<Integer> missing) {
    }

    /**
     * Reads this node's metastorage; {@code null} when there is nothing to check (no persistence, cluster inactive,
     * no baseline yet).
     */
    public static Check check(Ignite ignite) {
        MetaStorage metastorage = metastorage(ignite);
        if (metastorage == null) {
            return null;
        }
        IgniteCacheDatabaseSharedManager database = database(ignite);
        database.checkpointReadLock();
        try {
            Serializable current = metastorage.read(CURRENT);
            if (!(current instanceof BaselineTopology blt)) {
                return null;
            }
            List<Integer> missing = new ArrayList<>();
            for (int id = 0; id < blt.id(); id++) {
                if (metastorage.readRaw(PREFIX + id) == null) {
                    missing.add(id);
                }
            }
            return new Check(blt.id(), missing);
        } catch (IgniteCheckedException e) {
            throw new IgniteException("cannot read the baseline history from the metastorage", e);
        } finally {
            database.checkpointReadUnlock();
        }
    }

    /**
     * Copies the history items this node lacks from other server nodes that have them.
     *
     * @return the ids still missing afterwards (empty: the history is complete)
     */
    public static List<Integer> repair(Ignite ignite) {
        Check check = check(ignite);
        if (check == null || check.missing().isEmpty()) {
            return List.of();
        }
        String self = ignite.name();
        TreeSet<Integer> missing = new TreeSet<>(check.missing());
        SortedMap<Integer, String> copiedFrom = new TreeMap<>();
        Collection<ClusterNode> others = ignite.cluster().forServers().forRemotes().nodes();
        for (ClusterNode other : others) {
            if (missing.isEmpty()) {
                break;
            }
            Map<Integer, byte[]> found;
            try {
                found = ignite.compute(ignite.cluster().forNode(other)).withTimeout(CALL_TIMEOUT_MS)
                        .call(new ReadItems(List.copyOf(missing)));
            } catch (RuntimeException e) {
                LOG.debug("Ignite node '{}': node {} could not send baseline history items", self, other.consistentId(),
                        e);
                continue;
            }
            for (Map.Entry<Integer, byte[]> item : found.entrySet()) {
                if (missing.contains(item.getKey()) && write(ignite, item.getKey(), item.getValue())) {
                    missing.remove(item.getKey());
                    copiedFrom.put(item.getKey(), String.valueOf(other.consistentId()));
                }
            }
        }
        if (!copiedFrom.isEmpty()) {
            restoreInMemory(ignite, check.baselineId());
            LOG.warn("Ignite node '{}': its baseline history lacked item(s) {} of baseline {} (it joined the cluster "
                    + "while the baseline was changing, an Ignite race); without them it could not start again after "
                    + "a whole-cluster stop. Copied them from {}.", self, check.missing(), check.baselineId(),
                    copiedFrom);
        }
        return List.copyOf(missing);
    }

    private static boolean write(Ignite ignite, int id, byte[] item) {
        MetaStorage metastorage = metastorage(ignite);
        if (metastorage == null) {
            return false;
        }
        IgniteCacheDatabaseSharedManager database = database(ignite);
        database.checkpointReadLock();
        try {
            // Raw bytes: the item as the other node's metastorage holds it (same marshaller on every node).
            metastorage.writeRaw(PREFIX + id, item);
            return true;
        } catch (IgniteCheckedException e) {
            LOG.warn("Ignite node '{}': could not write baseline history item {}", ignite.name(), id, e);
            return false;
        } finally {
            database.checkpointReadUnlock();
        }
    }

    /**
     * The in-memory history is what this node sends to joining nodes when it is the coordinator (and how it checks
     * theirs); with a gap it would hand the same gap on. Ignite keeps it in a private list ordered by id: fill it
     * from the now complete metastorage.
     */
    private static void restoreInMemory(Ignite ignite, int baselineId) {
        try {
            GridClusterStateProcessor state = (GridClusterStateProcessor) ((IgniteEx) ignite).context().state();
            Field historyField = GridClusterStateProcessor.class.getDeclaredField("bltHist");
            historyField.setAccessible(true);
            BaselineTopologyHistory history = (BaselineTopologyHistory) historyField.get(state);
            Field listField = BaselineTopologyHistory.class.getDeclaredField("hist");
            listField.setAccessible(true);
            @SuppressWarnings("unchecked")
            List<BaselineTopologyHistoryItem> list = (List<BaselineTopologyHistoryItem>) listField.get(history);
            SortedMap<Integer, BaselineTopologyHistoryItem> byId = new TreeMap<>();
            list.forEach(item -> byId.put(item.id(), item));
            MetaStorage metastorage = metastorage(ignite);
            IgniteCacheDatabaseSharedManager database = database(ignite);
            database.checkpointReadLock();
            try {
                for (int id = 0; id < baselineId; id++) {
                    if (!byId.containsKey(id)
                            && metastorage.read(PREFIX + id) instanceof BaselineTopologyHistoryItem item) {
                        byId.put(id, item);
                    }
                }
            } finally {
                database.checkpointReadUnlock();
            }
            // The list holds a subsequence of byId in id order: insert each absent item at its place.
            int position = 0;
            for (BaselineTopologyHistoryItem item : byId.values()) {
                if (position >= list.size() || list.get(position).id() != item.id()) {
                    list.add(position, item);
                }
                position++;
            }
        } catch (ReflectiveOperationException | IgniteCheckedException | RuntimeException e) {
            // The persisted history, which a restart needs, is complete; only this run's copy is not.
            LOG.warn("Ignite node '{}': could not complete the in-memory baseline history (a restart will): {}",
                    ignite.name(), e.toString());
        }
    }

    private static IgniteCacheDatabaseSharedManager database(Ignite ignite) {
        return ((IgniteEx) ignite).context().cache().context().database();
    }

    /** The metastorage once it is writable (persistence on, cluster activated on this node), else {@code null}. */
    private static MetaStorage metastorage(Ignite ignite) {
        if (!(ignite instanceof IgniteEx ex) || ex.context().cache() == null
                || ex.context().cache().context() == null || !ignite.cluster().state().active()) {
            return null;
        }
        return database(ignite).metaStorage();
    }

    /** Runs on another node: the raw history items of the given ids that its metastorage holds. */
    static final class ReadItems implements IgniteCallable<Map<Integer, byte[]>> {

        private static final long serialVersionUID = 1L;

        private final List<Integer> ids;

        @IgniteInstanceResource
        private transient Ignite ignite;

        ReadItems(List<Integer> ids) {
            this.ids = ids;
        }

        @Override
        public Map<Integer, byte[]> call() throws IgniteCheckedException {
            Map<Integer, byte[]> found = new TreeMap<>();
            MetaStorage metastorage = metastorage(ignite);
            if (metastorage == null) {
                return found;
            }
            IgniteCacheDatabaseSharedManager database = database(ignite);
            database.checkpointReadLock();
            try {
                for (int id : ids) {
                    byte[] item = metastorage.readRaw(PREFIX + id);
                    if (item != null) {
                        found.put(id, item);
                    }
                }
            } finally {
                database.checkpointReadUnlock();
            }
            return found;
        }
    }
}
