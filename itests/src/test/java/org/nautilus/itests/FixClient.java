package org.nautilus.itests;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.nautilus.testsupport.Await;
import quickfix.Application;
import quickfix.DefaultMessageFactory;
import quickfix.FieldNotFound;
import quickfix.FixVersions;
import quickfix.MemoryStoreFactory;
import quickfix.Message;
import quickfix.Session;
import quickfix.SessionID;
import quickfix.SessionSettings;
import quickfix.SocketInitiator;
import quickfix.field.MsgType;
import quickfix.field.Password;
import quickfix.field.Text;
import quickfix.field.Username;

/**
 * A FIX client for tests: a QuickFIX/J initiator with one session to the gateway, logging on with a user and
 * password, collecting every application message and session Reject it receives. Its sequence numbers are kept in
 * memory for the life of the object, so a reconnect (to the same or a restarted node) resumes the session.
 */
final class FixClient implements Application, AutoCloseable {

    private final SessionID session;
    private final String user;
    private final String password;
    private final SocketInitiator initiator;
    private final LinkedBlockingQueue<Message> received = new LinkedBlockingQueue<>();
    private final List<String> logonRejects = new CopyOnWriteArrayList<>();
    private volatile boolean loggedOn;

    /**
     * @param store where the client keeps its sequence numbers and messages (survives {@link #logOut()} and a restart
     *              of the node), or {@code null} for memory only
     */
    FixClient(String beginString, String clientCompId, int port, String user, String password, Path store)
            throws Exception {
        this.session = new SessionID(beginString, clientCompId, "NAUTILUS");
        this.user = user;
        this.password = password;
        SessionSettings settings = new SessionSettings();
        settings.setString("ConnectionType", "initiator");
        settings.setString("StartTime", "00:00:00");
        settings.setString("EndTime", "00:00:00");
        settings.setString("HeartBtInt", "30");
        settings.setString("ReconnectInterval", "1");
        settings.setString("UseDataDictionary", "Y");
        settings.setString("ValidateUserDefinedFields", "N");
        settings.setString("AllowUnknownMsgFields", "Y");
        settings.setString("SocketConnectHost", "127.0.0.1");
        settings.setString(session, "SocketConnectPort", Integer.toString(port));
        settings.setString(session, "BeginString", beginString);
        settings.setString(session, "SenderCompID", clientCompId);
        settings.setString(session, "TargetCompID", "NAUTILUS");
        if (FixVersions.BEGINSTRING_FIXT11.equals(beginString)) {
            // FIXT 1.1 carries FIX 5.0 SP2 (dictionaries FIXT11.xml and FIX50SP2.xml by default)
            settings.setString(session, "DefaultApplVerID", "FIX.5.0SP2");
        } else {
            settings.setString(session, "DataDictionary", beginString.replace(".", "") + ".xml");
        }
        quickfix.MessageStoreFactory stores = new MemoryStoreFactory();
        if (store != null) {
            settings.setString("FileStorePath", store.toAbsolutePath().toString());
            stores = new quickfix.FileStoreFactory(settings);
        }
        initiator = new SocketInitiator(this, stores, settings, new quickfix.SLF4JLogFactory(settings),
                new DefaultMessageFactory());
    }

    SessionID session() {
        return session;
    }

    void start() throws Exception {
        initiator.start();
    }

    /** Starts the initiator and waits for the Logon to be accepted. */
    FixClient logOn() throws Exception {
        initiator.start();
        awaitLoggedOn(true, Duration.ofSeconds(30));
        return this;
    }

    void logOut() throws Exception {
        initiator.stop();
        awaitLoggedOn(false, Duration.ofSeconds(10));
    }

    boolean isLoggedOn() {
        return loggedOn;
    }

    List<String> logonRejects() {
        return logonRejects;
    }

    void awaitLoggedOn(boolean state, Duration timeout) {
        try {
            Await.until(session + (state ? " logged on" : " logged out"), timeout, () -> loggedOn == state);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; logon rejects: " + logonRejects, e);
        }
    }

    void send(Message message) {
        try {
            if (!Session.sendToTarget(message, session)) {
                throw new AssertionError(session + " could not send " + message);
            }
        } catch (quickfix.SessionNotFound e) {
            throw new AssertionError(session + " is not a session of this client", e);
        }
    }

    /** The next received message matching {@code match}; the ones before it that do not match are dropped. */
    Message await(String what, Predicate<Message> match, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Message> skipped = new ArrayList<>();
        while (true) {
            long left = deadline - System.nanoTime();
            Message next = left <= 0 ? null : received.poll(left, TimeUnit.NANOSECONDS);
            if (next == null) {
                throw new AssertionError(session + ": no " + what + " within " + timeout + "; skipped " + skipped);
            }
            if (match.test(next)) {
                return next;
            }
            skipped.add(next);
        }
    }

    /** Everything received within {@code quiet} of silence. */
    List<Message> drain(Duration quiet) throws InterruptedException {
        List<Message> all = new ArrayList<>();
        Message next;
        while ((next = received.poll(quiet.toMillis(), TimeUnit.MILLISECONDS)) != null) {
            all.add(next);
        }
        return all;
    }

    static String type(Message message) {
        try {
            return message.getHeader().getString(MsgType.FIELD);
        } catch (FieldNotFound e) {
            throw new IllegalStateException(e);
        }
    }

    static String field(Message message, int tag) {
        try {
            return message.getString(tag);
        } catch (FieldNotFound e) {
            return null;
        }
    }

    @Override
    public void close() {
        initiator.stop(true);
    }

    @Override
    public void onCreate(SessionID sessionId) {
    }

    @Override
    public void onLogon(SessionID sessionId) {
        loggedOn = true;
    }

    @Override
    public void onLogout(SessionID sessionId) {
        loggedOn = false;
    }

    @Override
    public void toAdmin(Message message, SessionID sessionId) {
        if (MsgType.LOGON.equals(type(message))) {
            message.setString(Username.FIELD, user);
            message.setString(Password.FIELD, password);
        }
    }

    @Override
    public void fromAdmin(Message message, SessionID sessionId) {
        String type = type(message);
        if (MsgType.REJECT.equals(type)) {
            received.add(message);
        } else if (MsgType.LOGOUT.equals(type) && !loggedOn) {
            logonRejects.add(field(message, Text.FIELD));
        }
    }

    @Override
    public void toApp(Message message, SessionID sessionId) {
    }

    @Override
    public void fromApp(Message message, SessionID sessionId) {
        received.add(message);
    }
}
