package org.nautilus.risk.internal.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.OrderRequest;
import org.nautilus.api.risk.RiskContext;
import org.nautilus.api.risk.RiskDecision;
import org.nautilus.api.risk.RiskRule;
import org.nautilus.api.risk.RiskRuleInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the registered {@link RiskRule}s on each new order: every rule in order (higher ranking first, then by
 * name), the first rejection wins and is counted against its rule.
 *
 * <p>Thread-safe: the rule set is an immutable array replaced on every change (copy-on-write), so a check
 * never locks and sees either the old or the new set; rejection counters are {@link LongAdder}s.
 */
public final class RiskEngine {

    /** Reason code when a rule throws instead of deciding: the order is denied (fail closed). */
    public static final String RULE_ERROR = "RULE_ERROR";

    private static final Logger LOG = LoggerFactory.getLogger(RiskEngine.class);
    private static final Comparator<Entry> ORDER =
            Comparator.comparingInt(Entry::ranking).reversed().thenComparing(Entry::name);

    private final Object writeLock = new Object();
    private volatile Entry[] entries = new Entry[0];

    /**
     * Adds a rule, replacing a rule registered under the same name.
     *
     * @param name    the rule's {@code risk.rule} property, or {@code null} to use {@link RiskRule#name()}
     * @param ranking higher runs first (the OSGi {@code service.ranking})
     */
    public void add(RiskRule rule, String name, int ranking) {
        Objects.requireNonNull(rule, "rule");
        String key = name == null || name.isBlank() ? rule.name() : name;
        synchronized (writeLock) {
            List<Entry> next = new ArrayList<>(Arrays.asList(entries));
            boolean replaced = next.removeIf(e -> e.name.equals(key));
            if (replaced) {
                LOG.warn("Risk rule '{}' registered twice: the newer service replaces the older", key);
            }
            next.add(new Entry(key, rule, ranking, new LongAdder(), new AtomicLong()));
            next.sort(ORDER);
            entries = next.toArray(Entry[]::new);
        }
    }

    /** Removes a rule if it is still the one registered (a replaced rule's removal changes nothing). */
    public void remove(RiskRule rule) {
        synchronized (writeLock) {
            Entry[] current = entries;
            Entry[] next = Arrays.stream(current).filter(e -> e.rule != rule).toArray(Entry[]::new);
            if (next.length != current.length) {
                entries = next;
            }
        }
    }

    /** Runs every rule; the first rejection wins. With no rule registered every order is approved. */
    public RiskDecision check(OrderRequest request, RiskContext context) {
        for (Entry entry : entries) {
            RiskDecision decision = run(entry, request, context);
            if (!decision.approved()) {
                entry.rejections.increment();
                return decision;
            }
        }
        return RiskDecision.approve();
    }

    /** Runs every rule's amend check on an amend a client asked for; the first rejection wins. */
    public RiskDecision checkAmend(Order order, OrderRequest amended, RiskContext context) {
        return decide(order.request(), rule -> rule.checkAmend(order, amended, context));
    }

    /** Runs every rule's cancel check on a cancel a client asked for; the first rejection wins. */
    public RiskDecision checkCancel(Order order, RiskContext context) {
        return decide(order.request(), rule -> rule.checkCancel(order, context));
    }

    /** Amends and cancels are rarer than new orders: one loop for both, through a lambda. */
    private RiskDecision decide(OrderRequest request, java.util.function.Function<RiskRule, RiskDecision> check) {
        for (Entry entry : entries) {
            RiskDecision decision = run(entry, request, check);
            if (!decision.approved()) {
                entry.rejections.increment();
                return decision;
            }
        }
        return RiskDecision.approve();
    }

    /** The registered rules in the order they run. */
    public List<RiskRuleInfo> rules() {
        Entry[] current = entries;
        List<RiskRuleInfo> infos = new ArrayList<>(current.length);
        for (Entry e : current) {
            long failures = e.failures.get();
            infos.add(new RiskRuleInfo(e.name, failures == 0 ? describe(e) : describe(e) + " [FAILED " + failures
                    + " times: see the log]", e.rejections.sum()));
        }
        return List.copyOf(infos);
    }

    public int size() {
        return entries.length;
    }

    private static RiskDecision run(Entry entry, OrderRequest request, RiskContext context) {
        try {
            return decided(entry.rule.check(request, context));
        } catch (RuntimeException e) {
            return failed(entry, request, e);
        }
    }

    private static RiskDecision run(Entry entry, OrderRequest request,
                                    java.util.function.Function<RiskRule, RiskDecision> check) {
        try {
            return decided(check.apply(entry.rule));
        } catch (RuntimeException e) {
            return failed(entry, request, e);
        }
    }

    private static RiskDecision decided(RiskDecision decision) {
        if (decision == null) {
            throw new IllegalStateException("returned no decision");
        }
        return decision;
    }

    private static RiskDecision failed(Entry entry, OrderRequest request, RuntimeException e) {
        // A broken rule must not let orders through unchecked: deny, and say why. Log the first failure
        // with its stack, then every 1000th, so a rule failing on every order cannot flood the log.
        long n = entry.failures.incrementAndGet();
        if (n == 1) {
            LOG.warn("Risk rule '{}' failed on order {}; the order is denied", entry.name,
                    request.clientOrderId(), e);
        } else if (n % 1000 == 0) {
            LOG.warn("Risk rule '{}' has failed {} times, last: {}", entry.name, n, e.toString());
        }
        return RiskDecision.reject(entry.name, RULE_ERROR, "rule failed: " + e);
    }

    private static String describe(Entry e) {
        try {
            return e.rule.describe();
        } catch (RuntimeException ex) {
            return "(describe failed: " + ex + ")";
        }
    }

    private record Entry(String name, RiskRule rule, int ranking, LongAdder rejections, AtomicLong failures) {
    }
}
