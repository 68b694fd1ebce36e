package org.nautilus.risk.rule.marketdata.internal;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.nautilus.api.audit.ConfigurationCheck;
import org.nautilus.api.domain.OrderRequest;
import org.nautilus.api.domain.OrderType;
import org.nautilus.api.domain.Side;
import org.nautilus.api.marketdata.Quote;
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
 * Stale or missing market data: a MARKET order, or a LIMIT order that is marketable against the last quote (a BUY at
 * or above the ask, a SELL at or below the bid), needs a quote no older than {@code max.quote.age.ms}: the price
 * collar and the desk's idea of the price are only as good as their reference. A MARKET order in an instrument with
 * no quote and no mark at all is denied ({@code NO_MARKET_DATA}); with {@code require.quote = true} so is any MARKET
 * or LIMIT order without a quote (an instrument priced from bars only). Stop orders pass: they trade later, on a
 * trigger.
 * Configuration: {@code max.quote.age.ms}, {@code require.quote}.
 */
@Component(service = {RiskRule.class, ConfigurationCheck.class}, configurationPid = MarketDataAgeRule.PID, property = {
        ConfigurationCheck.PID + "=" + MarketDataAgeRule.PID,
        RiskRule.NAME_PROPERTY + "=" + MarketDataAgeRule.NAME,
        "service.ranking:Integer=650"})
@Designate(ocd = MarketDataAgeRule.Config.class)
public final class MarketDataAgeRule implements RiskRule, ConfigurationCheck {

    public static final String PID = "nautilus.risk.market_data_age";

    @ObjectClassDefinition(name = "Nautilus risk: stale market data", description = "MARKET and marketable LIMIT orders need a quote at most max.quote.age.ms old.")
    public @interface Config {
        @AttributeDefinition(name = "Max quote age (ms)", description = "The oldest quote a market or marketable "
                + "order may rely on.")
        long max_quote_age_ms() default DEFAULT_MAX_AGE_MS;

        @AttributeDefinition(name = "Require a quote", description = "true: an order in an instrument without a quote "
                + "is denied even if it has a mark from bars or trades.")
        boolean require_quote() default false;
    }

    public static final String NAME = "market-data-age";
    public static final String STALE = "STALE_MARKET_DATA";
    public static final String MISSING = "NO_MARKET_DATA";
    public static final long DEFAULT_MAX_AGE_MS = 120_000;

    /**
     * @param maxAge       the oldest quote a marketable order may rely on
     * @param requireQuote {@code true}: an order without a quote is denied even if a mark (a bar, a trade) exists
     */
    public record Limits(Duration maxAge, boolean requireQuote) {

        public static Limits of(Map<String, ?> properties) {
            Object age = properties.get("max.quote.age.ms");
            Object require = properties.get("require.quote");
            long ms;
            String text = age == null ? String.valueOf(DEFAULT_MAX_AGE_MS) : String.valueOf(age).strip();
            try {
                ms = Long.parseLong(text.replace("_", ""));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("max.quote.age.ms = '" + text + "': not a whole number", e);
            }
            if (ms <= 0) {
                throw new IllegalArgumentException("max.quote.age.ms = '" + text + "': must be positive");
            }
            String flag = require == null ? "false" : String.valueOf(require).strip();
            if (!flag.equalsIgnoreCase("true") && !flag.equalsIgnoreCase("false")) {
                throw new IllegalArgumentException("require.quote = '" + flag + "': true or false");
            }
            return new Limits(Duration.ofMillis(ms), Boolean.parseBoolean(flag));
        }
    }

    private volatile Limits limits;

    /** A rule with these limits (tests, and the defaults). */
    public MarketDataAgeRule(Limits limits) {
        this.limits = limits;
    }

    /** The OSGi component: limits from its configuration; invalid ones leave the defaults in force, loudly. */
    @Activate
    public MarketDataAgeRule(Map<String, Object> properties) {
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
        Limits l = limits;
        return "market and marketable orders need a quote at most " + l.maxAge().toMillis() + " ms old"
                + (l.requireQuote() ? " (a quote is required)" : "");
    }

    @Override
    public RiskDecision check(OrderRequest request, RiskContext context) {
        if (request.type() != OrderType.MARKET && request.type() != OrderType.LIMIT) {
            return RiskDecision.approve();
        }
        Limits l = limits;
        Optional<Quote> last = context.lastQuote(request.instrumentId());
        if (last.isEmpty()) {
            boolean missing = l.requireQuote()
                    || request.type() == OrderType.MARKET && context.mark(request.instrumentId()).isEmpty();
            return missing ? RiskDecision.reject(NAME, MISSING, "no " + (l.requireQuote() ? "quote" : "market data")
                    + " for " + request.instrumentId() + ": a " + request.type() + " order needs a current reference "
                    + "price") : RiskDecision.approve();
        }
        Quote quote = last.get();
        if (request.type() == OrderType.LIMIT && !marketable(request, quote)) {
            return RiskDecision.approve();
        }
        Duration age = Duration.between(quote.timestamp(), context.now());
        if (age.compareTo(l.maxAge()) > 0) {
            return RiskDecision.reject(NAME, STALE, "the last quote of " + request.instrumentId() + " is "
                    + age.toMillis() + " ms old (at most " + l.maxAge().toMillis() + " ms): a "
                    + (request.type() == OrderType.MARKET ? "MARKET" : "marketable LIMIT " + request.limitPrice())
                    + " order needs a fresh reference (bid " + quote.bid() + ", ask " + quote.ask() + " at "
                    + quote.timestamp() + ")");
        }
        return RiskDecision.approve();
    }

    private static boolean marketable(OrderRequest request, Quote quote) {
        return request.side() == Side.BUY ? request.limitPrice().compareTo(quote.ask()) >= 0
                : request.limitPrice().compareTo(quote.bid()) <= 0;
    }
}
