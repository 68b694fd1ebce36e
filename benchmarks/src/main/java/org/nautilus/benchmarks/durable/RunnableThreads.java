package org.nautilus.benchmarks.durable;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Samples how many of this process's threads the kernel has runnable (state {@code R} in
 * {@code /proc/self/task/<tid>/stat}: on a core or waiting for one), every {@code periodMillis}, while measuring:
 * on a 2-core node more than two runnable threads means someone waits for a core. Counts, per thread name with
 * digits folded ({@code nautilus-oms-p3} as {@code nautilus-oms-p#}), how often each was runnable. Linux only;
 * elsewhere it reports nothing.
 */
final class RunnableThreads implements AutoCloseable {

    private static final Path TASKS = Path.of("/proc/self/task");

    private final Thread sampler;
    private volatile boolean running = true;
    private long samples;
    private long runnable;
    private long overTwo;
    private final Map<String, Long> byName = new HashMap<>();

    RunnableThreads(long periodMillis) {
        sampler = new Thread(() -> {
            while (running) {
                sample();
                try {
                    Thread.sleep(periodMillis);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "bench-runnable-sampler");
        sampler.setDaemon(true);
        if (Files.isDirectory(TASKS)) {
            sampler.start();
        }
    }

    private void sample() {
        int count = 0;
        Map<String, Integer> names = new HashMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
            for (Path task : tasks) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException e) {
                    continue; // the thread ended
                }
                int close = stat.lastIndexOf(')');
                if (close < 0 || close + 2 >= stat.length() || stat.charAt(close + 2) != 'R') {
                    continue;
                }
                String name = stat.substring(stat.indexOf('(') + 1, close);
                if (name.equals("bench-runnable-")) {
                    continue; // the sampler itself
                }
                count++;
                names.merge(name.replaceAll("[0-9]+", "#"), 1, Integer::sum);
            }
        } catch (IOException e) {
            return;
        }
        synchronized (this) {
            samples++;
            runnable += count;
            if (count > 2) {
                overTwo++;
            }
            names.forEach((k, v) -> byName.merge(k, (long) v, Long::sum));
        }
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
        try {
            sampler.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Mean runnable threads, share of samples with more than two, and the threads most often runnable. */
    @Override
    public synchronized String toString() {
        if (samples == 0) {
            return "not sampled (no /proc/self/task)";
        }
        String top = byName.entrySet().stream()
                .sorted(Map.Entry.<String, Long> comparingByValue(Comparator.reverseOrder()))
                .limit(8).map(e -> String.format(Locale.ROOT, "%s %.2f", e.getKey(), (double) e.getValue() / samples))
                .collect(Collectors.joining(", "));
        return String.format(Locale.ROOT, "%.2f runnable on average (%d samples), more than 2 in %.0f %% of them; "
                + "mean per thread: %s", (double) runnable / samples, samples, 100.0 * overTwo / samples, top);
    }
}
