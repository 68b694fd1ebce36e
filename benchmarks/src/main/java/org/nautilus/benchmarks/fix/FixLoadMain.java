package org.nautilus.benchmarks.fix;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Recorder;
import quickfix.Application;
import quickfix.DefaultMessageFactory;
import quickfix.FieldNotFound;
import quickfix.MemoryStoreFactory;
import quickfix.Message;
import quickfix.Session;
import quickfix.SessionID;
import quickfix.SessionSettings;
import quickfix.SocketInitiator;
import quickfix.field.ClOrdID;
import quickfix.field.ExecType;
import quickfix.field.MsgType;
import quickfix.field.OrdType;
import quickfix.field.OrderQty;
import quickfix.field.Password;
import quickfix.field.Side;
import quickfix.field.Symbol;
import quickfix.field.TransactTime;
import quickfix.field.Username;

/**
 * Load driver for FIX order entry against a running node with the FIX gateway (started by
 * {@code benchmarks/run.sh fix}): {@code sessions} FIX 4.4 client sessions BENCH1..BENCHn over loopback, each sending
 * NewOrderSingles (market orders of 1, BUY and SELL alternating) and waiting for each order's acknowledgement: the
 * first ExecutionReport after Pending New (New, or Trade/Rejected), which the gateway sends only once the order's
 * events are durable. Two phases after a warm-up: throughput (each session keeps {@code window} orders in flight) and
 * latency at a fixed total rate (open loop, D sent on schedule), NewOrderSingle to acknowledgement in an HdrHistogram.
 *
 * <p>Each phase also reports CPU time per acknowledged order: the node's (from {@code /proc/<pid>/stat}, when its pid
 * is given) and this driver's own, because on a shared machine a rate says little without the CPU it took.
 *
 * <p>Arguments: {@code port seconds sessions window rate warmupSeconds symbol user password [nodePid]}.
 */
public final class FixLoadMain implements Application {

    private final Map<String, Long> inFlight = new ConcurrentHashMap<>();
    private final Map<SessionID, Semaphore> windows = new ConcurrentHashMap<>();
    private final Recorder latency = new Recorder(3);
    private final LongAdder acknowledged = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final Map<SessionID, Boolean> loggedOn = new ConcurrentHashMap<>();
    private final String user;
    private final String password;
    private volatile boolean recording;
    private volatile String lastRejection;

    private FixLoadMain(String user, String password) {
        this.user = user;
        this.password = password;
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int seconds = Integer.parseInt(args[1]);
        int sessions = Integer.parseInt(args[2]);
        int window = Integer.parseInt(args[3]);
        int rate = Integer.parseInt(args[4]);
        int warmup = Integer.parseInt(args[5]);
        String symbol = args[6];
        FixLoadMain driver = new FixLoadMain(args[7], args[8]);
        long nodePid = args.length > 9 ? Long.parseLong(args[9]) : -1;
        SessionSettings settings = new SessionSettings();
        settings.setString("ConnectionType", "initiator");
        settings.setString("StartTime", "00:00:00");
        settings.setString("EndTime", "00:00:00");
        settings.setString("HeartBtInt", "30");
        settings.setString("ReconnectInterval", "5");
        settings.setString("UseDataDictionary", "N");
        settings.setString("SocketConnectHost", "127.0.0.1");
        settings.setString("SocketConnectPort", Integer.toString(port));
        settings.setString("SocketTcpNoDelay", "Y");
        settings.setString("ResetOnLogon", "Y");
        List<SessionID> ids = new ArrayList<>();
        for (int i = 1; i <= sessions; i++) {
            SessionID id = new SessionID("FIX.4.4", "BENCH" + i, "NAUTILUS");
            settings.setString(id, "BeginString", "FIX.4.4");
            settings.setString(id, "SenderCompID", "BENCH" + i);
            settings.setString(id, "TargetCompID", "NAUTILUS");
            ids.add(id);
            driver.windows.put(id, new Semaphore(window));
        }
        SocketInitiator initiator = new SocketInitiator(driver, new MemoryStoreFactory(), settings,
                new quickfix.ScreenLogFactory(false, false, false, false), new DefaultMessageFactory());
        initiator.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (driver.loggedOn.size() < sessions && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        if (driver.loggedOn.size() < sessions) {
            throw new IllegalStateException(
                    "only " + driver.loggedOn.size() + " of " + sessions + " sessions logged on");
        }
        System.out.printf("%d FIX 4.4 sessions on 127.0.0.1:%d, window %d per session, %s%n", sessions, port, window,
                symbol);

        if (nodePid > 0) {
            // What the node burns with no orders (Ignite, metrics, JIT still compiling): part of every phase's CPU.
            CpuTime idle = CpuTime.start(nodePid);
            Thread.sleep(5_000);
            System.out.println("idle 5 s before the warm-up: " + idle.perOrder(0));
        }
        driver.closedLoop(ids, symbol, Duration.ofSeconds(warmup), false);
        driver.reset();
        CpuTime cpu = CpuTime.start(nodePid);
        double throughput = driver.closedLoop(ids, symbol, Duration.ofSeconds(seconds), true);
        System.out.println("throughput phase: " + cpu.perOrder(driver.acknowledged.sum() + driver.rejected.sum()));
        var closed = driver.latency.getIntervalHistogram();
        System.out.printf("throughput: %d acknowledged, %d rejected%s in %d s; latency p50 %.2f ms, p99 %.2f ms%n",
                driver.acknowledged.sum(), driver.rejected.sum(), driver.lastRejection == null ? ""
                        : " (e.g. " + driver.lastRejection + ")",
                seconds, closed.getValueAtPercentile(50) / 1000.0,
                closed.getValueAtPercentile(99) / 1000.0);
        driver.drain();
        driver.reset();
        cpu = CpuTime.start(nodePid);
        driver.openLoop(ids, symbol, rate, Duration.ofSeconds(seconds));
        driver.drain();
        System.out.println("fixed-rate phase: " + cpu.perOrder(driver.acknowledged.sum() + driver.rejected.sum()));
        var open = driver.latency.getIntervalHistogram();
        System.out.printf("at %d orders/s: %d acknowledged, %d rejected%s; D -> ER(New) p50 %.3f ms, p99 %.3f ms, "
                + "p99.9 %.3f ms, max %.3f ms%n", rate, driver.acknowledged.sum(), driver.rejected.sum(),
                driver.rejected.sum() == 0 ? "" : " (e.g. " + driver.lastRejection + ")",
                open.getValueAtPercentile(50) / 1000.0, open.getValueAtPercentile(99) / 1000.0,
                open.getValueAtPercentile(99.9) / 1000.0, open.getMaxValue() / 1000.0);
        System.out.printf("fix p99 at %d/s: %.3f ms%n", rate, open.getValueAtPercentile(99) / 1000.0);
        System.out.printf("fix: %.0f orders/s%n", throughput);
        initiator.stop(true);
    }

    private void reset() {
        acknowledged.reset();
        rejected.reset();
        latency.reset();
    }

    private void drain() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!inFlight.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    /** Each session a thread keeping its window full for {@code length}; returns acknowledged orders per second. */
    private double closedLoop(List<SessionID> ids, String symbol, Duration length, boolean record)
            throws InterruptedException {
        recording = record;
        long end = System.nanoTime() + length.toNanos();
        long before = acknowledged.sum();
        List<Thread> threads = new ArrayList<>();
        for (SessionID id : ids) {
            Thread thread = new Thread(() -> {
                Session session = Session.lookupSession(id);
                Semaphore window = windows.get(id);
                long n = 0;
                try {
                    while (System.nanoTime() < end) {
                        if (window.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                            send(session, id, n++, symbol);
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "fix-load-" + id.getSenderCompID());
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return (acknowledged.sum() - before) / (double) length.toSeconds();
    }

    /** Orders sent on a fixed schedule, {@code rate} per second over all sessions, whatever the answers. */
    private void openLoop(List<SessionID> ids, String symbol, int rate, Duration length) {
        recording = true;
        long interval = 1_000_000_000L / rate;
        long start = System.nanoTime();
        long count = length.toSeconds() * rate;
        Session[] sessions = ids.stream().map(Session::lookupSession).toArray(Session[]::new);
        for (long i = 0; i < count; i++) {
            long due = start + i * interval;
            // Parked, not spinning: on a 2-core machine a spinning driver takes a core from the node it measures.
            for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
            int s = (int) (i % sessions.length);
            // Each session alternates BUY and SELL (its position stays flat, so no position limit refuses it).
            send(sessions[s], ids.get(s), i / sessions.length, symbol);
        }
    }

    private void send(Session session, SessionID id, long n, String symbol) {
        long now = System.nanoTime();
        String clOrdId = id.getSenderCompID() + "-" + now + "-" + n;
        Message order = new Message();
        order.getHeader().setString(MsgType.FIELD, MsgType.ORDER_SINGLE);
        order.setString(ClOrdID.FIELD, clOrdId);
        order.setString(Symbol.FIELD, symbol);
        order.setChar(Side.FIELD, n % 2 == 0 ? '1' : '2');
        order.setUtcTimeStamp(TransactTime.FIELD, LocalDateTime.now(ZoneOffset.UTC));
        order.setInt(OrderQty.FIELD, 1);
        order.setChar(OrdType.FIELD, '1');
        inFlight.put(clOrdId, now);
        session.send(order);
    }

    @Override
    public void fromApp(Message message, SessionID id) {
        try {
            if (!MsgType.EXECUTION_REPORT.equals(message.getHeader().getString(MsgType.FIELD))) {
                return;
            }
            char execType = message.getChar(ExecType.FIELD);
            if (execType == ExecType.PENDING_NEW) {
                return;
            }
            Long sent = inFlight.remove(message.getString(ClOrdID.FIELD));
            if (sent == null) {
                return;
            }
            long now = System.nanoTime();
            windows.get(id).release();
            if (execType == ExecType.REJECTED) {
                rejected.increment();
                lastRejection = message.isSetField(58) ? message.getString(58) : "rejected";
            } else {
                acknowledged.increment();
                if (recording) {
                    latency.recordValue((now - sent) / 1_000);
                }
            }
        } catch (FieldNotFound e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void toAdmin(Message message, SessionID id) {
        try {
            if (MsgType.LOGON.equals(message.getHeader().getString(MsgType.FIELD))) {
                message.setString(Username.FIELD, user);
                message.setString(Password.FIELD, password);
            }
        } catch (FieldNotFound e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void onLogon(SessionID id) {
        loggedOn.put(id, true);
    }

    @Override
    public void onLogout(SessionID id) {
        loggedOn.remove(id);
    }

    @Override
    public void onCreate(SessionID id) {
    }

    @Override
    public void fromAdmin(Message message, SessionID id) {
    }

    @Override
    public void toApp(Message message, SessionID id) {
    }
}
