package org.nautilus.strategy.internal.analytics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The round trips of a run, per instrument: a trip opens with the first fill away from flat and closes with the fill
 * that brings the position back to flat or through it (a reversal closes one trip and opens the next with the rest).
 *
 * <p>A trip's P&amp;L is its cash flows (fills and their commissions) plus its position marked at a price: closed,
 * that is its result; open, it is the trip's open P&amp;L at that price. MAE (maximum adverse excursion) is the
 * lowest open P&amp;L the trip had, MFE (maximum favourable excursion) the highest, over its fills and every price
 * the market showed while it was open (a bar's low and high both count). Doubles: research numbers, not money.
 */
public final class RoundTrips {

    /** A closed trip (the trade list's line). */
    public record Trip(String instrument, boolean longTrip, double quantity, Instant entryTime, double entryPrice,
            Instant exitTime, double exitPrice, double pnl, double mae, double mfe) {
    }

    private final Map<String, Open> open = new HashMap<>();
    private final List<Trip> closed = new ArrayList<>();
    private final List<Double> pnl = new ArrayList<>();
    private final boolean keepTrips;

    /** @param keepTrips keep each closed trip for {@link #trips()} (the P&amp;L list is always kept) */
    public RoundTrips(boolean keepTrips) {
        this.keepTrips = keepTrips;
    }

    /** A fill: {@code quantity} signed (+ buy, − sell), {@code commission} paid. */
    public void fill(String instrument, Instant time, double quantity, double price, double commission) {
        Open trip = open.get(instrument);
        if (trip == null) {
            trip = new Open(time);
            open.put(instrument, trip);
        }
        double after = trip.position + quantity;
        if (trip.position != 0 && Math.signum(after) != Math.signum(trip.position)) {
            // The fill closes the trip (and opens the next one with what is left, if it reverses).
            double closing = -trip.position;
            double share = closing / quantity;
            trip.exit(closing, price);
            double result = trip.cashFlow - closing * price - commission * share;
            trip.excursion(result);
            pnl.add(result);
            if (keepTrips) {
                closed.add(trip.close(instrument, time, result));
            }
            double rest = quantity - closing;
            if (rest == 0) {
                open.remove(instrument);
                return;
            }
            trip = new Open(time);
            open.put(instrument, trip);
            trip.enter(rest, price);
            trip.position = rest;
            trip.cashFlow = -rest * price - commission * (1 - share);
            trip.excursion(trip.openPnl(price));
            return;
        }
        if (Math.abs(after) > Math.abs(trip.position)) {
            trip.enter(quantity, price);
        } else {
            trip.exit(quantity, price);
        }
        trip.position = after;
        trip.cashFlow += -quantity * price - commission;
        trip.excursion(trip.openPnl(price));
    }

    /** Prices the market showed (a bar's low and high; a trade's or quote's price twice): the open trip's excursion. */
    public void mark(String instrument, double low, double high) {
        Open trip = open.get(instrument);
        if (trip != null && trip.position != 0) {
            trip.excursion(trip.openPnl(low));
            trip.excursion(trip.openPnl(high));
        }
    }

    /** The closed trips' P&amp;L, net of their commissions, in closing order. */
    public double[] pnl() {
        return pnl.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** The closed trips, in closing order (empty unless kept). */
    public List<Trip> trips() {
        return List.copyOf(closed);
    }

    /** One instrument's open trip. */
    private static final class Open {
        final Instant entryTime;
        double position;
        double cashFlow;
        double entered;
        double enteredValue;
        double exited;
        double exitedValue;
        double maxQuantity;
        double mae = Double.POSITIVE_INFINITY;
        double mfe = Double.NEGATIVE_INFINITY;
        boolean longTrip;

        Open(Instant entryTime) {
            this.entryTime = entryTime;
        }

        void enter(double quantity, double price) {
            if (entered == 0) {
                longTrip = quantity > 0;
            }
            entered += Math.abs(quantity);
            enteredValue += Math.abs(quantity) * price;
            maxQuantity = Math.max(maxQuantity, Math.abs(position + quantity));
        }

        void exit(double quantity, double price) {
            exited += Math.abs(quantity);
            exitedValue += Math.abs(quantity) * price;
        }

        double openPnl(double price) {
            return cashFlow + position * price;
        }

        void excursion(double value) {
            mae = Math.min(mae, value);
            mfe = Math.max(mfe, value);
        }

        Trip close(String instrument, Instant exitTime, double result) {
            return new Trip(instrument, longTrip, maxQuantity, entryTime, enteredValue / entered, exitTime,
                    exitedValue / exited, result, mae, mfe);
        }
    }
}
