package org.nautilus.fix.gateway.internal;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A runner for QuickFIX/J's acceptance script format (the {@code .def} files): {@code iCONNECT} / {@code i2,CONNECT}
 * opens a client connection, {@code I...} sends a message (with {@code <TIME>}, {@code <TIME-n>}, {@code <TIME+n>}
 * replaced by the current UTC time, n in units of 1.1 s, BodyLength and CheckSum computed unless the line gives them),
 * {@code E...} expects the next message on that connection to have exactly these fields (SendingTime and the other
 * time fields, BodyLength and CheckSum not compared, as QuickFIX/J's own build runs them (its {@code atest.heartbeat}
 * setting turns the BodyLength check off: the scripts' lengths are stale); Text compared as a prefix), and
 * {@code eDISCONNECT} expects the acceptor to close the connection. Written from the format as the scripts use it;
 * the comparison rules follow QuickFIX/J's own runner.
 *
 * <p>Two changes for speed, neither changing what a script checks: the pause before a connection (QuickFIX/J's
 * {@code atest.reconnectDelay}, so the acceptor is done with the previous connection) is made only when the script had
 * a connection before, not before its first; and the scripts that wait on heartbeats (4a, 6: they log on with
 * HeartBtInt=6, every other script with 30) run with HeartBtInt=2 ({@code 108=6} becomes {@code 108=2} in what is sent
 * and what is expected, the same length, so BodyLength and CheckSum stay right): the acceptor's heartbeats, test
 * request and timeout follow the negotiated interval whatever its length, and those two scripts took 102 of the 146 s.
 */
final class AcceptanceScript {

    private static final Pattern MESSAGE = Pattern.compile("I(\\d,)*(8=FIXT?\\.\\d\\.\\d\u0001)(.*?\u0001)(10=.*|)$");
    private static final Pattern EXPECTED_CLIENT = Pattern.compile("^E(\\d+),.*");
    private static final Pattern TIME = Pattern.compile("<TIME([+-](\\d+))*>");
    private static final Pattern FIELD = Pattern.compile("(\\d+)=([^\u0001]+)\u0001");
    private static final Set<String> TIME_FIELDS = Set.of("52", "60", "122");
    private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("yyyyMMdd-HH:mm:ss.SSS");

    private static final long RECONNECT_DELAY_MS = 250;
    private static final String SLOW_HEARTBEAT = "\u0001108=6\u0001";
    private static final String FAST_HEARTBEAT = "\u0001108=2\u0001";

    private final Path file;
    private final int port;
    private final Duration timeout;
    private final Map<Integer, Connection> connections = new HashMap<>();
    private boolean connectedBefore;

    AcceptanceScript(Path file, int port, Duration timeout) {
        this.file = file;
        this.port = port;
        this.timeout = timeout;
    }

    /** Runs the script; throws an {@link AssertionError} naming the line that failed. */
    void run() throws IOException, InterruptedException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
        try {
            for (int n = 0; n < lines.size(); n++) {
                String line = lines.get(n).replace(SLOW_HEARTBEAT, FAST_HEARTBEAT);
                try {
                    step(line);
                } catch (AssertionError | IOException e) {
                    throw new AssertionError(file.getFileName() + " line " + (n + 1) + " (" + printable(line) + "): "
                            + e.getMessage(), e);
                }
            }
        } finally {
            for (Connection connection : connections.values()) {
                connection.close();
            }
        }
    }

    private void step(String line) throws IOException, InterruptedException {
        if (line.isBlank() || line.matches("^[ \t]*#.*")) {
            return;
        }
        if (line.matches("^i\\d*,?CONNECT")) {
            int client = clientOf(line.substring(1));
            Connection previous = connections.remove(client);
            if (previous != null) {
                previous.close();
            }
            // As QuickFIX/J's runner does (atest.reconnectDelay): the acceptor finishes with the last connection first
            // (a script's first connection finds a fresh acceptor: no wait).
            if (connectedBefore) {
                Thread.sleep(RECONNECT_DELAY_MS);
            }
            connectedBefore = true;
            connections.put(client, new Connection(new Socket("127.0.0.1", port)));
        } else if (line.matches("^e\\d*,?DISCONNECT")) {
            connection(clientOf(line.substring(1))).awaitDisconnect(timeout);
        } else if (line.startsWith("I")) {
            send(line);
        } else if (line.startsWith("E")) {
            Matcher client = EXPECTED_CLIENT.matcher(line);
            int id = client.matches() ? Integer.parseInt(client.group(1)) : 1;
            String actual = connection(id).read(timeout);
            if (actual == null) {
                throw new AssertionError("no message within " + timeout);
            }
            compare(fields(line), fields(actual), actual);
        } else {
            throw new AssertionError("a step this runner does not know");
        }
    }

    private static int clientOf(String rest) {
        Matcher digits = Pattern.compile("^(\\d+)").matcher(rest);
        return digits.find() ? Integer.parseInt(digits.group(1)) : 1;
    }

    private Connection connection(int client) {
        Connection connection = connections.get(client);
        if (connection == null) {
            throw new AssertionError("client " + client + " is not connected");
        }
        return connection;
    }

    private void send(String line) throws IOException {
        Matcher structure = MESSAGE.matcher(line);
        String message;
        int client = 1;
        if (structure.matches()) {
            if (structure.group(1) != null && !structure.group(1).isEmpty()) {
                client = Integer.parseInt(structure.group(1).replace(",", ""));
            }
            String tail = withTimes(structure.group(3));
            String checksum = "10=0\u0001".equals(structure.group(4)) ? "10=000\u0001" : structure.group(4);
            message = structure.group(2) + (tail.startsWith("9=") ? "" : "9=" + tail.length() + "\u0001") + tail
                    + checksum;
        } else {
            message = line.substring(1); // a garbled message, sent as it is
        }
        if (!message.contains("\u000110=")) {
            message += "10=" + String.format("%03d", checksum(message)) + "\u0001";
        }
        connection(client).send(message);
    }

    private static String withTimes(String text) {
        Matcher time = TIME.matcher(text);
        StringBuilder out = new StringBuilder();
        while (time.find()) {
            long offset = 0;
            if (time.group(2) != null) {
                offset = Long.parseLong(time.group(2)) * 1100L * (time.group(1).startsWith("-") ? -1 : 1);
            }
            time.appendReplacement(out, LocalDateTime.now(ZoneOffset.UTC).plusNanos(offset * 1_000_000L)
                    .format(MILLIS));
        }
        time.appendTail(out);
        return out.toString();
    }

    private static int checksum(String message) {
        int sum = 0;
        for (byte b : message.getBytes(StandardCharsets.ISO_8859_1)) {
            sum += b & 0xff;
        }
        return sum % 256;
    }

    private static Map<String, String> fields(String text) {
        Map<String, String> fields = new HashMap<>();
        Matcher field = FIELD.matcher(text);
        while (field.find()) {
            fields.put(field.group(1), field.group(2));
        }
        return fields;
    }

    private static void compare(Map<String, String> expected, Map<String, String> actual, String raw) {
        String got = printable(raw);
        if (!Objects.equals(expected.get("35"), actual.get("35"))) {
            throw new AssertionError("expected MsgType " + expected.get("35") + ", got " + got);
        }
        for (Map.Entry<String, String> field : actual.entrySet()) {
            String tag = field.getKey();
            if (TIME_FIELDS.contains(tag) || tag.equals("10") || tag.equals("9")) {
                continue;
            }
            if (!expected.containsKey(tag)) {
                throw new AssertionError("unexpected field " + tag + "=" + field.getValue() + " in " + got);
            }
            boolean same = tag.equals("58") ? field.getValue().startsWith(expected.get(tag))
                    : field.getValue().equals(expected.get(tag));
            if (!same) {
                throw new AssertionError("field " + tag + ": expected " + expected.get(tag) + ", got " + got);
            }
        }
        for (String tag : expected.keySet()) {
            if (!actual.containsKey(tag)) {
                throw new AssertionError("missing field " + tag + " in " + got);
            }
        }
    }

    private static String printable(String message) {
        return message.replace('\u0001', '|');
    }

    /** One client connection: writes raw messages, reads whole FIX messages (8=...|9=n|...|10=xxx|). */
    private static final class Connection {
        private final Socket socket;
        private final InputStream in;

        Connection(Socket socket) throws IOException {
            this.socket = socket;
            socket.setTcpNoDelay(true);
            this.in = new BufferedInputStream(socket.getInputStream());
        }

        void send(String message) throws IOException {
            socket.getOutputStream().write(message.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
        }

        /** The next message, or {@code null} if none came in time or the connection closed. */
        String read(Duration timeout) throws IOException {
            socket.setSoTimeout((int) timeout.toMillis());
            ByteArrayOutputStream message = new ByteArrayOutputStream();
            try {
                // Up to the end of the BodyLength field, then the body, then the CheckSum field.
                int soh = 0;
                while (soh < 2) {
                    int b = in.read();
                    if (b < 0) {
                        return null;
                    }
                    message.write(b);
                    if (b == 1) {
                        soh++;
                    }
                }
                String head = message.toString(StandardCharsets.ISO_8859_1);
                Matcher length = Pattern.compile("\u00019=(\\d+)\u0001$").matcher(head);
                if (!length.find()) {
                    throw new AssertionError("not a FIX message: " + printable(head));
                }
                message.write(in.readNBytes(Integer.parseInt(length.group(1))));
                int b;
                while ((b = in.read()) >= 0) {
                    message.write(b);
                    if (b == 1) {
                        break;
                    }
                }
                return message.toString(StandardCharsets.ISO_8859_1);
            } catch (SocketTimeoutException quiet) {
                return null;
            }
        }

        void awaitDisconnect(Duration timeout) throws IOException {
            long deadline = System.nanoTime() + timeout.toNanos();
            socket.setSoTimeout(200);
            while (System.nanoTime() < deadline) {
                try {
                    if (in.read() < 0) {
                        return;
                    }
                } catch (SocketTimeoutException stillOpen) {
                    // keep waiting
                } catch (IOException reset) {
                    return;
                }
            }
            throw new AssertionError("the acceptor did not disconnect within " + timeout);
        }

        void close() throws IOException {
            socket.close();
        }
    }
}
