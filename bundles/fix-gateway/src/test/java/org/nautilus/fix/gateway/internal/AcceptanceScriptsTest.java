package org.nautilus.fix.gateway.internal;

import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import quickfix.Application;
import quickfix.FileStoreFactory;
import quickfix.Message;
import quickfix.Session;
import quickfix.SessionID;
import quickfix.SessionSettings;
import quickfix.ThreadedSocketAcceptor;
import quickfix.field.ClOrdID;
import quickfix.field.MsgType;
import quickfix.field.PossResend;

/**
 * Session-level conformance: QuickFIX/J's server acceptance scripts for FIX 4.2 and 4.4 (test resources
 * quickfix-acceptance/, with their licence) run by {@link AcceptanceScript} against the gateway's acceptor
 * ({@link Acceptors}, the [default] settings of the shipped etc/fix/gateway.cfg, a FileStore) with an echo application
 * in place of the order-entry one, as the scripts expect (they log on as TW to ISLD without credentials and expect
 * their NewOrderSingles echoed). Two settings differ from the shipped file, because the scripts assume them:
 * ResetOnDisconnect=Y (every script starts at sequence number 1) and ValidateUserDefinedFields=Y. Each script gets an
 * acceptor of its own.
 */
class AcceptanceScriptsTest {

    /** Scripts that do not apply to this acceptor, with the reason. */
    static final Map<String, String> NOT_APPLICABLE = Map.of();

    private static final List<String> RESULTS = new ArrayList<>();

    @TempDir
    static Path store;

    @TestFactory
    Stream<DynamicTest> fix42() throws Exception {
        return scripts("fix42", "FIX.4.2");
    }

    @TestFactory
    Stream<DynamicTest> fix44() throws Exception {
        return scripts("fix44", "FIX.4.4");
    }

    @AfterAll
    static void summary() {
        long passed = RESULTS.stream().filter(r -> r.startsWith("PASS")).count();
        System.out.println("acceptance scripts: " + passed + " of " + RESULTS.size() + " passed");
        RESULTS.stream().filter(r -> !r.startsWith("PASS")).forEach(System.out::println);
    }

    private Stream<DynamicTest> scripts(String folder, String beginString) throws Exception {
        Path directory = Path.of(AcceptanceScriptsTest.class.getResource("/quickfix-acceptance/" + folder).toURI());
        List<Path> files;
        try (Stream<Path> listing = Files.list(directory)) {
            files = listing.filter(p -> p.toString().endsWith(".def")).sorted().toList();
        }
        return files.stream().map(file -> DynamicTest.dynamicTest(folder + "/" + file.getFileName(), () -> {
            String reason = NOT_APPLICABLE.get(folder + "/" + file.getFileName());
            if (reason != null) {
                RESULTS.add("N/A  " + folder + "/" + file.getFileName() + ": " + reason);
                return;
            }
            int port;
            try (ServerSocket free = new ServerSocket(0)) {
                port = free.getLocalPort();
            }
            SessionSettings settings = settings(beginString, port, store.resolve(folder + "-" + file.getFileName()));
            ThreadedSocketAcceptor acceptor = Acceptors.start(new EchoApplication(), settings,
                    new FileStoreFactory(settings));
            try {
                new AcceptanceScript(file, port, Duration.ofSeconds(10)).run();
                RESULTS.add("PASS " + folder + "/" + file.getFileName());
            } catch (AssertionError e) {
                RESULTS.add("FAIL " + e.getMessage());
                throw e;
            } finally {
                acceptor.stop(true);
            }
        }));
    }

    /** The shipped [default] section, with the scripts' CompIDs, port and the two settings they assume. */
    private static SessionSettings settings(String beginString, int port, Path storeDirectory) throws Exception {
        Path shipped = Path.of("../../karaf-distribution/src/main/resources/etc/fix/gateway.cfg");
        Properties defaults = new Properties();
        try (InputStream in = Files.newInputStream(shipped)) {
            defaults.putAll(new SessionSettings(in).getDefaultProperties());
        }
        SessionSettings settings = new SessionSettings();
        defaults.put("SocketAcceptAddress", "127.0.0.1");
        defaults.put("SocketAcceptPort", Integer.toString(port));
        defaults.put("SenderCompID", "ISLD");
        defaults.put("FileStorePath", storeDirectory.toString());
        defaults.put("ResetOnDisconnect", "Y");
        defaults.put("ValidateUserDefinedFields", "Y");
        // QuickFIX/J keeps one dictionary per file for the whole JVM and a session's validation settings change it:
        // say the default outright, whatever sessions (the gateway's FIX 4.2 ones) set before.
        defaults.put("AllowUnknownMsgFields", "N");
        settings.set(defaults);
        SessionID session = new SessionID(beginString, "ISLD", "TW");
        settings.setString(session, "BeginString", beginString);
        settings.setString(session, "TargetCompID", "TW");
        settings.setString(session, "DataDictionary", beginString.replace(".", "") + ".xml");
        return settings;
    }

    /**
     * Echoes NewOrderSingles (a PossResend of one already seen is not echoed again) and SecurityDefinitions, like
     * QuickFIX/J's own.
     */
    private static final class EchoApplication implements Application {
        private final Set<String> seen = ConcurrentHashMap.newKeySet();

        @Override
        public void onCreate(SessionID session) {
        }

        @Override
        public void onLogon(SessionID session) {
        }

        @Override
        public void onLogout(SessionID session) {
            seen.clear();
        }

        @Override
        public void toAdmin(Message message, SessionID session) {
        }

        @Override
        public void fromAdmin(Message message, SessionID session) {
        }

        @Override
        public void toApp(Message message, SessionID session) {
        }

        @Override
        public void fromApp(Message message, SessionID session) throws quickfix.FieldNotFound,
                quickfix.UnsupportedMessageType {
            String type = message.getHeader().getString(MsgType.FIELD);
            if (MsgType.SECURITY_DEFINITION.equals(type)) {
                Session.lookupSession(session).send((Message) message.clone());
                return;
            }
            if (!MsgType.ORDER_SINGLE.equals(type)) {
                throw new quickfix.UnsupportedMessageType();
            }
            boolean possResend = message.getHeader().isSetField(PossResend.FIELD)
                    && message.getHeader().getBoolean(PossResend.FIELD);
            if (!seen.add(message.getString(ClOrdID.FIELD)) && possResend) {
                return;
            }
            Session.lookupSession(session).send((Message) message.clone());
        }
    }
}
