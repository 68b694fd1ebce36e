package org.nautilus.benchmarks.durable;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * The disk's own rate of synced appends on a directory, measured the way the store's journal syncs
 * ({@code JournalFile}): records of {@value #RECORD} bytes appended to a preallocated, zero-filled file, each
 * followed by {@link FileChannel#force(boolean) force(false)} (fdatasync), one thread, for a few seconds. It is
 * what one fsync per order could reach with no code at all, so the durable figures can be read against the disk of
 * the run rather than against another run's.
 */
final class FsyncProbe {

    /** About one order's journal record (252 bytes per order measured). */
    static final int RECORD = 256;
    private static final long FILE_BYTES = 64L << 20;

    /** What the probe measured. */
    record Result(long syncs, double seconds, Histogram latency) {

        double perSecond() {
            return syncs / seconds;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%,.0f fsyncs/s (p50 %.0f us, p99 %.0f us, max %.1f ms, %,d syncs in "
                    + "%.1f s)", perSecond(), latency.getValueAtPercentile(50) / 1e3,
                    latency.getValueAtPercentile(99) / 1e3, latency.getMaxValue() / 1e6, syncs, seconds);
        }
    }

    private FsyncProbe() {
    }

    /** Appends and syncs records in a file of {@code dir} (created, then deleted) for {@code seconds}. */
    static Result run(Path dir, double seconds) throws IOException {
        Files.createDirectories(dir);
        Path file = Files.createTempFile(dir, "fsync-probe", ".bin");
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ByteBuffer zeros = ByteBuffer.allocate(1 << 16);
            for (long at = 0; at < FILE_BYTES;) {
                zeros.clear();
                at += channel.write(zeros, at);
            }
            channel.force(true);
            ByteBuffer record = ByteBuffer.allocate(RECORD);
            for (int i = 0; i < RECORD; i++) {
                record.put(i, (byte) (i * 31 + 7));
            }
            Histogram latency = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
            long position = 0;
            long syncs = 0;
            long start = System.nanoTime();
            long end = start + (long) (seconds * 1e9);
            long now = start;
            while (now < end) {
                if (position + RECORD > FILE_BYTES) {
                    position = 0;
                }
                record.clear();
                while (record.hasRemaining()) {
                    position += channel.write(record, position);
                }
                channel.force(false);
                long after = System.nanoTime();
                latency.recordValue(Math.min(after - now, latency.getHighestTrackableValue()));
                syncs++;
                now = after;
            }
            return new Result(syncs, (now - start) / 1e9, latency);
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
