package org.nautilus.oms.internal.routing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.nautilus.api.domain.FixedPoint;
import org.nautilus.api.domain.Instrument;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.OrderRequest;
import org.nautilus.api.domain.OrderType;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.domain.Side;
import org.nautilus.api.domain.TimeInForce;
import org.nautilus.api.domain.VenueId;
import org.nautilus.api.venue.BookDepth;
import org.nautilus.api.venue.BookLevel;
import org.nautilus.api.venue.FeeSchedule;
import org.nautilus.api.venue.Venue;

/**
 * The smart order router. An order that names its venue goes there. Otherwise:
 *
 * <ul>
 *   <li>An order that trades at once (MARKET, or a LIMIT that crosses a venue's book) goes where the visible
 *       books give the best price after taker fees. With splitting on, the router walks all venues' levels from
 *       the best fee-adjusted price and sends each venue the part it can fill (a FOK is never split, nor an order
 *       below the minimum split size); what no book shows goes to the venue with the best price. Without a
 *       split, the venue that fills most of the order at the best fee-adjusted average wins.</li>
 *   <li>An order that rests (a LIMIT that does not cross, a STOP) goes to the venue with the lowest fee it will
 *       pay (maker for a LIMIT, taker for a STOP), then the best historical fill rate, then the tighter spread,
 *       then the default venue.</li>
 * </ul>
 * Every plan carries its reason with the numbers compared. Quantities are whole lots of the instrument.
 */
public final class SmartOrderRouter implements OrderRouter {

    /**
     * @param split             whether an order may be split across venues
     * @param depthLevels       how many book levels per venue to look at
     * @param minSplitQuantity  orders below this quantity are never split
     * @param defaultVenue      preferred when nothing else decides, may be {@code null}
     */
    public record Settings(boolean split, int depthLevels, Quantity minSplitQuantity, VenueId defaultVenue) {

        public static Settings defaults() {
            return new Settings(true, 10, Quantity.ZERO, null);
        }
    }

    private final Function<InstrumentId, Optional<Instrument>> instruments;
    private final VenueStatistics statistics;
    private final Settings settings;
    private final DirectRouter direct;
    /** Each venue's taker fee as a fixed-point rate, recomputed only when its fee schedule changes. */
    private final Map<Venue, TakerRate> takerRates = new ConcurrentHashMap<>();

    /** A taker fee in bps and its fixed-point rate. */
    private record TakerRate(BigDecimal bps, long raw) {
    }

    /** Levels best first for a buyer: lowest fee-adjusted price, then the higher fill rate, then the venue id. */
    private static final Comparator<Level> BEST_FOR_BUY = (x, y) -> compareLevels(x, y, false);
    private static final Comparator<Level> BEST_FOR_SELL = (x, y) -> compareLevels(x, y, true);

    public SmartOrderRouter(Function<InstrumentId, Optional<Instrument>> instruments, VenueStatistics statistics,
            Settings settings) {
        this.instruments = instruments;
        this.statistics = statistics;
        this.settings = settings;
        this.direct = new DirectRouter(settings.defaultVenue());
    }

    /** What the router knows about one venue for one order. */
    private record Candidate(Venue venue, BookDepth depth, FeeSchedule fees, long takerRate, double fillRate,
            double knownFillRate, Quantity available) {

        VenueId id() {
            return venue.id();
        }

        // Identity, not the record's value equality: a candidate is a map key, and hashing it by value would hash
        // its whole book depth.
        @Override
        public boolean equals(Object other) {
            return this == other;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }

        /** The fill rate as it was at decision time, e.g. {@code 97%} or {@code n/a}. */
        String describeFillRate() {
            return knownFillRate < 0 ? "n/a" : Math.round(knownFillRate * 100) + "%";
        }
    }

    /** One visible level of one venue with its fee-adjusted price. */
    private record Level(Candidate candidate, BookLevel level, long effective) {
    }

    @Override
    public RoutingPlan route(OrderRequest request, List<Venue> venues) {
        if (venues.isEmpty() || request.venueId() != null) {
            return direct.route(request, venues);
        }
        boolean canTrade = request.type() == OrderType.MARKET || request.type() == OrderType.LIMIT;
        List<Candidate> candidates = new ArrayList<>(venues.size());
        long visible = 0;
        // Indexed loops here and in take(): they run for every order, and their iterators were not optimized away.
        for (int v = 0; v < venues.size(); v++) {
            Venue venue = venues.get(v);
            BookDepth depth = depth(venue, request.instrumentId());
            Quantity available = canTrade && depth != null
                    ? depth.availableToTake(request.side(), request.limitPrice())
                    : Quantity.ZERO;
            visible += available.raw();
            double rate = statistics.fillRate(venue.id());
            FeeSchedule fees = fees(venue);
            candidates.add(new Candidate(venue, depth, fees, takerRate(venue, fees), rate < 0 ? 1.0 : rate, rate,
                    available));
        }
        return visible > 0 ? take(request, candidates) : rest(request, candidates);
    }

    private RoutingPlan take(OrderRequest request, List<Candidate> candidates) {
        Side side = request.side();
        Quantity quantity = request.quantity();
        List<Level> levels = new ArrayList<>();
        for (int n = 0; n < candidates.size(); n++) {
            Candidate c = candidates.get(n);
            if (!c.available().isPositive()) {
                continue;
            }
            List<BookLevel> opposite = c.depth().opposite(side);
            for (int l = 0; l < opposite.size(); l++) {
                BookLevel level = opposite.get(l);
                if (request.limitPrice() != null && !crosses(side, level.price(), request.limitPrice())) {
                    break;
                }
                levels.add(new Level(c, level, effective(side, level.price().raw(), c.takerRate())));
            }
        }
        levels.sort(side == Side.SELL ? BEST_FOR_SELL : BEST_FOR_BUY);

        boolean mayProbe = settings.split() && request.timeInForce() != TimeInForce.FOK
                && quantity.compareTo(settings.minSplitQuantity()) >= 0;
        if (mayProbe) {
            Map<Candidate, Long> allocation = greedy(levels, quantity.raw());
            if (allocation != null) {
                RoutingPlan plan = split(request, allocation, levels.get(0).candidate());
                if (plan.legs().size() > 1) {
                    return plan;
                }
            }
        }
        return single(request, candidates);
    }

    /**
     * Takes the levels best first until the quantity is covered; returns venue → quantity, best venue first, or
     * {@code null} if it all goes to one venue (the common case: no map is built for it).
     */
    private static Map<Candidate, Long> greedy(List<Level> levels, long quantity) {
        Candidate only = null;
        Map<Candidate, Long> allocation = null;
        long left = quantity;
        for (Level level : levels) {
            if (left == 0) {
                break;
            }
            long take = Math.min(left, level.level().quantity().raw());
            allocation = allocate(allocation, only, quantity - left, level.candidate(), take);
            only = level.candidate();
            left -= take;
        }
        if (left > 0) {
            // What no book shows goes where the best price is.
            allocation = allocate(allocation, only, quantity - left, levels.get(0).candidate(), left);
        }
        return allocation;
    }

    /**
     * Adds {@code take} for {@code venue}; while a single venue has everything so far ({@code only}, with
     * {@code taken}) no map exists, the second venue creates it.
     */
    private static Map<Candidate, Long> allocate(Map<Candidate, Long> allocation, Candidate only, long taken,
            Candidate venue, long take) {
        if (allocation == null && (only == null || only == venue)) {
            return null;
        }
        if (allocation == null) {
            allocation = new LinkedHashMap<>();
            allocation.put(only, taken);
        }
        allocation.merge(venue, take, Long::sum);
        return allocation;
    }

    private RoutingPlan split(OrderRequest request, Map<Candidate, Long> allocation, Candidate bestVenue) {
        Instrument instrument = instruments.apply(request.instrumentId()).orElse(null);
        long lot = instrument == null ? 1 : instrument.lotSize().raw();
        long min = instrument == null ? 1 : instrument.minQuantity().raw();
        Map<Candidate, Long> legs = new LinkedHashMap<>();
        long leftover = 0;
        for (Map.Entry<Candidate, Long> e : allocation.entrySet()) {
            long rounded = e.getValue() - e.getValue() % lot;
            if (rounded >= min) {
                legs.put(e.getKey(), rounded);
                leftover += e.getValue() - rounded;
            } else {
                leftover += e.getValue();
            }
        }
        if (legs.isEmpty()) {
            legs.put(bestVenue, 0L);
        }
        // Lot rounding and parts too small to send go to the venue with the best price.
        Candidate first = legs.keySet().iterator().next();
        legs.merge(first, leftover, Long::sum);
        if (legs.size() == 1) {
            return RoutingPlan.refused("NOT_SPLIT", "nothing to split");
        }
        List<Leg> planLegs = new ArrayList<>();
        List<Candidate> venuesUsed = new ArrayList<>();
        for (Map.Entry<Candidate, Long> e : legs.entrySet()) {
            Candidate c = e.getKey();
            Quantity part = new Quantity(e.getValue());
            planLegs.add(new Leg(c.venue(), part, expected(c, request.side(), part)));
            venuesUsed.add(c);
        }
        return new RoutingPlan(planLegs, "OK", () -> {
            StringBuilder reason = new StringBuilder();
            reason.append(request.side()).append(' ').append(request.quantity()).append(' ')
                    .append(request.instrumentId()).append(" split across ").append(planLegs.size())
                    .append(" venues by fee-adjusted price:");
            for (int i = 0; i < planLegs.size(); i++) {
                Leg leg = planLegs.get(i);
                Candidate c = venuesUsed.get(i);
                reason.append(' ').append(c.id()).append(' ').append(leg.quantity());
                if (leg.expectedPrice() != null) {
                    reason.append(" @ ").append(leg.expectedPrice());
                }
                reason.append(" (shows ").append(c.available()).append(", taker ").append(bps(c.fees().takerBps()))
                        .append(" bps, fill rate ").append(c.describeFillRate()).append(");");
            }
            reason.setLength(reason.length() - 1);
            return reason.toString();
        });
    }

    /** The one venue that fills the most of the order at the best fee-adjusted average. */
    private RoutingPlan single(OrderRequest request, List<Candidate> candidates) {
        Side side = request.side();
        Candidate chosen = null;
        Quantity chosenFill = Quantity.ZERO;
        long chosenCost = 0;
        for (int i = 0; i < candidates.size(); i++) { // indexed: once per order, an iterator each time adds up
            Candidate c = candidates.get(i);
            if (!c.available().isPositive()) {
                continue;
            }
            Quantity fill = c.available().min(request.quantity());
            long cost = effective(side, c.depth().averagePriceToTake(side, fill).orElseThrow().raw(), c.takerRate());
            int better = chosen == null ? 1 : fill.compareTo(chosenFill);
            if (better == 0) {
                int price = side == Side.BUY ? Long.compare(chosenCost, cost) : Long.compare(cost, chosenCost);
                better = price != 0 ? price : Double.compare(c.fillRate(), chosen.fillRate());
            }
            if (better > 0) {
                chosen = c;
                chosenFill = fill;
                chosenCost = cost;
            }
        }
        Candidate winner = chosen;
        Quantity winnerFill = chosenFill;
        return RoutingPlan.lazy(winner.venue(), request.quantity(), expected(winner, side, request.quantity()), () -> {
            StringBuilder reason = new StringBuilder();
            reason.append(winner.id()).append(" has the best fee-adjusted price for ").append(side).append(' ')
                    .append(request.quantity()).append(' ').append(request.instrumentId());
            if (winnerFill.compareTo(request.quantity()) < 0) {
                reason.append(" (no venue shows it all; best shows ").append(winnerFill).append(')');
            }
            for (Candidate c : candidates) {
                if (!c.available().isPositive()) {
                    continue;
                }
                Quantity fill = c.available().min(request.quantity());
                Price average = c.depth().averagePriceToTake(side, fill).orElseThrow();
                reason.append("; ").append(c.id()).append(' ').append(fill).append(" @ ").append(average)
                        .append(" (").append(FixedPoint.format(effective(side, average.raw(), c.takerRate())))
                        .append(" after ")
                        .append(bps(c.fees().takerBps())).append(" bps, fill rate ").append(c.describeFillRate())
                        .append(')');
            }
            return reason.toString();
        });
    }

    /** An order that does not trade at once: lowest fee, then fill rate, then spread, then the default venue. */
    private RoutingPlan rest(OrderRequest request, List<Candidate> candidates) {
        boolean maker = request.type() == OrderType.LIMIT;
        Comparator<Candidate> order = Comparator
                .comparing((Candidate c) -> maker ? c.fees().makerBps() : c.fees().takerBps())
                .thenComparing(c -> -c.fillRate())
                .thenComparing(SmartOrderRouter::spread)
                .thenComparing(c -> c.id().equals(settings.defaultVenue()) ? 0 : 1)
                .thenComparing(Candidate::id);
        List<Candidate> ranked = new ArrayList<>(candidates);
        ranked.sort(order);
        Candidate chosen = ranked.get(0);
        return RoutingPlan.lazy(chosen.venue(), request.quantity(), null, () -> {
            StringBuilder reason = new StringBuilder();
            reason.append(request.type()).append(' ').append(request.side()).append(' ').append(request.quantity())
                    .append(' ').append(request.instrumentId())
                    .append(request.type() == OrderType.MARKET ? " (no book shows liquidity)"
                            : " does not trade at once")
                    .append(": ").append(chosen.id()).append(" by ").append(maker ? "maker" : "taker")
                    .append(" fee, fill rate, spread:");
            for (Candidate c : ranked) {
                reason.append(' ').append(c.id()).append(' ')
                        .append(bps(maker ? c.fees().makerBps() : c.fees().takerBps())).append(" bps, ")
                        .append(c.describeFillRate());
                BigDecimal spread = spread(c);
                if (spread.compareTo(NO_SPREAD) < 0) {
                    reason.append(", spread ").append(plain(spread));
                }
                reason.append(';');
            }
            reason.setLength(reason.length() - 1);
            return reason.toString();
        });
    }

    private static final BigDecimal NO_SPREAD = BigDecimal.valueOf(Long.MAX_VALUE);

    private static BigDecimal spread(Candidate c) {
        if (c.depth() == null || c.depth().bestBid().isEmpty() || c.depth().bestAsk().isEmpty()) {
            return NO_SPREAD;
        }
        return c.depth().bestAsk().get().price().minus(c.depth().bestBid().get().price()).toBigDecimal();
    }

    private static Price expected(Candidate c, Side side, Quantity quantity) {
        if (c.depth() == null || !c.available().isPositive()) {
            return null;
        }
        return c.depth().averagePriceToTake(side, quantity.min(c.available())).orElse(null);
    }

    private static boolean crosses(Side side, Price level, Price limit) {
        return side == Side.BUY ? level.compareTo(limit) <= 0 : level.compareTo(limit) >= 0;
    }

    /** The price after the fee: higher for a buyer, lower for a seller. */
    private static long effective(Side side, long price, long feeRate) {
        return price + side.sign() * FixedPoint.multiply(price, feeRate);
    }

    private static int compareLevels(Level x, Level y, boolean sell) {
        int price = Long.compare(x.effective(), y.effective());
        if (price != 0) {
            return sell ? -price : price;
        }
        int rate = Double.compare(-x.candidate().fillRate(), -y.candidate().fillRate());
        return rate != 0 ? rate : x.candidate().id().compareTo(y.candidate().id());
    }

    private long takerRate(Venue venue, FeeSchedule fees) {
        TakerRate cached = takerRates.get(venue);
        if (cached == null || cached.bps() != fees.takerBps()) {
            // Venues return the same schedule until reconfigured: compared by identity, converted once.
            cached = new TakerRate(fees.takerBps(), rateRaw(fees.takerBps()));
            takerRates.put(venue, cached);
        }
        return cached.raw();
    }

    /** A fee in basis points as a fixed-point rate (3 bps: 0.0003), rounded half-even to 8 decimals. */
    private static long rateRaw(BigDecimal bps) {
        return FixedPoint.fromBigDecimal(bps.movePointLeft(4).setScale(FixedPoint.SCALE, RoundingMode.HALF_EVEN));
    }

    private BookDepth depth(Venue venue, InstrumentId instrument) {
        try {
            return venue.depth(instrument, settings.depthLevels()).orElse(null);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static FeeSchedule fees(Venue venue) {
        try {
            return venue.fees().orElse(FeeSchedule.ZERO);
        } catch (RuntimeException e) {
            return FeeSchedule.ZERO;
        }
    }

    private static String bps(BigDecimal bps) {
        return plain(bps);
    }

    private static String plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
    }
}
