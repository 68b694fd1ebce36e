package org.nautilus.benchmarks.http;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Recorder;

/**
 * Load driver for order entry over HTTP against a running node (the assembled distribution, started by
 * {@code benchmarks/run.sh http}): {@code clients} threads, each a closed loop of keep-alive HTTP/1.1 requests
 * {@code POST /api/v1/orders} (market orders of 1, BUY and SELL alternating, so positions stay small), each
 * answered once the order is durable. Counts 201 (acknowledged durable), other statuses by code, and the latency
 * of acknowledged orders (HdrHistogram), after a warm-up.
 *
 * <p>Arguments: {@code baseUrl seconds clients warmupSeconds symbol venue}.
 */
public final class HttpLoadMain {

    private HttpLoadMain() {
    }

    public static void main(String[] args) throws Exception {
        String base = args.length > 0 ? args[0] : "http://127.0.0.1:8181";
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        int clients = args.length > 2 ? Integer.parseInt(args[2]) : 64;
        int warmup = args.length > 3 ? Integer.parseInt(args[3]) : 10;
        String symbol = args.length > 4 ? args[4] : "MSFT";
        String venue = args.length > 5 ? args[5] : "SIM";
        URI orders = URI.create(base + "/api/v1/orders");
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        // A bearer token, asked once with the user's password (Basic would be a JAAS login per order).
        String authorization = args.length > 7 ? "Bearer " + token(http, base, args[6], args[7]) : null;
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
            int client = c;
            Thread thread = new Thread(() -> {
                long n = 0;
                while (true) {
                    long now = System.nanoTime();
                    if (now >= end) {
                        return;
                    }
                    String body = "{\"portfolio\":\"bench-" + (client % 8) + "\",\"symbol\":\"" + symbol
                            + "\",\"side\":\"" + (n++ % 2 == 0 ? "BUY" : "SELL") + "\",\"quantity\":1,\"venue\":\""
                            + venue + "\"}";
                    HttpRequest.Builder builder = HttpRequest.newBuilder(orders).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body)).timeout(Duration.ofSeconds(30));
                    if (authorization != null) {
                        builder.header("Authorization", authorization);
                    }
                    HttpRequest request = builder.build();
                    try {
                        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                        long done = System.nanoTime();
                        if (now < measureFrom) {
                            continue;
                        }
                        if (response.statusCode() == 201) {
                            acknowledged.increment();
                            latency.recordValue((done - now) / 1_000);
                        } else {
                            refused.increment();
                            if (lastRefusal.getAndIncrement() % 10_000 == 0) {
                                refusal[0] = response.statusCode() + " " + response.body();
                            }
                        }
                    } catch (Exception e) {
                        failed.increment();
                        refusal[0] = String.valueOf(e);
                    }
                }
            }, "http-client-" + c);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        var histogram = latency.getIntervalHistogram();
        double rate = acknowledged.sum() / (double) seconds;
        System.out.printf("clients %d, %d s after %d s warm-up, %s%n", clients, seconds, warmup, base);
        System.out.printf("acknowledged (201) %d, refused %d, failed %d%s%n", acknowledged.sum(), refused.sum(),
                failed.sum(), refusal[0] == null ? "" : " (e.g. " + refusal[0] + ")");
        System.out.printf("latency of acknowledged orders: p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.2f ms%n",
                histogram.getValueAtPercentile(50) / 1000.0, histogram.getValueAtPercentile(99) / 1000.0,
                histogram.getValueAtPercentile(99.9) / 1000.0, histogram.getMaxValue() / 1000.0);
        System.out.printf("http: %.0f orders/s%n", rate);
    }

    /** POST /api/v1/tokens with the user's password: the token of {"token":"v1...",...}. */
    private static String token(HttpClient http, String base, String user, String password) throws Exception {
        String basic = java.util.Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/tokens"))
                .header("Authorization", "Basic " + basic).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        java.util.regex.Matcher token = java.util.regex.Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"")
                .matcher(response.body());
        if (response.statusCode() != 200 || !token.find()) {
            throw new IllegalStateException("no token for " + user + ": " + response.statusCode() + " " + response.body());
        }
        return token.group(1);
    }
}
