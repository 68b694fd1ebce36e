package org.nautilus.itests;

import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The assembled distribution (the reactor's tar.gz) unpacked afresh under {@code target/<name>} and run with its own
 * scripts (bin/start, bin/stop, bin/nautilus-admin), for tests that need the real node from outside: a browser, a FIX
 * client, a restart. Give each test its own ports so it never meets a Pax Exam container or a developer's node.
 */
final class ScriptedDistribution {

    private final Path home;
    private final Path karaf;
    private final int httpPort;

    /**
     * Unpacks the distribution and moves its ports: SSH {@code portBase+1}, RMI {@code portBase+2} and
     * {@code portBase+3}, HTTPS {@code httpPort}, Ignite discovery {@code portBase+10..+19} and communication
     * {@code portBase+30}.
     */
    ScriptedDistribution(String name, int httpPort, int portBase) throws Exception {
        Path tarGz = Path.of(System.getProperty("nautilus.distribution", ""));
        if (!Files.isRegularFile(tarGz)) {
            throw new AssertionError("the reactor's distribution is missing: " + tarGz);
        }
        this.home = Path.of("target", name);
        this.httpPort = httpPort;
        if (Files.exists(home)) {
            try (var old = Files.walk(home)) {
                for (Path path : old.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        Files.createDirectories(home);
        run(home, "tar", "xzf", tarGz.toAbsolutePath().toString());
        try (var entries = Files.list(home)) {
            this.karaf = entries.filter(Files::isDirectory).findFirst().orElseThrow().toAbsolutePath();
        }
        set("etc/org.apache.karaf.shell.cfg", "sshPort", Integer.toString(portBase + 1));
        set("etc/org.apache.karaf.management.cfg", "rmiRegistryPort", Integer.toString(portBase + 2));
        set("etc/org.apache.karaf.management.cfg", "rmiServerPort", Integer.toString(portBase + 3));
        set("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port", Integer.toString(httpPort));
        set("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port.secure", Integer.toString(httpPort));
        set("etc/nautilus.grid.cfg", "local.address", "127.0.0.1");
        set("etc/nautilus.grid.cfg", "discovery.port", Integer.toString(portBase + 10));
        set("etc/nautilus.grid.cfg", "discovery.addresses", "127.0.0.1:" + (portBase + 10) + ".." + (portBase + 19));
        set("etc/nautilus.grid.cfg", "communication.port", Integer.toString(portBase + 30));
    }

    /** The Karaf home of the unpacked distribution. */
    Path karaf() {
        return karaf;
    }

    Path home() {
        return home;
    }

    /** The first-run step of the README: a user with a hashed password and a role, before the node starts. */
    String addUser(String user, String password, String... roles) throws Exception {
        List<String> command = new ArrayList<>(List.of("sh", "bin/nautilus-admin", "user-add", user));
        command.addAll(List.of(roles));
        Process add = new ProcessBuilder(command).directory(karaf.toFile()).redirectErrorStream(true).start();
        add.getOutputStream().write((password + "\n").getBytes(StandardCharsets.UTF_8));
        add.getOutputStream().close();
        String output = new String(add.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (add.waitFor() != 0) {
            throw new AssertionError("bin/nautilus-admin user-add failed: " + output);
        }
        return output;
    }

    /** Adds a feature to the ones the node boots (etc/org.apache.karaf.features.cfg featuresBoot). */
    void bootFeature(String feature) throws IOException {
        Path file = karaf.resolve("etc/org.apache.karaf.features.cfg");
        String text = Files.readString(file);
        var boot = Pattern.compile("(featuresBoot\\s*=\\s*\\\\?\\s*(?:\\n\\s*)?\\(?)").matcher(text);
        if (!boot.find()) {
            throw new AssertionError("no featuresBoot in " + file);
        }
        Files.writeString(file, text.substring(0, boot.end()) + feature + ", " + text.substring(boot.end()));
    }

    /** Sets {@code key = value} in a Karaf .cfg file (relative to the Karaf home), replacing the key's line or adding one. */
    void set(String relative, String key, String value) throws IOException {
        Path file = karaf.resolve(relative);
        List<String> lines = Files.exists(file) ? new ArrayList<>(Files.readAllLines(file)) : new ArrayList<>();
        Pattern line = Pattern.compile("^\\s*" + Pattern.quote(key) + "\\s*=.*");
        boolean replaced = false;
        for (int i = 0; i < lines.size(); i++) {
            if (line.matcher(lines.get(i)).matches()) {
                lines.set(i, key + " = " + value);
                replaced = true;
            }
        }
        if (!replaced) {
            lines.add(key + " = " + value);
        }
        Files.write(file, lines);
    }

    /**
     * bin/start, then waits for /health/ready (HTTPS with the certificate bin/setenv made). The JVM's console output
     * (bin/start sends it to /dev/null) goes to {@code target/<name>/karaf.out}, so a node that does not start says why.
     */
    void start() throws Exception {
        script("bin/start");
        awaitReady();
    }

    /** Where bin/start's bin/karaf writes its output (KARAF_REDIRECT). */
    private Path console() {
        return home.resolve("karaf.out").toAbsolutePath();
    }

    /**
     * bin/stop, then waits for the JVM to be gone: the framework stops in seconds and the JVM must exit right after
     * it (a lingering JVM holds the lock, and its pid in instances/instance.properties makes the next bin/karaf refuse
     * to start: "There is a Root instance already running"). The JVM is followed by its pid. A JVM still there after {@link #EXIT_WITHIN} fails the test with a
     * thread dump of it (jstack) in {@code target/<name>/}.
     */
    void stop() throws Exception {
        Optional<ProcessHandle> jvm = karafJvm();
        script("bin/stop");
        long deadline = System.nanoTime() + EXIT_WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            Process status = new ProcessBuilder("sh", "bin/status").directory(karaf.toFile())
                    .redirectErrorStream(true).start();
            status.getInputStream().readAllBytes();
            if (status.waitFor() != 0 && jvm.map(p -> !p.isAlive()).orElse(true) && karafJvm().isEmpty()) {
                return;
            }
            Thread.sleep(250);
        }
        long pid = jvm.map(ProcessHandle::pid).orElse(-1L);
        Path dump = home.resolve("jstack-after-stop.txt");
        if (pid > 0) {
            run(home, "sh", "-c", "jstack -l " + pid + " > " + dump.toAbsolutePath() + " 2>&1");
        }
        throw new AssertionError("the node's JVM (pid " + pid + ") did not exit within " + EXIT_WITHIN.toSeconds()
                + " s of bin/stop; its threads: " + dump);
    }

    /** How long a stopped node's JVM may take to exit (the framework's stop included). */
    static final Duration EXIT_WITHIN = Duration.ofSeconds(45);

    /**
     * The JVM of this Karaf home: bin/status says stopped once the shutdown port is closed, while the JVM may still be
     * shutting down, holding the lock and, in instances/instance.properties, the pid that makes bin/karaf refuse a new
     * start ("There is a Root instance already running", said to /dev/null by bin/start).
     */
    private Optional<ProcessHandle> karafJvm() {
        String marker = karaf.toString();
        return ProcessHandle.allProcesses()
                .filter(p -> commandLine(p).map(line -> line.contains(marker)
                        && line.contains("org.apache.karaf.main.Main")).orElse(false))
                .findFirst();
    }

    /**
     * A process's whole command line. {@code ProcessHandle.Info.commandLine()} stops at 4,096 bytes on Linux, before
     * the Karaf home and main class at the end of a Karaf JVM's: /proc has it all.
     */
    private static Optional<String> commandLine(ProcessHandle process) {
        Path proc = Path.of("/proc", Long.toString(process.pid()), "cmdline");
        try {
            if (Files.isReadable(proc)) {
                return Optional.of(new String(Files.readAllBytes(proc), StandardCharsets.UTF_8).replace('\0', ' '));
            }
        } catch (IOException gone) {
            return Optional.empty();
        }
        return process.info().commandLine();
    }

    void script(String script) throws Exception {
        run(karaf, "sh", script);
    }

    private void awaitReady() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        int status = -1;
        while (System.nanoTime() < deadline) {
            try {
                HttpsURLConnection c = (HttpsURLConnection) new URL("https://127.0.0.1:" + httpPort
                        + "/health/ready").openConnection();
                c.setSSLSocketFactory(TRUST_THE_NODE.getSocketFactory());
                c.setHostnameVerifier((host, session) -> true);
                c.setConnectTimeout(2000);
                c.setReadTimeout(5000);
                status = c.getResponseCode();
                if (status == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // the node is still starting
            }
            if (System.nanoTime() - (deadline - TimeUnit.SECONDS.toNanos(240)) > TimeUnit.SECONDS.toNanos(20)
                    && karafJvm().isEmpty()) {
                throw new AssertionError("no Karaf JVM runs 20 s after bin/start; its output ("
                        + console() + "): " + (Files.exists(console()) ? Files.readString(console()) : "none"));
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("the node did not get READY on /health/ready within 240 s (last status " + status
                + "); see " + karaf.resolve("data/log/karaf.log"));
    }

    /** Trusts any certificate: the node's is self-signed and made at its first start (test only). */
    static final SSLContext TRUST_THE_NODE = trustAll();

    private static SSLContext trustAll() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new X509TrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private void run(Path directory, String... command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("scripts.log").toFile()));
        builder.environment().put("KARAF_REDIRECT", console().toString());
        Process process = builder.start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish within 120 s");
        }
    }
}
