package org.nautilus.risk.rule.killswitch.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.nautilus.api.domain.OrderRequest;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.risk.RiskContext;
import org.nautilus.api.risk.RiskDecision;
import org.nautilus.api.risk.RiskRule;
import org.nautilus.api.risk.TradingState;
import org.nautilus.api.risk.TradingStateService;
import org.nautilus.api.risk.TradingStatus;
import org.nautilus.risk.support.PerPortfolio;
import org.nautilus.risk.support.Valuation;

/**
 * The kill switch: trading states ACTIVE / REDUCING / HALTED, globally and per portfolio, as a risk rule (it
 * runs first) and as the {@link TradingStateService} the shell drives.
 *
 * <ul>
 *   <li>HALTED: every new order is denied ({@code TRADING_HALTED}); cancels never reach the risk engine and
 *       so always go through.</li>
 *   <li>REDUCING: only orders that reduce a position, open orders included, are accepted
 *       ({@code TRADING_REDUCING}).</li>
 * </ul>
 *
 * <p>The states are one immutable value swapped under a lock, read without one. Every change is handed to a
 * persister (the component writes it to its configuration, so it survives a restart); configuration keys:
 * {@code state}, {@code reason}, {@code since}, per portfolio {@code portfolio.<id>.state|reason|since}, and
 * {@code revision}, which the persister increments so a late echo of an older write is ignored.
 */
public final class KillSwitch implements RiskRule, TradingStateService {

    public static final String NAME = "kill-switch";
    public static final String HALTED = "TRADING_HALTED";
    public static final String REDUCING = "TRADING_REDUCING";
    public static final String REVISION = "revision";

    /** All states at one moment. */
    private record States(TradingStatus global, Map<PortfolioId, TradingStatus> portfolios, long revision) {
    }

    private final Clock clock;
    private final Object writeLock = new Object();
    private volatile States states;
    private volatile Consumer<Map<String, String>> persister = p -> {};

    public KillSwitch(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.states = new States(new TradingStatus(null, TradingState.ACTIVE, "", clock.instant()), Map.of(), 0);
    }

    /** Where changes made through {@link TradingStateService} are written. */
    public void persistTo(Consumer<Map<String, String>> newPersister) {
        this.persister = Objects.requireNonNull(newPersister, "persister");
    }

    /**
     * Applies states read from configuration. A configuration older than the states in force (a lower
     * {@code revision}) is ignored; a state that did not change keeps its reason and time.
     *
     * @throws IllegalArgumentException naming the key of an invalid state; nothing changes then
     */
    public void configure(Map<String, ?> properties) {
        long revision = parseRevision(properties.get(REVISION));
        Instant now = clock.instant();
        synchronized (writeLock) {
            States current = states;
            if (revision < current.revision) {
                return;
            }
            TradingStatus global = read(null, "", properties, current.global, now);
            Map<PortfolioId, TradingStatus> portfolios = new HashMap<>();
            for (String key : properties.keySet()) {
                if (key.startsWith(PerPortfolio.PREFIX) && key.endsWith(".state")) {
                    String id = key.substring(PerPortfolio.PREFIX.length(), key.length() - ".state".length());
                    PortfolioId portfolio = PerPortfolio.parse(key, id, PortfolioId::of);
                    TradingStatus status = read(portfolio, key.substring(0, key.length() - "state".length()),
                            properties, current.portfolios.get(portfolio), now);
                    if (status.state() != TradingState.ACTIVE) {
                        portfolios.put(portfolio, status);
                    }
                }
            }
            states = new States(global, Map.copyOf(portfolios), revision);
        }
    }

    @Override
    public TradingStatus global() {
        return states.global;
    }

    @Override
    public TradingStatus status(PortfolioId portfolio) {
        States s = states;
        TradingStatus own = s.portfolios.get(portfolio);
        if (own == null || s.global.state().restrict(own.state()) == s.global.state()) {
            return s.global;
        }
        return own;
    }

    @Override
    public List<TradingStatus> statuses() {
        States s = states;
        List<TradingStatus> all = new ArrayList<>();
        all.add(s.global);
        new TreeMap<>(s.portfolios).values().forEach(all::add);
        return all;
    }

    @Override
    public TradingStatus setGlobal(TradingState state, String reason) {
        Objects.requireNonNull(state, "state");
        synchronized (writeLock) {
            States s = states;
            TradingStatus status = new TradingStatus(null, state, clean(reason), clock.instant());
            publish(new States(status, s.portfolios, s.revision + 1));
            return status;
        }
    }

    @Override
    public TradingStatus set(PortfolioId portfolio, TradingState state, String reason) {
        Objects.requireNonNull(portfolio, "portfolio");
        Objects.requireNonNull(state, "state");
        synchronized (writeLock) {
            States s = states;
            TradingStatus status = new TradingStatus(portfolio, state, clean(reason), clock.instant());
            Map<PortfolioId, TradingStatus> portfolios = new HashMap<>(s.portfolios);
            if (state == TradingState.ACTIVE) {
                portfolios.remove(portfolio);
            } else {
                portfolios.put(portfolio, status);
            }
            publish(new States(s.global, Map.copyOf(portfolios), s.revision + 1));
            return status;
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String describe() {
        States s = states;
        StringBuilder b = new StringBuilder("trading ").append(s.global.state());
        if (!s.global.reason().isEmpty()) {
            b.append(" (").append(s.global.reason()).append(')');
        }
        new TreeMap<>(s.portfolios).values().forEach(p -> b.append(", ").append(p.portfolio()).append(' ')
                .append(p.state()));
        return b.toString();
    }

    @Override
    public RiskDecision check(OrderRequest request, RiskContext context) {
        States s = states;
        TradingStatus status = s.portfolios.isEmpty() ? s.global : status(request.portfolioId());
        switch (status.state()) {
            case ACTIVE:
                return RiskDecision.approve();
            case HALTED:
                return RiskDecision.reject(NAME, HALTED, "trading is HALTED (" + scope(status) + since(status)
                        + "): no new orders; cancels are still accepted");
            default:
                if (Valuation.reduces(request, context.position(request.portfolioId(), request.instrumentId()),
                        context.openOrders(request.portfolioId(), request.instrumentId()))) {
                    return RiskDecision.approve();
                }
                return RiskDecision.reject(NAME, REDUCING, "trading is REDUCING (" + scope(status) + since(status)
                        + "): only orders that reduce a position are accepted");
        }
    }

    private void publish(States next) {
        states = next;
        persister.accept(toProperties(next));
    }

    /** The states as configuration properties. */
    static Map<String, String> toProperties(States s) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("state", s.global.state().name());
        p.put("reason", s.global.reason());
        p.put("since", s.global.since().toString());
        new TreeMap<>(s.portfolios).forEach((id, st) -> {
            String prefix = PerPortfolio.PREFIX + id.value() + ".";
            p.put(prefix + "state", st.state().name());
            p.put(prefix + "reason", st.reason());
            p.put(prefix + "since", st.since().toString());
        });
        p.put(REVISION, Long.toString(s.revision));
        return p;
    }

    private static TradingStatus read(PortfolioId portfolio, String prefix, Map<String, ?> properties,
            TradingStatus current, Instant now) {
        String stateKey = prefix + "state";
        Object rawState = properties.get(stateKey);
        TradingState state = rawState == null || String.valueOf(rawState).isBlank() ? TradingState.ACTIVE
                : PerPortfolio.parse(stateKey, rawState, t -> {
                    try {
                        return TradingState.valueOf(t.toUpperCase(Locale.ROOT));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("must be ACTIVE, REDUCING or HALTED");
                    }
                });
        String reason = clean(properties.get(prefix + "reason"));
        if (current != null && current.state() == state && current.reason().equals(reason)) {
            return current;
        }
        Object rawSince = properties.get(prefix + "since");
        Instant since = now;
        if (rawSince != null && !String.valueOf(rawSince).isBlank()) {
            try {
                since = Instant.parse(String.valueOf(rawSince).strip());
            } catch (DateTimeParseException e) {
                since = now; // a hand-edited file with a bad time: the state still applies, from now
            }
        }
        return new TradingStatus(portfolio, state, reason, since);
    }

    private static long parseRevision(Object raw) {
        if (raw == null || String.valueOf(raw).isBlank()) {
            return 0;
        }
        return PerPortfolio.parse(REVISION, raw, Long::parseLong);
    }

    private static String clean(Object reason) {
        return reason == null ? "" : String.valueOf(reason).strip();
    }

    private static String scope(TradingStatus status) {
        return (status.isGlobal() ? "global" : "portfolio " + status.portfolio())
                + (status.reason().isEmpty() ? "" : ": " + status.reason());
    }

    private static String since(TradingStatus status) {
        return ", since " + status.since();
    }
}
