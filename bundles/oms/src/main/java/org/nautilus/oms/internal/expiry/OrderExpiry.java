package org.nautilus.oms.internal.expiry;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.OrderId;
import org.nautilus.api.domain.TimeInForce;
import org.nautilus.api.oms.CommandResult;
import org.nautilus.api.oms.OrderStepListener;
import org.nautilus.api.time.PlatformClock;
import org.nautilus.api.time.ScheduledTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Expires the OMS's DAY orders at the close of their session ({@link SessionCalendar}) and GTD orders at their
 * expire time, on the platform clock (live: its thread; a backtest: the simulated time), so an expiry is an order
 * event like any other: the OMS cancels the order at its venue and records it EXPIRED in the committed path.
 *
 * <p>It hears every order change as an in-step listener and keeps the open DAY and GTD orders with one wake-up at
 * the earliest due time (all DAY orders of a session share it). What is durable lives in the OMS's stored orders:
 * after a restart the recovered open orders are given to {@link #track}, and those whose time passed while the node
 * was down expire at {@link #start}; an order whose expiry's cancel was sent before the restart keeps that mark in the
 * store (the OMS does not send it again, and its confirmation ends the order EXPIRED), so each order expires once.
 */
public final class OrderExpiry implements OrderStepListener, AutoCloseable {

    /** How the OMS expires one order ({@code OrderManager::expire}). */
    @FunctionalInterface
    public interface Expirer {
        CommandResult expire(OrderId orderId, String why);
    }

    private static final Logger LOG = LoggerFactory.getLogger(OrderExpiry.class);
    /** An expiry refused because an amend or a cancel is pending is tried again after this. */
    static final Duration RETRY = Duration.ofSeconds(1);

    private final PlatformClock clock;
    private final Expirer expirer;
    private volatile SessionCalendar calendar;
    /** Open DAY and GTD orders, as first seen (their entry time, time in force and expire time do not change). */
    private final Map<OrderId, Order> open = new ConcurrentHashMap<>();
    /** Orders whose expiry was sent (or is being retried), until they end: not due again. */
    private final Map<OrderId, Order> expiring = new ConcurrentHashMap<>();
    private volatile boolean started;
    private volatile boolean closed;
    /** Epoch millis of the pending wake-up ({@link Long#MAX_VALUE}: none); written under {@code this}. */
    private volatile long wakeAt = Long.MAX_VALUE;
    private ScheduledTask wake;

    public OrderExpiry(PlatformClock clock, SessionCalendar calendar, Expirer expirer) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.calendar = Objects.requireNonNull(calendar, "calendar");
        this.expirer = Objects.requireNonNull(expirer, "expirer");
    }

    /** The calendar DAY orders expire by. */
    public SessionCalendar calendar() {
        return calendar;
    }

    /** A new calendar; the open DAY orders expire at its closes from now on. */
    public void calendar(SessionCalendar value) {
        calendar = Objects.requireNonNull(value, "calendar");
        LOG.info("session calendar: {}", value);
        reschedule();
    }

    /**
     * Applies the configuration's calendar ({@link SessionCalendar#parse}); a calendar that cannot be read is
     * reported and changes nothing (the one in force stays).
     *
     * @return whether it was applied
     */
    public boolean configure(Map<String, ?> properties) {
        try {
            calendar(SessionCalendar.parse(properties));
            return true;
        } catch (IllegalArgumentException e) {
            LOG.error("session calendar not applied, keeping {}: {}", calendar, e.getMessage());
            return false;
        }
    }

    /** When the order expires, or {@code null} for an order that does not (GTC, IOC, FOK). */
    public Instant expiryOf(Order order) {
        TimeInForce tif = order.request().timeInForce();
        if (tif == TimeInForce.GTD) {
            return order.request().expireTime();
        }
        return tif == TimeInForce.DAY ? calendar.sessionClose(order.createdAt()).toInstant() : null;
    }

    /** Open orders recovered from the store, before {@link #start}. */
    public void track(Collection<Order> orders) {
        orders.forEach(this::onOrder);
    }

    /** Begins expiring: orders already due (recovered ones whose time passed) expire now. */
    public void start() {
        started = true;
        LOG.info("order expiry started: {} open DAY/GTD order(s); session calendar {}", open.size(), calendar);
        reschedule();
    }

    /** Open DAY and GTD orders waiting to expire. */
    public int waiting() {
        return open.size();
    }

    @Override
    public void onOrder(Order order) {
        TimeInForce tif = order.request().timeInForce();
        if (tif != TimeInForce.DAY && tif != TimeInForce.GTD) {
            return;
        }
        if (order.status().isTerminal()) {
            open.remove(order.id());
            expiring.remove(order.id());
        } else if (!expiring.containsKey(order.id()) && open.putIfAbsent(order.id(), order) == null && started) {
            Instant due = expiryOf(order);
            if (due.toEpochMilli() < wakeAt) {
                wakeBy(due.toEpochMilli());
            }
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (wake != null) {
            wake.cancel();
        }
    }

    /** Expires every order due by now, then waits for the next. Runs on the clock. */
    private void expireDue() {
        synchronized (this) {
            wakeAt = Long.MAX_VALUE;
            wake = null;
        }
        Instant now = clock.now();
        List<Order> due = new ArrayList<>();
        for (Order order : open.values()) {
            if (!expiryOf(order).isAfter(now)) {
                due.add(order);
            }
        }
        due.sort(Comparator.comparing(Order::id));
        for (Order order : due) {
            expiring.put(order.id(), order);
            open.remove(order.id());
        }
        for (Order order : due) {
            attempt(order);
        }
        reschedule();
    }

    private void attempt(Order order) {
        if (closed || !expiring.containsKey(order.id())) {
            return;
        }
        String why = reason(order);
        CommandResult result;
        try {
            result = expirer.expire(order.id(), why);
        } catch (RuntimeException e) {
            // The OMS halted or is closing: the order stays open and is tracked again after recovery.
            LOG.warn("order {} could not expire: {}", order.id(), e.toString());
            return;
        }
        if (result.accepted()) {
            LOG.info("order {} expires: {}", order.id(), why);
        } else if ("AMEND_PENDING".equals(result.code()) || "CANCEL_PENDING".equals(result.code())) {
            clock.schedule(RETRY, () -> attempt(order));
        } else {
            // Finished meanwhile, or unknown: nothing to expire.
            LOG.info("order {} not expired: {}", order.id(), result.message());
            expiring.remove(order.id());
        }
    }

    private String reason(Order order) {
        Instant due = expiryOf(order);
        return order.request().timeInForce() == TimeInForce.GTD ? "GTD order expired at its expire time " + due
                : "DAY order expired at the session close " + due.atZone(calendar.zone());
    }

    /** Waits for the earliest due time of the open orders (if any). */
    private void reschedule() {
        if (!started || closed) {
            return;
        }
        long earliest = Long.MAX_VALUE;
        for (Order order : open.values()) {
            earliest = Math.min(earliest, expiryOf(order).toEpochMilli());
        }
        synchronized (this) {
            if (wake != null) {
                wake.cancel();
                wake = null;
            }
            wakeAt = Long.MAX_VALUE;
        }
        if (earliest != Long.MAX_VALUE) {
            wakeBy(earliest);
        }
    }

    private synchronized void wakeBy(long millis) {
        if (closed || millis >= wakeAt) {
            return;
        }
        if (wake != null) {
            wake.cancel();
        }
        wakeAt = millis;
        wake = clock.schedule(Instant.ofEpochMilli(millis), this::expireDue);
    }
}
