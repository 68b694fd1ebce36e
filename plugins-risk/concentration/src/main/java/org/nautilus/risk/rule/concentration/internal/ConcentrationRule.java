package org.nautilus.risk.rule.concentration.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.Optional;
import org.nautilus.api.audit.ConfigurationCheck;
import org.nautilus.api.domain.FixedPoint;
import org.nautilus.api.domain.Instrument;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.OrderRequest;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Side;
import org.nautilus.api.risk.RiskContext;
import org.nautilus.api.risk.RiskDecision;
import org.nautilus.api.risk.RiskRule;
import org.nautilus.risk.support.LiveLimits;
import org.nautilus.risk.support.PerPortfolio;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Concentration limit: one instrument's position, if this order and the portfolio's other working orders on its
 * side all fill (the worst case), valued at the mark (else the order's price) × multiplier, may be at most
 * {@code max.percent} of the portfolio's equity. An order that leaves the position no larger in absolute terms
 * passes; a portfolio without positive equity may only reduce.
 * Configuration: {@code max.percent} (e.g. {@code 25}), and per portfolio {@code portfolio.<id>.max.percent} beside
 * it; edits apply at runtime.
 */
@Component(service = {RiskRule.class, ConfigurationCheck.class}, configurationPid = ConcentrationRule.PID, property = {
        ConfigurationCheck.PID + "=" + ConcentrationRule.PID,
        RiskRule.NAME_PROPERTY + "=" + ConcentrationRule.NAME,
        "service.ranking:Integer=240"})
@Designate(ocd = ConcentrationRule.Config.class)
public final class ConcentrationRule implements RiskRule, ConfigurationCheck {

    public static final String PID = "nautilus.risk.concentration";

    @ObjectClassDefinition(name = "Nautilus risk: concentration", description = "One instrument's position plus working orders on the order's side, at most max.percent of "
            + "the portfolio's equity.")
    public @interface Config {
        @AttributeDefinition(name = "Max percent", description = "The largest share of equity one instrument may "
                + "take, in percent.")
        String max_percent() default DEFAULT_PERCENT;
    }

    public static final String NAME = "concentration";
    public static final String CODE = "CONCENTRATION";
    public static final String NO_PRICE = "NO_PRICE";
    public static final String KEY = "max.percent";
    public static final String DEFAULT_PERCENT = "400";

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    /**
     * @param maxPercent the largest share of equity one instrument may take, in percent: the default and the
     *                   portfolios' overrides ({@code portfolio.<id>.max.percent})
     */
    public record Limits(PerPortfolio<BigDecimal> maxPercent) {

        public static Limits of(Map<String, ?> properties) {
            Object value = properties.get(KEY);
            BigDecimal defaultPercent = percent(KEY, value == null ? DEFAULT_PERCENT : value);
            PerPortfolio<BigDecimal> overrides = PerPortfolio.read(properties, KEY, defaultPercent,
                    text -> percent(null, text));
            return new Limits(overrides);
        }

        /** A positive percentage; {@code key} names it in the error (the per-portfolio reader adds its own key). */
        private static BigDecimal percent(String key, Object value) {
            String text = String.valueOf(value).strip();
            BigDecimal percent;
            try {
                percent = new BigDecimal(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(key == null ? "not a number"
                        : key + " = '" + text
                                + "': not a number",
                        e);
            }
            if (percent.signum() <= 0) {
                throw new IllegalArgumentException((key == null ? "" : key + " ") + "must be positive, got "
                        + percent.toPlainString());
            }
            return percent.stripTrailingZeros();
        }

        /** The limit of one portfolio. */
        public BigDecimal of(PortfolioId portfolio) {
            return maxPercent.get(portfolio);
        }

        @Override
        public String toString() {
            return maxPercent.describe(p -> p.toPlainString() + "%");
        }
    }

    private volatile Limits limits;

    /** A rule with these limits (tests, and the defaults). */
    public ConcentrationRule(Limits limits) {
        this.limits = limits;
    }

    /** The OSGi component: limits from its configuration; invalid ones leave the defaults in force, loudly. */
    @Activate
    public ConcentrationRule(Map<String, Object> properties) {
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
        return "concentration at most " + limits + " of equity per instrument (position + working orders)";
    }

    @Override
    public RiskDecision check(OrderRequest request, RiskContext context) {
        long held = context.position(request.portfolioId(), request.instrumentId()).quantity().raw();
        long sameSide = request.quantity().raw();
        for (Order o : context.openOrders(request.portfolioId(), request.instrumentId())) {
            if (o.side() == request.side() && !o.clientOrderId().equals(request.clientOrderId())) {
                sameSide = Math.addExact(sameSide, o.leavesQuantity().raw());
            }
        }
        long projected = Math.addExact(held, request.side() == Side.BUY ? sameSide : -sameSide);
        if (Math.abs(projected) <= Math.abs(held)) {
            return RiskDecision.approve();
        }
        Optional<Price> price = context.mark(request.instrumentId())
                .or(() -> Optional.ofNullable(
                        request.limitPrice() != null ? request.limitPrice() : request.stopPrice()));
        if (price.isEmpty()) {
            return RiskDecision.reject(NAME, NO_PRICE, "no mark or order price for " + request.instrumentId()
                    + " to value its concentration");
        }
        BigDecimal multiplier = context.instrument(request.instrumentId()).map(Instrument::multiplier)
                .map(m -> m.toBigDecimal()).orElse(BigDecimal.ONE);
        BigDecimal exposure = FixedPoint.toBigDecimal(Math.abs(projected)).multiply(price.get().toBigDecimal())
                .multiply(multiplier);
        BigDecimal equity = context.equity(request.portfolioId()).toBigDecimal();
        BigDecimal max = limits.of(request.portfolioId());
        if (equity.signum() <= 0) {
            return RiskDecision.reject(NAME, CODE, "portfolio " + request.portfolioId() + " has equity "
                    + plain(equity) + ": only orders that reduce " + request.instrumentId() + " are accepted");
        }
        if (exposure.multiply(HUNDRED).compareTo(max.multiply(equity)) > 0) {
            BigDecimal share = exposure.multiply(HUNDRED).divide(equity, 2, RoundingMode.HALF_UP);
            return RiskDecision.reject(NAME, CODE, "concentration " + max.toPlainString() + "% of equity "
                    + plain(equity) + " exceeded: " + request.instrumentId() + " would be " + plain(exposure)
                    + " (" + plain(share) + "%) with this order and the working ones");
        }
        return RiskDecision.approve();
    }

    private static String plain(BigDecimal value) {
        BigDecimal v = value.stripTrailingZeros();
        return (v.scale() < 0 ? v.setScale(0) : v).toPlainString();
    }
}
