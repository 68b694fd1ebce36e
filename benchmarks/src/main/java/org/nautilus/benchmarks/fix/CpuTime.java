package org.nautilus.benchmarks.fix;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time spent by the node under test (another process, read from Linux's {@code /proc/<pid>/stat}: user + system
 * time of all its threads, dead ones included, in clock ticks of 10 ms) and by this driver, from a start point.
 */
record CpuTime(long nodePid, long nodeTicksAtStart, long driverNanosAtStart, long wallNanosAtStart) {

    /** Linux's USER_HZ: {@code /proc} reports CPU times in hundredths of a second on every common architecture. */
    private static final long NANOS_PER_TICK = 10_000_000L;

    static CpuTime start(long nodePid) {
        return new CpuTime(nodePid, nodeTicks(nodePid), driverNanos(), System.nanoTime());
    }

    /** One line: CPU µs per order of the node and of the driver, and how many cores each kept busy. */
    String perOrder(long orders) {
        double wall = System.nanoTime() - wallNanosAtStart;
        double driver = driverNanos() - driverNanosAtStart;
        String node = "node CPU not measured (no pid)";
        if (nodePid > 0) {
            double nodeNanos = (nodeTicks(nodePid) - nodeTicksAtStart) * (double) NANOS_PER_TICK;
            node = String.format("node CPU %.1f µs/order (%.2f cores)", nodeNanos / 1_000.0 / Math.max(1, orders),
                    nodeNanos / wall);
        }
        return String.format("%d orders; %s; driver CPU %.1f µs/order (%.2f cores)", orders, node,
                driver / 1_000.0 / Math.max(1, orders), driver / wall);
    }

    private static long driverNanos() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static long nodeTicks(long pid) {
        if (pid <= 0) {
            return 0;
        }
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            // Fields after the command name (in parentheses, may hold spaces): state is field 3, utime 14, stime 15.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the CPU time of process " + pid + ": " + e, e);
        }
    }
}
