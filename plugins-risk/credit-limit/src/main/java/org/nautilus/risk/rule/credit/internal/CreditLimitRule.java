package org.nautilus.risk.rule.credit.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.nautilus.api.audit.ConfigurationCheck;
import org.nautilus.api.domain.FixedPoint;
import org.nautilus.api.domain.Instrument;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.OrderRequest;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.domain.Position;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Side;
import org.nautilus.api.risk.RiskContext;
import org.nautilus.api.risk.RiskDecision;
import org.nautilus.api.risk.RiskRule;
import org.nautilus.risk.support.LiveLimits;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Credit (buying-power) limit, SEC 15c3-5 style: what the portfolio holds plus what it has working may not exceed
 * its credit limit. Usage = Σ |position × mark × multiplier| + Σ working orders' open quantity × their price ×
 * multiplier + this order's notional. A working order is valued at its limit price, else its stop price, else the
 * mark; one the rule cannot value (a market order without a mark) counts nothing. An order that can only reduce
 * the position (opposite side, not more than the position with the other working orders on its side) always
 * passes, so a portfolio at its limit can still get out.
 * Configuration: {@code credit.limit}, per portfolio {@code portfolio.<id>.credit.limit}.
 */
@Component(service = {RiskRule.class, ConfigurationCheck.class}, configurationPid = CreditLimitRule.PID, property = {
        ConfigurationCheck.PID + "=" + CreditLimitRule.PID,
        RiskRule.NAME_PROPERTY + "=" + CreditLimitRule.NAME,
        "service.ranking:Integer=250"})
@Designate(ocd = CreditLimitRule.Config.class)
public final class CreditLimitRule implements RiskRule, ConfigurationCheck {

    public static final String PID = "nautilus.risk.credit_limit";

    @ObjectClassDefinition(name = "Nautilus risk: credit limit", description = "Positions plus working orders per portfolio, valued at marks and order prices, at most "
            + "credit.limit. Per-portfolio limits: portfolio.<id>.credit.limit.")
    public @interface Config {
        @AttributeDefinition(name = "Credit limit", description = "The most a portfolio may hold and have working, in "
                + "its currency.")
        String credit_limit() default DEFAULT_LIMIT;
    }

    public static final String NAME = "credit-limit";
    public static final String CODE = "CREDIT_LIMIT";
    public static final String NO_PRICE = "NO_PRICE";
    public static final String KEY = "credit.limit";
    public static final String DEFAULT_LIMIT = "10000000";

    /**
     * @param defaultLimit the credit limit of every portfolio without its own, raw fixed-point money
     * @param overrides    limits of named portfolios, raw fixed-point money
     */
    public record Limits(long defaultLimit, Map<PortfolioId, Long> overrides) {

        public Limits {
            overrides = Map.copyOf(overrides);
        }

        /** Reads {@code credit.limit} and {@code portfolio.<id>.credit.limit}; names the bad key when invalid. */
        public static Limits of(Map<String, ?> properties) {
            Object def = properties.get(KEY);
            long limit = parse(KEY, def == null ? DEFAULT_LIMIT : def);
            Map<PortfolioId, Long> overrides = new HashMap<>();
            String prefix = "portfolio.";
            String suffix = "." + KEY;
            properties.forEach((key, value) -> {
                if (key.startsWith(prefix) && key.endsWith(suffix)
                        && key.length() > prefix.length() + suffix.length()) {
                    PortfolioId id;
                    try {
                        id = PortfolioId.of(key.substring(prefix.length(), key.length() - suffix.length()));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
                    }
                    overrides.put(id, parse(key, value));
                }
            });
            return new Limits(limit, overrides);
        }

        long limit(PortfolioId portfolio) {
            Long own = overrides.get(portfolio);
            return own != null ? own : defaultLimit;
        }

        private static long parse(String key, Object value) {
            String text = String.valueOf(value).strip();
            long raw;
            try {
                raw = FixedPoint.parse(text.replace(",", "").replace("_", ""));
            } catch (IllegalArgumentException | ArithmeticException e) {
                throw new IllegalArgumentException(key + " = '" + text + "': not an amount", e);
            }
            if (raw <= 0) {
                throw new IllegalArgumentException(key + " = '" + text + "': must be positive");
            }
            return raw;
        }

        @Override
        public String toString() {
            StringBuilder b = new StringBuilder(amount(defaultLimit));
            overrides.entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(e -> b.append(", ").append(e.getKey()).append(": ").append(amount(e.getValue())));
            return b.toString();
        }
    }

    private volatile Limits limits;

    /** A rule with these limits (tests, and the defaults). */
    public CreditLimitRule(Limits limits) {
        this.limits = limits;
    }

    /** The OSGi component: limits from its configuration; invalid ones leave the defaults in force, loudly. */
    @Activate
    public CreditLimitRule(Map<String, Object> properties) {
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

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String describe() {
        return "credit limit " + limits + " (positions + working orders)";
    }

    @Override
    public RiskDecision check(OrderRequest request, RiskContext context) {
        PortfolioId portfolio = request.portfolioId();
        Position position = context.position(portfolio, request.instrumentId());
        if (reduces(request, position, context)) {
            return RiskDecision.approve();
        }
        Optional<Price> price = price(request, context);
        if (price.isEmpty()) {
            return RiskDecision.reject(NAME, NO_PRICE, "no price for the " + request.type() + " order in "
                    + request.instrumentId() + " to value it against the credit limit");
        }
        long order = notional(request.quantity().raw(), price.get(), request.instrumentId(), context);
        // Σ |quantity × mark × multiplier| of the positions: the gross exposure (a running total in the risk engine;
        // fixed-point rounding is symmetric, so |q × p| × m and |q × p × m| agree)
        long held = context.grossExposure(portfolio).raw();
        long working = 0;
        for (Order o : context.openOrders(portfolio)) {
            // The same client order id is this order itself, re-checked for an amend: counted once, as amended.
            Optional<Price> at = o.clientOrderId().equals(request.clientOrderId()) ? Optional.empty()
                    : price(o.request(), context);
            if (at.isPresent()) {
                working = Math.addExact(working, notional(o.leavesQuantity().raw(), at.get(), o.instrumentId(),
                        context));
            }
        }
        long used = Math.addExact(Math.addExact(held, working), order);
        long limit = limits.limit(portfolio);
        if (used > limit) {
            return RiskDecision.reject(NAME, CODE, "credit limit " + amount(limit) + " of portfolio " + portfolio
                    + " exceeded: positions " + amount(held) + " + working orders " + amount(working)
                    + " + this order " + amount(order) + " = " + amount(used));
        }
        return RiskDecision.approve();
    }

    /** The order's limit price, else its stop price, else the mark. */
    static Optional<Price> price(OrderRequest request, RiskContext context) {
        if (request.limitPrice() != null) {
            return Optional.of(request.limitPrice());
        }
        return request.stopPrice() != null ? Optional.of(request.stopPrice()) : context.mark(request.instrumentId());
    }

    /** |quantity × price × multiplier|, raw fixed-point money. */
    static long notional(long quantityRaw, Price price, InstrumentId instrument, RiskContext context) {
        long value = Math.abs(FixedPoint.multiply(quantityRaw, price.raw()));
        long multiplier = context.instrument(instrument).map(Instrument::multiplier).map(m -> m.raw())
                .orElse(FixedPoint.ONE);
        return multiplier == FixedPoint.ONE ? value : FixedPoint.multiply(value, multiplier);
    }

    /** Opposite the position, and with the other working orders on its side not more than the position. */
    static boolean reduces(OrderRequest request, Position position, RiskContext context) {
        long held = position.quantity().raw();
        if (held == 0 || Long.signum(held) == (request.side() == Side.BUY ? 1 : -1)) {
            return false;
        }
        long closing = request.quantity().raw();
        for (Order o : context.openOrders(request.portfolioId(), request.instrumentId())) {
            if (o.side() == request.side() && !o.clientOrderId().equals(request.clientOrderId())) {
                closing = Math.addExact(closing, o.leavesQuantity().raw());
            }
        }
        return closing <= Math.abs(held);
    }

    /** An amount for a message: exact, without trailing zeros. */
    static String amount(long raw) {
        return FixedPoint.toBigDecimal(raw).stripTrailingZeros().toPlainString();
    }
}
