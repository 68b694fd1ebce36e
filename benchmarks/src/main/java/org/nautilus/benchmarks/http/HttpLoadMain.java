package org.nautilus.benchmarks.http;

import com.sun.management.OperatingSystemMXBean;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Recorder;

/**
 * Load driver for order entry over HTTP against a running node (the assembled distribution, started by
 * {@code benchmarks/run.sh http}): {@code clients} threads, each a closed loop of keep-alive HTTP/1.1 requests
 * {@code POST /api/v1/orders} (market orders of 1, BUY and SELL alternating, so positions stay small), each
 * answered once the order is durable. Counts 201 (acknowledged durable), other statuses by code, and the latency
 * of acknowledged orders (HdrHistogram), after a warm-up.
 *
 * <p>Each client is one blocking socket with {@code TCP_NODELAY} writing the request in one write and reading the
 * response ({@code socket}, the default), or the JDK's {@code HttpClient} shared by all clients ({@code jdk}). The
 * JDK client serves every connection from one selector thread: on this 2-core machine it answered a trivial
 * {@code GET /health/live} 615 times a second where blocking sockets got 2,955 (64 connections, same node, same
 * minute), so it measured itself rather than the node.
 *
 * <p>With {@code sse} > 0 the same load runs twice against the same node: first alone, then with {@code sse}
 * clients subscribed to {@code GET /api/v1/stream/orders} (each reading every event), and the driver prints both
 * rates and their ratio (the issue's bound: submission slowed by at most 10 %).
 *
 * <p>With {@code batch} > 1 each request is {@code POST /api/v1/orders:batch} carrying that many orders: the rate counts
 * orders acknowledged (201 results), the latency is the whole batch's.
 *
 * <p>Arguments: {@code baseUrl seconds clients warmupSeconds symbol venue user password [sse] [socket|jdk] [batch]}.
 */
public final class HttpLoadMain {

    private HttpLoadMain() {
    }

    /** Orders per request: 1 is {@code POST /api/v1/orders}, more is {@code POST /api/v1/orders:batch}. */
    private static int batch = 1;

    /** One phase's figures. */
    private record Result(double rate, long acknowledged, long refused, long failed, String refusal, double p50,
            double p99, double p999, double max, double nodeCpuSeconds, double driverCpuSeconds) {
    }

    /** The node's process id ({@code -Dnode.pid}, set by run.sh), to read its CPU time from /proc; 0 when unknown. */
    private static final long NODE_PID = Long.getLong("node.pid", 0);
    /** Clock ticks per second of /proc/PID/stat's times ({@code getconf CLK_TCK}). */
    private static final long CLK_TCK = Long.getLong("clk.tck", 100);

    /** The node's user + system CPU seconds so far, or NaN when its pid is unknown. */
    private static double nodeCpuSeconds() {
        if (NODE_PID <= 0) {
            return Double.NaN;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(NODE_PID),
                    "stat"));
            // Fields after the command's closing parenthesis: state is field 3, utime 14, stime 15.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / (double) CLK_TCK;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** This driver's CPU seconds so far (all its threads). */
    private static double driverCpuSeconds() {
        return ((OperatingSystemMXBean) ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
    }

    public static void main(String[] args) throws Exception {
        String base = args.length > 0 ? args[0] : "http://127.0.0.1:8181";
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        int clients = args.length > 2 ? Integer.parseInt(args[2]) : 64;
        int warmup = args.length > 3 ? Integer.parseInt(args[3]) : 10;
        String symbol = args.length > 4 ? args[4] : "MSFT";
        String venue = args.length > 5 ? args[5] : "SIM";
        int sse = args.length > 8 ? Integer.parseInt(args[8]) : 0;
        String client = args.length > 9 ? args[9] : "socket";
        batch = args.length > 10 ? Integer.parseInt(args[10]) : 1;
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        // A bearer token, asked once with the user's password (Basic would be a JAAS login per order).
        String token = args.length > 7 ? token(http, base, args[6], args[7]) : null;
        Result alone = run(base, seconds, clients, warmup, symbol, venue, token, client, http, "");
        print("orders alone", base, seconds, clients, warmup, client, alone);
        if (sse > 0) {
            LongAdder events = new LongAdder();
            LongAdder dropped = new LongAdder();
            List<Thread> subscribers = new ArrayList<>();
            List<Socket> sockets = new ArrayList<>();
            for (int i = 0; i < sse; i++) {
                Socket socket = subscribe(URI.create(base), token);
                sockets.add(socket);
                Thread reader = new Thread(() -> readEvents(socket, events, dropped), "sse-" + i);
                reader.setDaemon(true);
                reader.start();
                subscribers.add(reader);
            }
            // Another prefix for the client order ids' portfolios, so the second phase's orders are new ones.
            Result withSse = run(base, seconds, clients, warmup, symbol, venue, token, client, http, "s");
            long delivered = events.sum();
            for (Socket socket : sockets) {
                socket.close();
            }
            print("orders with " + sse + " SSE subscribers", base, seconds, clients, warmup, client, withSse);
            System.out.printf("SSE: %d subscribers received %d order events (%.0f/s each over the phase), %d dropped%n",
                    sse, delivered, delivered / (double) sse / (warmup + seconds), dropped.sum());
            System.out.printf("http-sse: %.3f of the rate without subscribers%n", withSse.rate() / alone.rate());
        }
        scrapes(http, base, token);
        System.out.printf("http: %.0f orders/s%n", alone.rate());
    }

    /**
     * {@code GET /metrics} over the same HTTP stack, right after the load (the node holds every series the orders
     * made): 20 scrapes one after another, the time of each until its last byte, and the samples of the last.
     */
    private static void scrapes(HttpClient http, String base, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/metrics"))
                .timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        long[] millis = new long[20];
        String body = "";
        for (int i = 0; i < millis.length; i++) {
            long start = System.nanoTime();
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            millis[i] = (System.nanoTime() - start) / 1_000_000;
            if (response.statusCode() != 200) {
                System.out.println("metrics: scrape refused: " + response.statusCode() + " " + response.body());
                return;
            }
            body = response.body();
        }
        long samples = body.lines().filter(l -> !l.isEmpty() && !l.startsWith("#")).count();
        long families = body.lines().filter(l -> l.startsWith("# TYPE")).count();
        Arrays.sort(millis);
        System.out.printf(
                "metrics over HTTP: %d scrapes of %d samples in %d families (%d KB): median %d ms, p90 %d ms, "
                        + "max %d ms%n",
                millis.length, samples, families, body.length() / 1024, millis[millis.length / 2],
                millis[millis.length * 9 / 10], millis[millis.length - 1]);
    }

    private static void print(String what, String base, int seconds, int clients, int warmup, String client, Result r) {
        System.out.printf("%s: clients %d (%s)%s, %d s after %d s warm-up, %s%n", what, clients, client,
                batch > 1 ? ", batches of " + batch : "", seconds, warmup, base);
        System.out.printf("acknowledged (201) %d, refused %d, failed %d%s%n", r.acknowledged(), r.refused(),
                r.failed(), r.refusal() == null ? "" : " (e.g. " + r.refusal() + ")");
        System.out.printf("latency of acknowledged orders: p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.2f ms%n",
                r.p50(), r.p99(), r.p999(), r.max());
        if (!Double.isNaN(r.nodeCpuSeconds())) {
            System.out.printf("node CPU over the measured %d s: %.1f s (%.2f cores), %.0f µs per acknowledged order; "
                    + "driver CPU %.1f s (%.0f µs per order)%n", seconds, r.nodeCpuSeconds(),
                    r.nodeCpuSeconds() / seconds, r.nodeCpuSeconds() * 1e6 / Math.max(1, r.acknowledged()),
                    r.driverCpuSeconds(), r.driverCpuSeconds() * 1e6 / Math.max(1, r.acknowledged()));
        }
        System.out.printf("%s: %.0f orders/s%n", what, r.rate());
    }

    private static Result run(String base, int seconds, int clients, int warmup, String symbol, String venue,
            String token, String client, HttpClient http, String prefix) throws Exception {
        URI orders = URI.create(base + (batch > 1 ? "/api/v1/orders:batch" : "/api/v1/orders"));
        Recorder latency = new Recorder(3);
        LongAdder acknowledged = new LongAdder();
        LongAdder refused = new LongAdder();
        LongAdder failed = new LongAdder();
        AtomicLong lastRefusal = new AtomicLong();
        String[] refusal = new String[1];
        long start = System.nanoTime();
        long measureFrom = start + Duration.ofSeconds(warmup).toNanos();
        long end = measureFrom + Duration.ofSeconds(seconds).toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int id = c;
            Thread thread = new Thread(() -> {
                try (Exchange exchange = client.equals("jdk") ? new JdkExchange(http, orders, token)
                        : new SocketExchange(orders, token)) {
                    long n = 0;
                    while (true) {
                        long now = System.nanoTime();
                        if (now >= end) {
                            return;
                        }
                        StringBuilder orderBodies = new StringBuilder();
                        for (int i = 0; i < batch; i++) {
                            orderBodies.append(i == 0 ? "" : ",").append("{\"portfolio\":\"bench-").append(prefix)
                                    .append(id % 8).append("\",\"symbol\":\"").append(symbol).append("\",\"side\":\"")
                                    .append(n++ % 2 == 0 ? "BUY" : "SELL").append("\",\"quantity\":1,\"venue\":\"")
                                    .append(venue).append("\"}");
                        }
                        String body = batch > 1 ? "{\"orders\":[" + orderBodies + "]}" : orderBodies.toString();
                        try {
                            String[] reply = exchange.post(body);
                            long done = System.nanoTime();
                            if (now < measureFrom) {
                                continue;
                            }
                            if (batch > 1 && reply[0].equals("200")) {
                                int ok = count(reply[1], "{\"status\":201,");
                                acknowledged.add(ok);
                                refused.add(batch - ok);
                                latency.recordValue((done - now) / 1_000);
                            } else if (reply[0].equals("201")) {
                                acknowledged.increment();
                                latency.recordValue((done - now) / 1_000);
                            } else {
                                refused.increment();
                                if (lastRefusal.getAndIncrement() % 10_000 == 0) {
                                    refusal[0] = reply[0] + " " + reply[1];
                                }
                            }
                        } catch (Exception e) {
                            failed.increment();
                            refusal[0] = String.valueOf(e);
                            exchange.reset();
                        }
                    }
                } catch (Exception e) {
                    failed.increment();
                    refusal[0] = String.valueOf(e);
                }
            }, "http-client-" + c);
            thread.start();
            threads.add(thread);
        }
        // The node's and the driver's CPU over the measured window only (the warm-up's JIT work left out).
        Thread.sleep(Math.max(0, (measureFrom - System.nanoTime()) / 1_000_000));
        double nodeFrom = nodeCpuSeconds();
        double driverFrom = driverCpuSeconds();
        Thread.sleep(Math.max(0, (end - System.nanoTime()) / 1_000_000));
        double nodeCpu = nodeCpuSeconds() - nodeFrom;
        double driverCpu = driverCpuSeconds() - driverFrom;
        for (Thread thread : threads) {
            thread.join();
        }
        var h = latency.getIntervalHistogram();
        return new Result(acknowledged.sum() / (double) seconds, acknowledged.sum(), refused.sum(), failed.sum(),
                refusal[0], h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0,
                h.getValueAtPercentile(99.9) / 1000.0, h.getMaxValue() / 1000.0, nodeCpu, driverCpu);
    }

    private static int count(String text, String what) {
        int found = 0;
        for (int at = text.indexOf(what); at >= 0; at = text.indexOf(what, at + what.length())) {
            found++;
        }
        return found;
    }

    /** One client's connection: POST an order, the status and body back. */
    private interface Exchange extends AutoCloseable {
        String[] post(String body) throws Exception;

        /** After a failure: a new connection for the next request. */
        default void reset() {
        }

        @Override
        default void close() throws IOException {
        }
    }

    private record JdkExchange(HttpClient http, URI orders, String token) implements Exchange {
        @Override
        public String[] post(String body) throws Exception {
            HttpRequest.Builder builder = HttpRequest.newBuilder(orders).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).timeout(Duration.ofSeconds(30));
            if (token != null) {
                builder.header("Authorization", "Bearer " + token);
            }
            HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new String[] {Integer.toString(response.statusCode()), response.body()};
        }
    }

    /** HTTP/1.1 keep-alive over one blocking socket: the request in one write, the response read to its end. */
    private static final class SocketExchange implements Exchange {
        private final URI orders;
        private final String head;
        private Socket socket;
        private InputStream in;
        private OutputStream out;

        SocketExchange(URI orders, String token) throws IOException {
            this.orders = orders;
            this.head = "POST " + orders.getRawPath() + " HTTP/1.1\r\nHost: " + orders.getHost() + ":"
                    + orders.getPort()
                    + "\r\n" + (token == null ? "" : "Authorization: Bearer " + token + "\r\n")
                    + "Content-Type: application/json\r\nContent-Length: ";
            connect();
        }

        private void connect() throws IOException {
            socket = new Socket(orders.getHost(), orders.getPort());
            socket.setTcpNoDelay(true);
            in = new BufferedInputStream(socket.getInputStream(), 16_384);
            out = socket.getOutputStream();
        }

        @Override
        public String[] post(String body) throws IOException {
            byte[] content = body.getBytes(StandardCharsets.UTF_8);
            byte[] start = (head + content.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            byte[] request = new byte[start.length + content.length];
            System.arraycopy(start, 0, request, 0, start.length);
            System.arraycopy(content, 0, request, start.length, content.length);
            out.write(request);
            out.flush();
            return readResponse(in);
        }

        @Override
        public void reset() {
            try {
                socket.close();
                connect();
            } catch (IOException e) {
                // the next post fails and tries again
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /** Status and body of one HTTP/1.1 response (Content-Length or chunked). */
    static String[] readResponse(InputStream in) throws IOException {
        String status = line(in);
        if (status.isEmpty()) {
            throw new IOException("connection closed by the node");
        }
        int length = -1;
        boolean chunked = false;
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            String lower = header.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Integer.parseInt(lower.substring(15).strip());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        StringBuilder body = new StringBuilder();
        if (chunked) {
            for (int size = Integer.parseInt(line(in).strip(), 16); size > 0; size = Integer.parseInt(line(in).strip(),
                    16)) {
                body.append(new String(in.readNBytes(size), StandardCharsets.UTF_8));
                line(in);
            }
            line(in);
        } else if (length > 0) {
            body.append(new String(in.readNBytes(length), StandardCharsets.UTF_8));
        }
        return new String[] {status.split(" ")[1], body.toString()};
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    /** A line, or {@code null} at the end of the stream. */
    private static String lineOrNull(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c = in.read();
        if (c == -1) {
            return null;
        }
        for (; c != -1 && c != '\n'; c = in.read()) {
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    /** Opens {@code GET /api/v1/stream/orders} and reads its response head. */
    private static Socket subscribe(URI base, String token) throws IOException {
        Socket socket = new Socket(base.getHost(), base.getPort());
        socket.setTcpNoDelay(true);
        socket.getOutputStream().write(("GET /api/v1/stream/orders HTTP/1.1\r\nHost: " + base.getHost() + ":"
                + base.getPort() + "\r\nAccept: text/event-stream\r\n"
                + (token == null ? "" : "Authorization: Bearer " + token + "\r\n") + "\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
        return socket;
    }

    /** Counts the stream's events ({@code event:} lines) until the socket closes; a {@code dropped} one too. */
    private static void readEvents(Socket socket, LongAdder events, LongAdder dropped) {
        try (InputStream in = new BufferedInputStream(socket.getInputStream(), 65_536)) {
            String status = line(in);
            if (!status.contains(" 200")) {
                System.err.println("SSE subscription refused: " + status);
                return;
            }
            for (String line = lineOrNull(in); line != null; line = lineOrNull(in)) {
                if (line.startsWith("event:")) {
                    events.increment();
                    if (line.contains("dropped")) {
                        dropped.increment();
                    }
                }
            }
        } catch (IOException closed) {
            // the phase is over
        }
    }

    /** POST /api/v1/tokens with the user's password: the token of {"token":"v1...",...}. */
    private static String token(HttpClient http, String base, String user, String password) throws Exception {
        String basic = Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/tokens"))
                .header("Authorization", "Basic " + basic).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher token = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"")
                .matcher(response.body());
        if (response.statusCode() != 200 || !token.find()) {
            throw new IllegalStateException(
                    "no token for " + user + ": " + response.statusCode() + " " + response.body());
        }
        return token.group(1);
    }
}
