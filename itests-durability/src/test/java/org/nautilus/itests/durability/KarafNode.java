package org.nautilus.itests.durability;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One unpacked copy of the assembled distribution, run as a real process: {@code bin/start}, {@code kill -9},
 * shell commands through {@code bin/nautilus-admin}. Each node gets ports of its own (SSH, JMX, Ignite discovery
 * and communication), so it neither disturbs nor joins anything else running on the machine.
 */
final class KarafNode implements AutoCloseable {

    /** Every node unpacked and not yet closed: a node not READY shows all their logs (the cause is often elsewhere). */
    private static final List<KarafNode> OPEN = new CopyOnWriteArrayList<>();

    final Path home;
    final int sshPort;

    private KarafNode(Path home, int sshPort) {
        this.home = home;
        this.sshPort = sshPort;
    }

    /**
     * Unpacks the distribution into a fresh {@code directory} and gives it its ports.
     *
     * @param discoveryAddresses the static discovery list (this node's own range for a single node)
     */
    static KarafNode unpack(Path distribution, Path directory, int sshPort, int discoveryPort, int communicationPort,
            String discoveryAddresses) throws IOException, InterruptedException {
        if (!Files.isRegularFile(distribution)) {
            throw new IllegalStateException("the assembled distribution is missing: " + distribution
                    + " (build it with: mvn -o -q install -DskipTests)");
        }
        delete(directory);
        Files.createDirectories(directory);
        run(List.of("tar", "-xzf", distribution.toString(), "-C", directory.toString(), "--strip-components=1"),
                Duration.ofSeconds(120));
        KarafNode node = new KarafNode(directory, sshPort);
        OPEN.removeIf(n -> n.home.equals(node.home));
        OPEN.add(node);
        node.replace("etc/org.apache.karaf.shell.cfg", "(?m)^sshPort *=.*$", "sshPort = " + sshPort);
        node.replace("etc/org.apache.karaf.management.cfg", "(?m)^rmiRegistryPort *=.*$",
                "rmiRegistryPort = " + (sshPort + 3000));
        node.replace("etc/org.apache.karaf.management.cfg", "(?m)^rmiServerPort *=.*$",
                "rmiServerPort = " + (sshPort + 3100));
        // Each node its own HTTP port (Pax Web), so nodes on one machine do not fight over 8181.
        node.replace("etc/org.ops4j.pax.web.cfg", "(?m)^org.osgi.service.http.port *=.*$",
                "org.osgi.service.http.port = " + (sshPort + 3200));
        node.replace("etc/org.ops4j.pax.web.cfg", "(?m)^org.osgi.service.http.port.secure *=.*$",
                "org.osgi.service.http.port.secure = " + (sshPort + 3200));
        node.append("etc/nautilus.grid.cfg", "\nlocal.address = 127.0.0.1\ndiscovery.port = " + discoveryPort
                + "\ndiscovery.port.range = 0\ndiscovery.addresses = " + discoveryAddresses + "\ncommunication.port = "
                + communicationPort + "\n");
        return node;
    }

    /**
     * Unpacks a node of a test cluster: its consistent id, one backup of every partition, joining nodes added to the
     * baseline after 1 s, the risk limits that would deny a load's orders lifted, and this module's test bundle (load
     * generator, cluster probe, acknowledgement check) in {@code deploy/}.
     */
    static KarafNode clusterNode(Path work, String id, int sshPort, int discoveryPort, int communicationPort,
            String discoveryAddresses) throws IOException, InterruptedException {
        KarafNode node = unpack(Path.of(System.getProperty("distribution")), work.resolve(id), sshPort, discoveryPort,
                communicationPort, discoveryAddresses);
        node.configure("nautilus.grid", "consistent.id", id);
        node.configure("nautilus.grid", "cache.backups", "1");
        node.configure("nautilus.grid", "baseline.join.delay.ms", "1000");
        node.configure("nautilus.risk.order_rate", "max.orders", "10000000");
        node.configure("nautilus.risk.duplicate_order", "enabled", "false");
        node.configure("nautilus.risk.max_position", "max.position", "100000000");
        node.configure("nautilus.risk.max_leverage", "max.leverage", "100000");
        node.configure("nautilus.risk.max_daily_loss", "max.loss", "1000000000");
        node.configure("nautilus.risk.credit_limit", "credit.limit", "90000000000");
        node.configure("nautilus.risk.concentration", "max.percent", "10000000");
        Files.copy(Path.of(System.getProperty("load.bundle")), node.home.resolve("deploy/durability-load.jar"),
                StandardCopyOption.REPLACE_EXISTING);
        return node;
    }

    /** Sets {@code key = value} in {@code etc/<pid>.cfg}, replacing an existing line. */
    void configure(String pid, String key, String value) throws IOException {
        Path file = home.resolve("etc").resolve(pid + ".cfg");
        String text = Files.exists(file) ? Files.readString(file) : "";
        String line = key + " = " + value;
        String pattern = "(?m)^#?\\s*" + Pattern.quote(key) + "\\s*=.*$";
        text = Pattern.compile(pattern).matcher(text).find()
                ? text.replaceAll(pattern, Matcher.quoteReplacement(line))
                : text + "\n" + line + "\n";
        Files.writeString(file, text);
    }

    void start() throws IOException, InterruptedException {
        run(List.of(home.resolve("bin/start").toString()), Duration.ofSeconds(30));
    }

    /** Waits until {@code nautilus:status} prints READY. */
    void awaitReady(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            Result status = admin("nautilus:status");
            last = status.output();
            if (status.exitCode() == 0 && last.lines().anyMatch(l -> l.strip().equals("READY"))) {
                return;
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("node " + home + " not READY after " + timeout + "; last status:\n" + last
                + "\n" + logsOfEveryNode());
    }

    /**
     * For a failure message: of every open node (this one first), whether it runs, its last warnings and errors,
     * then its log's tail.
     */
    String logsOfEveryNode() throws IOException {
        StringBuilder text = new StringBuilder();
        List<KarafNode> nodes = new ArrayList<>(OPEN);
        nodes.remove(this);
        nodes.add(0, this);
        for (KarafNode node : nodes) {
            long pid = node.pid();
            text.append("\n===== ").append(node.home.getFileName()).append(pid > 0 ? " (running, pid " + pid + ")"
                    : " (not running)").append(": last warnings and errors =====\n").append(node.problems(30))
                    .append("\n===== ").append(node.home.getFileName()).append(": log tail =====\n")
                    .append(node.logTail(40)).append('\n');
        }
        return text.toString();
    }

    /** The last {@code count} WARN/ERROR lines of the log, each with the first line after it (an exception's). */
    String problems(int count) throws IOException {
        Path log = home.resolve("data/log/karaf.log");
        if (!Files.exists(log)) {
            return "(no log)";
        }
        List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
        List<String> found = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            String line = all.get(i);
            if (line.contains("| WARN ") || line.contains("| ERROR ")) {
                found.add(line);
                if (i + 1 < all.size() && !all.get(i + 1).matches("^\\d{4}-\\d\\d-\\d\\dT.*")) {
                    found.add(all.get(i + 1));
                }
            }
        }
        return found.isEmpty() ? "(none)"
                : String.join("\n", found.subList(Math.max(0, found.size() - count),
                        found.size()));
    }

    /** The Karaf JVM's pid, or -1 if it is not running. */
    long pid() throws IOException {
        Path properties = home.resolve("instances/instance.properties");
        if (!Files.exists(properties)) {
            return -1;
        }
        for (String line : Files.readAllLines(properties)) {
            if (line.startsWith("item.0.pid")) {
                long pid = Long.parseLong(line.substring(line.indexOf('=') + 1).strip());
                return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) ? pid : -1;
            }
        }
        return -1;
    }

    /** kill -9: no shutdown hook, no flush, no goodbye. */
    void kill9() throws IOException, InterruptedException {
        long pid = pid();
        if (pid <= 0) {
            return;
        }
        run(List.of("kill", "-9", Long.toString(pid)), Duration.ofSeconds(10));
        ProcessHandle.of(pid).ifPresent(p -> p.onExit().join());
    }

    /** kill -STOP: a hung node. Its sockets stay open, so only the failure detection timeout tells it is gone. */
    void freeze() throws IOException, InterruptedException {
        long pid = pid();
        if (pid > 0) {
            run(List.of("kill", "-STOP", Long.toString(pid)), Duration.ofSeconds(10));
        }
    }

    /** A clean stop (bin/stop), then kill -9 if it lingers. */
    void stop() throws IOException, InterruptedException {
        long pid = pid();
        if (pid <= 0) {
            return;
        }
        run(List.of(home.resolve("bin/stop").toString()), Duration.ofSeconds(30));
        ProcessHandle handle = ProcessHandle.of(pid).orElse(null);
        if (handle != null && !handle.onExit().completeOnTimeout(handle, 60, TimeUnit.SECONDS).join().isAlive()) {
            return;
        }
        kill9();
    }

    record Result(int exitCode, String output) {
    }

    /** Runs a shell command through bin/nautilus-admin. */
    Result admin(String command) throws IOException, InterruptedException {
        return run(List.of(home.resolve("bin/nautilus-admin").toString(), "--port", Integer.toString(sshPort), command),
                Duration.ofSeconds(120));
    }

    String logTail(int lines) throws IOException {
        Path log = home.resolve("data/log/karaf.log");
        if (!Files.exists(log)) {
            return "(no log)";
        }
        List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    String log() throws IOException {
        Path log = home.resolve("data/log/karaf.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    @Override
    public void close() throws IOException, InterruptedException {
        OPEN.remove(this);
        kill9();
    }

    private void replace(String file, String regex, String replacement) throws IOException {
        Path path = home.resolve(file);
        Files.writeString(path, Files.readString(path).replaceAll(regex, replacement));
    }

    private void append(String file, String text) throws IOException {
        Path path = home.resolve(file);
        Files.writeString(path, Files.readString(path) + text);
    }

    static Result run(List<String> command, Duration timeout) throws IOException, InterruptedException {
        // Output to a file, not a pipe: bin/start leaves a daemon behind that must not hold our pipe open.
        Path out = Files.createTempFile("karaf-node", ".out");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(out.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("timed out: " + command);
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
        }
    }

    static void delete(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Rows of a shell table (cells split on '|', trimmed), header and rule excluded: without a terminal, as through
     * bin/nautilus-admin, the shell prints its tables in plain ASCII. */
    static List<List<String>> table(String output) {
        List<List<String>> rows = new ArrayList<>();
        List<String> lines = output.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (i < 2 || line.isBlank() || !line.contains("|")) {
                continue;
            }
            List<String> cells = new ArrayList<>();
            for (String cell : line.split("\\|", -1)) {
                cells.add(cell.strip());
            }
            rows.add(cells);
        }
        return rows;
    }
}
