package org.nautilus.risk.rule.venuesession.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.nautilus.api.audit.ConfigurationCheck;
import org.nautilus.api.domain.OrderRequest;
import org.nautilus.api.risk.RiskContext;
import org.nautilus.api.risk.RiskDecision;
import org.nautilus.api.risk.RiskRule;
import org.nautilus.api.venue.TradingHours;
import org.nautilus.api.venue.Venue;
import org.nautilus.risk.support.LiveLimits;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Venue pre-entry checks: an order is only sent where it can be taken. What a venue says about itself
 * ({@link Venue#tradingHours()}, {@link Venue#orderTypes()}, {@link Venue#timesInForce()}) is checked before the order
 * leaves: outside the venue's session ({@code VENUE_CLOSED}), an order type it does not accept
 * ({@code VENUE_ORDER_TYPE}), a time in force it does not accept ({@code VENUE_TIME_IN_FORCE}). An order for a named
 * venue is checked against that venue; a routed order (no venue) needs at least one registered venue that takes it,
 * otherwise it is denied with every venue's reason. An unknown venue is left to the OMS, which refuses it itself.
 * The rule has no limits of its own; {@code enabled = false} switches it off.
 */
@Component(service = {RiskRule.class, ConfigurationCheck.class}, configurationPid = VenueSessionRule.PID, property = {
        ConfigurationCheck.PID + "=" + VenueSessionRule.PID,
        RiskRule.NAME_PROPERTY + "=" + VenueSessionRule.NAME,
        "service.ranking:Integer=750"})
@Designate(ocd = VenueSessionRule.Config.class)
public final class VenueSessionRule implements RiskRule, ConfigurationCheck {

    public static final String PID = "nautilus.risk.venue_session";

    @ObjectClassDefinition(name = "Nautilus risk: venue pre-entry checks", description = "The venue is in its trading hours and accepts the order type and time in force (what each "
            + "venue declares).")
    public @interface Config {
        @AttributeDefinition(name = "Enabled", description = "false: every order passes this rule.")
        boolean enabled() default true;
    }

    public static final String NAME = "venue-session";
    public static final String CLOSED = "VENUE_CLOSED";
    public static final String ORDER_TYPE = "VENUE_ORDER_TYPE";
    public static final String TIME_IN_FORCE = "VENUE_TIME_IN_FORCE";

    /** @param enabled {@code false}: every order passes */
    public record Limits(boolean enabled) {

        public static Limits of(Map<String, ?> properties) {
            Object value = properties.get("enabled");
            String flag = value == null ? "true" : String.valueOf(value).strip();
            if (!flag.equalsIgnoreCase("true") && !flag.equalsIgnoreCase("false")) {
                throw new IllegalArgumentException("enabled = '" + flag + "': true or false");
            }
            return new Limits(Boolean.parseBoolean(flag));
        }
    }

    /** Why one venue cannot take an order. */
    private record Unfit(String code, String reason) {
    }

    private final List<Venue> venues = new CopyOnWriteArrayList<>();
    private volatile Limits limits;

    /** A rule with these limits (tests, and the defaults). */
    public VenueSessionRule(Limits limits) {
        this.limits = limits;
    }

    /** The OSGi component: limits from its configuration; invalid ones leave the defaults in force, loudly. */
    @Activate
    public VenueSessionRule(Map<String, Object> properties) {
        this(Limits.of(Map.of()));
        modified(properties);
    }

    /** A configuration edit: applied if valid, otherwise logged and the limits in force stay. */
    @Modified
    public void modified(Map<String, Object> properties) {
        limits = LiveLimits.apply(NAME, limits, () -> Limits.of(properties), this::describe);
    }

    /** For the audit journal: would these properties be refused, and what stays in force then. */
    @Override
    public Optional<Refusal> check(Map<String, Object> properties) {
        return LiveLimits.refusal(() -> Limits.of(properties), this::describe);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    public void addVenue(Venue venue) {
        venues.add(venue);
    }

    public void removeVenue(Venue venue) {
        venues.remove(venue);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String describe() {
        StringBuilder b = new StringBuilder(limits.enabled() ? "" : "DISABLED: ")
                .append("venue trading hours, order types and times in force");
        for (Venue v : venues) {
            b.append("; ").append(v.id()).append(": ")
                    .append(v.tradingHours().map(TradingHours::toString).orElse("always open"));
        }
        return b.toString();
    }

    @Override
    public RiskDecision check(OrderRequest request, RiskContext context) {
        if (!limits.enabled()) {
            return RiskDecision.approve();
        }
        Instant now = context.now();
        if (request.venueId() != null) {
            for (Venue v : venues) {
                if (v.id().equals(request.venueId())) {
                    return refusal(v, request, now).map(r -> RiskDecision.reject(NAME, r.code(), r.reason()))
                            .orElse(RiskDecision.approve());
                }
            }
            return RiskDecision.approve();
        }
        List<Unfit> refusals = new ArrayList<>();
        for (Venue v : venues) {
            Optional<Unfit> refused = refusal(v, request, now);
            if (refused.isEmpty()) {
                return RiskDecision.approve();
            }
            refusals.add(refused.get());
        }
        if (refusals.isEmpty()) {
            return RiskDecision.approve();
        }
        StringBuilder reasons = new StringBuilder("no venue takes the order: ");
        refusals.forEach(r -> reasons.append(r.reason()).append("; "));
        reasons.setLength(reasons.length() - 2);
        return RiskDecision.reject(NAME, refusals.get(0).code(), reasons.toString());
    }

    private static Optional<Unfit> refusal(Venue venue, OrderRequest request, Instant now) {
        Optional<TradingHours> hours = venue.tradingHours();
        if (hours.isPresent() && !hours.get().isOpen(now)) {
            return Optional.of(new Unfit(CLOSED, "venue " + venue.id() + " is closed at " + now + " (trading hours "
                    + hours.get() + ")"));
        }
        if (!venue.orderTypes().contains(request.type())) {
            return Optional.of(new Unfit(ORDER_TYPE, "venue " + venue.id() + " does not accept " + request.type()
                    + " orders (accepts " + venue.orderTypes() + ")"));
        }
        if (!venue.timesInForce().contains(request.timeInForce())) {
            return Optional.of(new Unfit(TIME_IN_FORCE, "venue " + venue.id() + " does not accept time in force "
                    + request.timeInForce() + " (accepts " + venue.timesInForce() + ")"));
        }
        return Optional.empty();
    }
}
