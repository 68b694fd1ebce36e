package org.nautilus.benchmarks.features;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nautilus.research.internal.expression.BarColumns;

/**
 * The two ends of {@code benchmarks/run.sh signals-dist}: bar close → signal batch, end to end in the assembled
 * distribution. {@code bars FILE instruments days} writes GENERATED daily bars ({@link GeneratedBars}, not market data)
 * of every instrument as one JSON-lines file, day by day, for the distribution's {@code nautilus-replay} route.
 * {@code measure URL user password model days instruments log} reads the node's signal stream over HTTP (SSE) and
 * takes each batch's arrival time, then the time each close's last bar entered the route (the route's
 * {@code log:...?groupSize=INSTRUMENTS} step in front of {@code nautilus:marketdata} logs once per day of bars, in
 * {@code karaf.log}), and prints last bar in → batch received per close (ms resolution: Karaf's log time).
 */
public final class SignalsDistributionMain {

    private static final Instant FIRST_DAY = Instant.parse("2010-01-04T00:00:00Z");
    private static final DateTimeFormatter KARAF_LOG_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss,SSS");
    // the batch's own time comes before its signals' (record component order); ISO text or epoch seconds
    private static final Pattern BATCH_TIME = Pattern.compile("\"time\":\"?([0-9TZ:.+-]+)");
    private static final Pattern SIGNAL = Pattern.compile("\"instrument\":");
    private static final Pattern MISSING = Pattern.compile("\"missing\":\\[([^\\]]*)\\]");

    private SignalsDistributionMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 4 && args[0].equals("bars")) {
            writeBars(Path.of(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
        } else if (args.length == 9 && args[0].equals("measure")) {
            measure(args[1], args[2], args[3], args[4], Integer.parseInt(args[5]), Integer.parseInt(args[6]),
                    Integer.parseInt(args[7]), Path.of(args[8]));
        } else {
            throw new IllegalArgumentException("usage: bars FILE INSTRUMENTS DAYS | measure URL USER PASSWORD MODEL"
                    + " WARM_UP_DAYS CLOSES INSTRUMENTS KARAF_LOG; got " + Arrays.toString(args));
        }
    }

    /** The symbol of generated instrument {@code i}, as etc/nautilus.marketdata.cfg must list it. */
    static String symbol(int i) {
        return String.format(Locale.ROOT, "GEN%04d", i);
    }

    private static void writeBars(Path file, int instruments, int days) throws IOException {
        List<BarColumns> columns = new ArrayList<>(instruments);
        for (int i = 0; i < instruments; i++) {
            columns.add(GeneratedBars.instrument(i, days));
        }
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int d = 0; d < days; d++) {
                Instant start = FIRST_DAY.plus(Duration.ofDays(d));
                for (int i = 0; i < instruments; i++) {
                    BarColumns c = columns.get(i);
                    out.write(String.format(Locale.ROOT, "{\"type\":\"bar\",\"symbol\":\"%s\",\"start\":\"%s\","
                            + "\"end\":\"%s\",\"open\":%.2f,\"high\":%.2f,\"low\":%.2f,\"close\":%.2f,\"volume\":%d}%n",
                            symbol(i), start, start.plus(Duration.ofDays(1)), c.open()[d], c.high()[d], c.low()[d],
                            c.close()[d], (long) c.volume()[d]));
                }
            }
        }
    }

    /** One batch as the driver received it. */
    record Received(Instant close, long receivedMillis, int signals, int missing) {
    }

    private static void measure(String url, String user, String password, String model, int warm, int closes,
            int instruments, Path karafLog) throws Exception {
        int days = warm + closes;
        HttpClient http = HttpClient.newHttpClient();
        String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        HttpResponse<InputStream> stream = http.send(HttpRequest
                .newBuilder(URI.create(url + "/api/v1/stream/signals?model=" + model))
                .header("Authorization", "Basic " + basic).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofInputStream());
        if (stream.statusCode() != 200) {
            throw new IllegalStateException("GET /api/v1/stream/signals answered " + stream.statusCode());
        }
        System.out.println("subscribed to " + url + "/api/v1/stream/signals?model=" + model);
        System.out.println("READY"); // run.sh starts the replay once this is printed
        System.out.flush();
        Instant lastClose = FIRST_DAY.plus(Duration.ofDays(days));
        List<Received> received = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60L + days * 10L);
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
            String line;
            while (System.nanoTime() < deadline && (line = lines.readLine()) != null) {
                long now = System.currentTimeMillis();
                if (!line.startsWith("data:")) {
                    continue;
                }
                Matcher time = BATCH_TIME.matcher(line);
                if (!time.find()) {
                    continue;
                }
                String t = time.group(1);
                Instant close = t.contains("T") ? Instant.parse(t)
                        : Instant.ofEpochMilli(Math.round(Double.parseDouble(t) * 1000));
                Matcher missing = MISSING.matcher(line);
                int missingCount = missing.find() && !missing.group(1).isBlank() ? missing.group(1).split(",").length
                        : 0;
                received.add(new Received(close, now, (int) SIGNAL.matcher(line).results().count(), missingCount));
                if (!close.isBefore(lastClose)) {
                    break;
                }
            }
        }
        List<Long> lastIn = logTimes(karafLog);
        System.out.printf(Locale.ROOT, "%d batches received, %d days of %d bars logged in by the route%n",
                received.size(), lastIn.size(), instruments);
        report(received, lastIn, warm);
    }

    /** The route's log step lines (one per day of bars), as epoch ms, in order. */
    private static List<Long> logTimes(Path karafLog) throws IOException {
        List<Long> times = new ArrayList<>();
        try (var lines = Files.lines(karafLog, StandardCharsets.ISO_8859_1)) {
            lines.filter(l -> l.contains("signals-bench-bars") && l.contains("Received:")).forEach(l -> times.add(
                    LocalDateTime.parse(l.substring(0, 23), KARAF_LOG_TIME).atZone(ZoneId.systemDefault())
                            .toInstant().toEpochMilli()));
        }
        return times;
    }

    private static void report(List<Received> received, List<Long> lastIn, int warm) {
        List<Long> measured = new ArrayList<>();
        List<Double> sizes = new ArrayList<>();
        int partial = 0;
        for (Received r : received) {
            // the close of day d (0-based) is its bar's end: FIRST_DAY + d + 1 days
            int day = (int) (Duration.between(FIRST_DAY, r.close()).toDays() - 1);
            if (day < warm || day >= lastIn.size()) {
                continue;
            }
            measured.add(r.receivedMillis() - lastIn.get(day));
            sizes.add((double) r.signals());
            if (r.missing() > 0) {
                partial++;
            }
            System.out.printf(Locale.ROOT, "close %s (day %d): %d signals, %d missing, last bar in -> batch "
                    + "received %d ms%n", r.close(), day, r.signals(), r.missing(),
                    r.receivedMillis() - lastIn.get(day));
        }
        if (measured.isEmpty()) {
            throw new IllegalStateException("no batch matched a logged day of bars");
        }
        List<Long> tail = new ArrayList<>(measured);
        tail.sort(null);
        double meanSignals = sizes.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        System.out.printf(Locale.ROOT, "%d closes measured after %d warm-up days, %.1f signals per batch on average, "
                + "%d batches naming missing instruments%n", tail.size(), warm, meanSignals, partial);
        System.out.printf(Locale.ROOT,
                "signals-dist: last bar in -> batch received median %d ms, p90 %d ms, max %d ms%n",
                tail.get(tail.size() / 2), tail.get((int) Math.ceil(tail.size() * 0.9) - 1), tail.get(tail.size() - 1));
    }
}
