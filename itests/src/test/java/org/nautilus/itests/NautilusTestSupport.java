package org.nautilus.itests;

import static org.ops4j.pax.exam.CoreOptions.maven;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.keepRuntimeFolder;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivilegedExceptionAction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import javax.inject.Inject;
import javax.security.auth.Subject;
import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;
import org.ops4j.pax.exam.options.MavenArtifactUrlReference;
import org.ops4j.pax.exam.options.extra.VMOption;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * Boots the assembled Nautilus distribution (the tar.gz built by karaf-distribution) in Pax Exam and drives
 * it through its own surfaces: shell commands, configuration files, deploy/ and services.
 */
public abstract class NautilusTestSupport {

    /** Ports away from the defaults, so a node a developer is running doesn't meet the test node. */
    static final String SSH_PORT = "8201";

    /** The HTTP port (Pax Web) of the test node. */
    static final String HTTP_PORT = "8281";

    /**
     * An admin user of the test node for HTTP (etc/users.properties starts empty: no default password works). Send
     * {@link #ITEST_BASIC} as the Authorization header.
     */
    static final String ITEST_USER = "itest";
    static final String ITEST_PASSWORD = "itest-password";
    static final String ITEST_BASIC = "Basic " + Base64.getEncoder().encodeToString(
            (ITEST_USER + ":" + ITEST_PASSWORD).getBytes(StandardCharsets.UTF_8));

    /** How long a fresh node may take to start a part (Ignite, training, the first bars). */
    static final Duration STARTUP = Duration.ofSeconds(120);

    @Inject
    protected BundleContext bundleContext;

    @Inject
    protected SessionFactory sessionFactory;

    private final ExecutorService shellExecutor = Executors.newCachedThreadPool();

    protected Option[] distribution() {
        List<Option> options = new ArrayList<>(List.of(
                karafDistributionConfiguration().frameworkUrl(distributionUrl()).name("Nautilus")
                        .unpackDirectory(new File("target/exam")).useDeployFolder(false),
                keepRuntimeFolder(),
                configureConsole().ignoreLocalConsole(),
                logLevel(LogLevel.INFO),
                editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshPort", SSH_PORT),
                editConfigurationFilePut("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port", HTTP_PORT),
                editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiRegistryPort", "1199"),
                editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiServerPort", "44544"),
                // Plain HTTP on the port: TLS's keystore is made by bin/setenv, which Pax Exam does not run
                // (DeskBrowserIT starts the distribution with its scripts, over TLS).
                editConfigurationFilePut("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.enabled", "true"),
                editConfigurationFilePut("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.secure.enabled", "false"),
                editConfigurationFilePut("etc/users.properties", ITEST_USER,
                        passwordLine(ITEST_PASSWORD, "admingroup")),
                editConfigurationFilePut("etc/nautilus.grid.cfg", "local.address", "127.0.0.1"),
                editConfigurationFilePut("etc/nautilus.grid.cfg", "discovery.port", "48500"),
                editConfigurationFilePut("etc/nautilus.grid.cfg", "discovery.addresses", "127.0.0.1:48500..48509"),
                editConfigurationFilePut("etc/nautilus.grid.cfg", "communication.port", "48100"),
                editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.localRepository",
                        System.getProperty("maven.repo.local", System.getProperty("user.home") + "/.m2/repository")),
                systemProperty("nautilus.itest.momentum.bundle").value(bundleOnClassPath("nautilus-factor-momentum")),
                systemProperty("nautilus.itest.ibkr.bundle").value(bundleOnClassPath("nautilus-venue-ibkr")),
                systemProperty("nautilus.itest.ma-cross.bundle").value(bundleOnClassPath("nautilus-strategy-ma-cross")),
                systemProperty("nautilus.itest.weka-classifier.bundle")
                        .value(bundleOnClassPath("nautilus-model-weka-classifier"))));
        options.addAll(karafJava17Options());
        for (String flag : System.getProperty("ignite.jvm.opens", "").trim().split("\\s+")) {
            if (!flag.isEmpty()) {
                options.add(new VMOption(flag));
            }
        }
        options.add(new VMOption("-DIGNITE_NO_ASCII=true"));
        options.add(new VMOption("-DIGNITE_UPDATE_NOTIFIER=false"));
        options.add(new VMOption("-Djava.net.preferIPv4Stack=true"));
        options.add(new VMOption("-Xmx1g"));
        // Pax Exam's extender waits 10 s for its probe invoker, then gives up for good and the test hangs forever
        // waiting for the probe (CI run on a loaded machine, MarketAccessControlsIT): wait as long as a boot may take.
        options.add(new VMOption("-Dorg.ops4j.pax.exam.raw.extender.intern.Parser.DEFAULT_TIMEOUT=300000"));
        return options.toArray(Option[]::new);
    }

    /** A users.properties value as bin/nautilus-admin user-add writes it: SHA-512 digest, then the group. */
    static String passwordLine(String password, String group) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-512")
                    .digest(password.getBytes(StandardCharsets.UTF_8));
            return "{CRYPT}" + HexFormat.of().formatHex(digest) + "{CRYPT},_g_:" + group;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The reactor's own build of the distribution (karaf-distribution/target), so the tests run what this checkout
     * builds without an install; the local repository's copy only when there is none.
     */
    private static String distributionUrl() {
        File built = new File(System.getProperty("nautilus.distribution", ""));
        if (built.isFile()) {
            return built.toURI().toString();
        }
        MavenArtifactUrlReference karaf = maven().groupId("org.nautilus").artifactId("nautilus-distribution")
                .version(System.getProperty("project.version")).type("tar.gz");
        return karaf.getURL();
    }

    /** The module flags bin/karaf gives Karaf 4.4 on Java 9+. */
    private static List<Option> karafJava17Options() {
        String karafVersion = System.getProperty("karaf.version");
        List<Option> options = new ArrayList<>();
        options.add(new VMOption("--add-reads=java.xml=java.logging"));
        options.add(new VMOption("--add-exports=java.base/org.apache.karaf.specs.locator=java.xml,ALL-UNNAMED"));
        options.add(new VMOption("--patch-module"));
        options.add(new VMOption("java.base=lib/endorsed/org.apache.karaf.specs.locator-" + karafVersion + ".jar"));
        options.add(new VMOption("--patch-module"));
        options.add(new VMOption("java.xml=lib/endorsed/org.apache.karaf.specs.java.xml-" + karafVersion + ".jar"));
        for (String open : List.of("java.base/java.security", "java.base/java.net", "java.base/java.lang",
                "java.base/java.util", "java.naming/javax.naming.spi", "java.rmi/sun.rmi.transport.tcp")) {
            options.add(new VMOption("--add-opens"));
            options.add(new VMOption(open + "=ALL-UNNAMED"));
        }
        for (String export : List.of("java.base/sun.net.www.protocol.file", "java.base/sun.net.www.protocol.ftp",
                "java.base/sun.net.www.protocol.http", "java.base/sun.net.www.protocol.https",
                "java.base/sun.net.www.protocol.jar", "java.base/sun.net.www.content.text",
                "jdk.xml.dom/org.w3c.dom.html", "jdk.naming.rmi/com.sun.jndi.url.rmi", "java.rmi/sun.rmi.registry",
                "java.security.sasl/com.sun.security.sasl", "java.naming/com.sun.jndi.ldap")) {
            options.add(new VMOption("--add-exports=" + export + "=ALL-UNNAMED"));
        }
        return options;
    }

    /** A plugin jar from the test classpath (the reactor's build of it), for the hot-deploy tests. */
    private static String bundleOnClassPath(String artifact) {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> entry.contains(artifact))
                .map(entry -> new File(entry).getAbsolutePath())
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(artifact + " is not on the test classpath"));
    }

    /** The service once it is registered (waiting up to {@link #STARTUP}); {@code filter} may be null. */
    protected <T> T service(Class<T> type, String filter) throws Exception {
        return await(type.getSimpleName() + " service", STARTUP, () -> {
            var refs = bundleContext.getServiceReferences(type, filter);
            if (refs.isEmpty()) {
                return null;
            }
            ServiceReference<T> ref = refs.iterator().next();
            return bundleContext.getService(ref);
        }, service -> service != null);
    }

    /** Waits until nautilus:status says READY: OMS, risk, positions, prices, routes and a venue are up. */
    protected void awaitReady() throws Exception {
        await("nautilus:status READY", STARTUP, () -> executeCommand("nautilus:status"), out -> out.contains("READY"));
    }

    /**
     * Runs a shell command as an admin (the roles of etc/users.properties' admingroup) and returns what it printed; a
     * failing command throws.
     */
    /**
     * One HTTP request to the test node as its admin user ({@link #ITEST_BASIC}), a JSON body or none; the response
     * whatever its status (AccessIT covers the roles and the refusals).
     */
    protected HttpResponse<String> httpAsAdmin(String method, String path, String jsonBody) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + HTTP_PORT + path))
                .header("Authorization", ITEST_BASIC).timeout(Duration.ofSeconds(30))
                .method(method, jsonBody == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(jsonBody));
        if (jsonBody != null) {
            request.header("Content-Type", "application/json");
        }
        return ADMIN_HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static final HttpClient ADMIN_HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .build();

    protected String executeCommand(String command) throws Exception {
        return executeCommandAs("itest", command, "admin", "manager", "viewer", "trader", "risk");
    }

    /** Runs a shell command as {@code user} with exactly {@code roles}; a failing (or refused) command throws. */
    protected String executeCommandAs(String user, String command, String... roles) throws Exception {
        awaitRegistered(command.strip().split("\\s+", 2)[0]);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Subject admin = new Subject();
        admin.getPrincipals().add(new UserPrincipal(user));
        for (String role : roles) {
            admin.getPrincipals().add(new RolePrincipal(role));
        }
        Callable<Object> run = () -> Subject.doAs(admin, (PrivilegedExceptionAction<Object>) () -> {
            try (Session session = sessionFactory.create(System.in, out, out)) {
                return session.execute(command);
            }
        });
        Future<Object> result = shellExecutor.submit(run);
        result.get(60, TimeUnit.SECONDS);
        out.flush();
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /**
     * Waits until the shell knows the command: a bundle's commands are registered by Karaf's extender after its
     * services, so a test that found the service may still be ahead of the command (seen in CI).
     */
    private void awaitRegistered(String command) throws Exception {
        int colon = command.indexOf(':');
        if (colon > 0) {
            await(command + " registered", STARTUP, () -> sessionFactory.getRegistry()
                    .getCommand(command.substring(0, colon), command.substring(colon + 1)), found -> found != null);
        }
    }

    /** Polls until the condition holds, failing with the last value's description after the timeout. */
    protected static <T> T await(String what, Duration timeout, Callable<T> probe, Predicate<T> done)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = null;
        Exception lastError = null;
        while (System.nanoTime() < deadline) {
            try {
                last = probe.call();
                if (done.test(last)) {
                    return last;
                }
                lastError = null;
            } catch (Exception e) {
                lastError = e;
            }
            Thread.sleep(250);
        }
        AssertionError failure = new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what
                + "; last value:\n" + last);
        if (lastError != null) {
            failure.initCause(lastError);
        }
        throw failure;
    }
}
