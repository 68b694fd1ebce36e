package org.nautilus.venue.ibkr.internal;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Client Portal gateway's WebSocket ({@code /v1/api/ws}), as a minimal RFC 6455 server over a plain socket: the
 * opening handshake, text frames both ways (client frames masked, as the RFC demands), ping, close. It behaves as
 * IBKR's reference describes: it answers {@code waiting for session} until the client sends
 * {@code {"session":"..."}} with the session {@code /tickle} gave, then {@code sts} (authenticated) and
 * {@code system}; messages sent before the session are recorded but have no effect. {@code ech+hb} is echoed. Tests
 * push topic messages to the authenticated connections, drop them, and refuse new ones.
 */
final class SocketFake implements AutoCloseable {

    static final String SESSION = "bb665d0f55b6289d70bc5b0d06ad1a7e";
    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private final ServerSocket server;
    private final Thread acceptor;
    private final List<Connection> connections = new CopyOnWriteArrayList<>();
    /** Every text message received, in order, from every connection. */
    final List<String> received = new CopyOnWriteArrayList<>();
    /** The request headers of every opening handshake. */
    final List<Map<String, String>> handshakes = new CopyOnWriteArrayList<>();
    final AtomicInteger opened = new AtomicInteger();
    private volatile boolean refusing;
    private volatile boolean muted;
    private volatile String session = SESSION;
    private volatile boolean closed;

    SocketFake() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::accept, "socket-fake-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    URI url() {
        return URI.create("ws://localhost:" + server.getLocalPort() + GatewayFake.API + "/ws");
    }

    /** New connections are answered 503 (the gateway restarting its socket service) while true. */
    void refusing(boolean yes) {
        refusing = yes;
    }

    /** The session value the fake accepts (another one: it keeps waiting for the session). */
    void session(String value) {
        session = value;
    }

    /** While true nothing is echoed: the connections go silent (a half-dead link). */
    void muted(boolean yes) {
        muted = yes;
    }

    /** Sends a text message to every connection that has given its session. */
    void push(String text) {
        for (Connection c : connections) {
            if (c.authenticated) {
                c.sendQuietly(text);
            }
        }
    }

    /** Cuts every connection at once, without a closing handshake (a network failure). */
    void drop() {
        for (Connection c : connections) {
            c.kill();
        }
    }

    /** Connections that have given the session and are still open. */
    int live() {
        return (int) connections.stream().filter(c -> c.authenticated && !c.socket.isClosed()).count();
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        drop();
    }

    private void accept() {
        while (!closed) {
            try {
                Socket socket = server.accept();
                Thread reader = new Thread(() -> serve(socket), "socket-fake-conn");
                reader.setDaemon(true);
                reader.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        Connection c = new Connection(socket);
        try (socket) {
            socket.setTcpNoDelay(true);
            InputStream in = socket.getInputStream();
            Map<String, String> headers = readRequest(in);
            if (headers == null) {
                return;
            }
            handshakes.add(headers);
            OutputStream out = socket.getOutputStream();
            String key = headers.get("sec-websocket-key");
            if (refusing || key == null || !headers.getOrDefault(":path", "").equals(GatewayFake.API + "/ws")) {
                out.write("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                return;
            }
            String accept = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1")
                    .digest((key + GUID).getBytes(StandardCharsets.US_ASCII)));
            out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: " + accept + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            connections.add(c);
            opened.incrementAndGet();
            c.send("{\"message\":\"waiting for session\"}");
            while (true) {
                Frame frame = readFrame(in);
                switch (frame.opcode) {
                    case 0x1 -> c.onText(new String(frame.payload, StandardCharsets.UTF_8));
                    case 0x8 -> {
                        c.sendFrame(0x8, frame.payload);
                        return;
                    }
                    case 0x9 -> c.sendFrame(0xA, frame.payload);
                    default -> {
                        // pong, binary, continuation: the venue sends none of these that matter here
                    }
                }
            }
        } catch (IOException | NoSuchAlgorithmException e) {
            // the connection ended
        } finally {
            connections.remove(c);
        }
    }

    /** Reads the opening request: the path under {@code :path}, header names in lower case. */
    private static Map<String, String> readRequest(InputStream in) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        String line = readLine(in);
        if (line == null) {
            return null;
        }
        String[] request = line.split(" ");
        String target = request.length > 1 ? request[1] : "";
        int query = target.indexOf('?');
        headers.put(":path", query < 0 ? target : target.substring(0, query));
        headers.put(":query", query < 0 ? "" : target.substring(query + 1));
        while ((line = readLine(in)) != null && !line.isEmpty()) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1)
                        .strip());
            }
        }
        return headers;
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                int end = line.length();
                return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
            }
            line.append((char) b);
        }
        return line.length() == 0 ? null : line.toString();
    }

    private record Frame(int opcode, byte[] payload) {
    }

    /** One frame from the client, unmasked; fragments of a text message are joined into one text frame. */
    private static Frame readFrame(InputStream in) throws IOException {
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        int opcode = -1;
        while (true) {
            int b0 = readByte(in);
            int b1 = readByte(in);
            boolean fin = (b0 & 0x80) != 0;
            int frameOpcode = b0 & 0x0F;
            if ((b1 & 0x80) == 0) {
                throw new IOException("client frame not masked (RFC 6455 5.1)");
            }
            long length = b1 & 0x7F;
            if (length == 126) {
                length = (readByte(in) << 8) | readByte(in);
            } else if (length == 127) {
                length = 0;
                for (int i = 0; i < 8; i++) {
                    length = (length << 8) | readByte(in);
                }
            }
            byte[] mask = in.readNBytes(4);
            byte[] payload = in.readNBytes((int) length);
            if (payload.length != length || mask.length != 4) {
                throw new EOFException();
            }
            for (int i = 0; i < payload.length; i++) {
                payload[i] ^= mask[i % 4];
            }
            if (frameOpcode >= 0x8) {
                return new Frame(frameOpcode, payload); // control frames are never fragmented
            }
            if (opcode < 0) {
                opcode = frameOpcode;
            }
            message.write(payload);
            if (fin) {
                return new Frame(opcode, message.toByteArray());
            }
        }
    }

    private static int readByte(InputStream in) throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException();
        }
        return b;
    }

    private final class Connection {
        final Socket socket;
        volatile boolean authenticated;

        Connection(Socket socket) {
            this.socket = socket;
        }

        void onText(String text) throws IOException {
            received.add(text);
            if (text.replace(" ", "").equals("{\"session\":\"" + session + "\"}")) {
                authenticated = true;
                send("{\"topic\":\"sts\",\"args\":{\"authenticated\":true}}");
                send("{\"topic\":\"system\",\"success\":\"user1234\"}");
            } else if (text.equals("ech+hb") && authenticated && !muted) {
                send("{\"topic\":\"ech+hb\",\"alive\":true}");
            }
        }

        void send(String text) throws IOException {
            sendFrame(0x1, text.getBytes(StandardCharsets.UTF_8));
        }

        void sendQuietly(String text) {
            try {
                send(text);
            } catch (IOException e) {
                kill();
            }
        }

        /** A server frame: never masked; written in one piece (small writes would meet Nagle and delayed ACKs). */
        synchronized void sendFrame(int opcode, byte[] payload) throws IOException {
            ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 10);
            frame.write(0x80 | opcode);
            if (payload.length < 126) {
                frame.write(payload.length);
            } else if (payload.length < 65536) {
                frame.write(126);
                frame.write(payload.length >>> 8);
                frame.write(payload.length & 0xFF);
            } else {
                frame.write(127);
                for (int i = 7; i >= 0; i--) {
                    frame.write((int) (((long) payload.length >>> (8 * i)) & 0xFF));
                }
            }
            frame.write(payload);
            OutputStream out = socket.getOutputStream();
            out.write(frame.toByteArray());
            out.flush();
        }

        void kill() {
            try {
                socket.close();
            } catch (IOException e) {
                // already gone
            }
        }
    }
}
