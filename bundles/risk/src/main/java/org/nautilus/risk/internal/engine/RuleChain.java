package org.nautilus.risk.internal.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.OrderRequest;
import org.nautilus.api.domain.RejectCode;
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
 * <p>Rules come and go with their bundles. A rule that is not registered is simply not run, unless it is
 * mandatory ({@link #requireRules}): while a mandatory rule is missing every new order is denied with
 * {@link #RULE_MISSING} naming it (fail closed), until it is registered again.
 *
 * <p>Thread-safe: the rule set is an immutable array replaced on every change (copy-on-write), so a check
 * never locks and sees either the old or the new set; rejection counters are {@link LongAdder}s.
 */
public final class RuleChain {

    /** Reason code when a rule throws instead of deciding: the order is denied (fail closed). */
    public static final String RULE_ERROR = "RULE_ERROR";
    /** Reason code while a mandatory rule is not running: every new order is denied (fail closed). */
    public static final String RULE_MISSING = RejectCode.RULE_MISSING.name();

    private static final Logger LOG = LoggerFactory.getLogger(RuleChain.class);
    private static final Comparator<Entry> ORDER = Comparator.comparingInt(Entry::ranking).reversed()
            .thenComparing(Entry::name);

    private final Object writeLock = new Object();
    private volatile Entry[] entries = new Entry[0];
    private volatile Set<String> mandatory = Set.of();
    /** The mandatory rules not registered now, sorted: recomputed on every change, read by every check. */
    private volatile List<String> missing = List.of();
    private final LongAdder missingDenials = new LongAdder();

    /**
     * Sets the rules that must be running. While one of them is not registered every new order is denied with
     * {@link #RULE_MISSING}.
     */
    public void requireRules(Set<String> names) {
        synchronized (writeLock) {
            mandatory = Set.copyOf(names);
            updateMissing();
        }
    }

    /** The mandatory rules that are not registered now, sorted. */
    public List<String> missing() {
        return missing;
    }

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
            updateMissing();
        }
    }

    /** Removes a rule if it is still the one registered (a replaced rule's removal changes nothing). */
    public void remove(RiskRule rule) {
        synchronized (writeLock) {
            Entry[] current = entries;
            Entry[] next = Arrays.stream(current).filter(e -> e.rule != rule).toArray(Entry[]::new);
            if (next.length != current.length) {
                entries = next;
                updateMissing();
            }
        }
    }

    /** Runs every rule; the first rejection wins. With no rule registered every order is approved. */
    public RiskDecision check(OrderRequest request, RiskContext context) {
        List<String> absent = missing;
        if (!absent.isEmpty()) {
            missingDenials.increment();
            return missingDecision(absent);
        }
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
    private RiskDecision decide(OrderRequest request, Function<RiskRule, RiskDecision> check) {
        for (Entry entry : entries) {
            RiskDecision decision = run(entry, request, check);
            if (!decision.approved()) {
                entry.rejections.increment();
                return decision;
            }
        }
        return RiskDecision.approve();
    }

    /**
     * The registered rules in the order they run (a mandatory one says so), then the mandatory rules that are
     * missing, each with the orders denied since (counted together).
     */
    public List<RiskRuleInfo> rules() {
        Entry[] current = entries;
        Set<String> required = mandatory;
        List<RiskRuleInfo> infos = new ArrayList<>(current.length);
        for (Entry e : current) {
            long failures = e.failures.get();
            String text = failures == 0 ? describe(e) : describe(e) + " [FAILED " + failures + " times: see the log]";
            infos.add(new RiskRuleInfo(e.name, required.contains(e.name) ? text + " [mandatory]" : text,
                    e.rejections.sum()));
        }
        for (String name : missing) {
            infos.add(new RiskRuleInfo(name, "MISSING: mandatory rule not running, every new order is denied ["
                    + RULE_MISSING + "]", missingDenials.sum()));
        }
        return List.copyOf(infos);
    }

    /** Under the write lock: which mandatory rules are missing now; logs each change. */
    private void updateMissing() {
        Set<String> registered = new TreeSet<>();
        for (Entry e : entries) {
            registered.add(e.name);
        }
        List<String> now = mandatory.stream().filter(name -> !registered.contains(name)).sorted().toList();
        List<String> before = missing;
        if (now.equals(before)) {
            return;
        }
        missing = now;
        for (String name : now) {
            if (!before.contains(name)) {
                LOG.error("Mandatory risk rule '{}' is not running: every new order is denied [{}] until it is back "
                        + "(bundle:list, feature:install nautilus-risk-{})", name, RULE_MISSING, name);
            }
        }
        for (String name : before) {
            if (!now.contains(name)) {
                LOG.warn("Mandatory risk rule '{}' is {}", name, registered.contains(name)
                        ? "running again" + (now.isEmpty() ? ": orders are checked again" : "")
                        : "no longer mandatory");
            }
        }
    }

    private static RiskDecision missingDecision(List<String> absent) {
        String name = absent.get(0);
        String others = absent.size() == 1 ? ""
                : " (missing too: " + String.join(", ", absent.subList(1,
                        absent.size())) + ")";
        return RiskDecision.reject(name, RULE_MISSING, "mandatory risk rule " + name + " is not running" + others
                + ": new orders are denied until it is back");
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
            Function<RiskRule, RiskDecision> check) {
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
