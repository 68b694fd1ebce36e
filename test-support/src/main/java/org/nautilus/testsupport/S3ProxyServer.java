package org.nautilus.testsupport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * S3Proxy, an implementation of the S3 API that verifies every request's SigV4 signature with the credentials it
 * was given, as a server process on loopback over jclouds' file-system blob store (a bucket is a directory): the
 * closest to S3 these machines have. A process of its own, not in this JVM: its Jackson and Jetty stay off the test
 * class path. The module copies its jar to {@code target/s3proxy/s3proxy.jar} (maven-dependency-plugin, execution
 * {@code s3proxy}, as the grid's pom does).
 */
public final class S3ProxyServer implements AutoCloseable {

    /** Where the modules that run it copy the jar. */
    public static final Path JAR = Path.of("target/s3proxy/s3proxy.jar");

    private final Process process;
    private final URI endpoint;
    private final Path blobs;

    private S3ProxyServer(Process process, URI endpoint, Path blobs) {
        this.process = process;
        this.endpoint = endpoint;
        this.blobs = blobs;
    }

    /**
     * Starts S3Proxy with the buckets (empty) under {@code directory}, accepting requests signed by
     * {@code accessKeyId}/{@code secret}; returns once it listens.
     */
    public static S3ProxyServer start(Path directory, String accessKeyId, String secret, String... buckets)
            throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        Path blobs = directory.resolve("blobs");
        for (String bucket : buckets) {
            Files.createDirectories(blobs.resolve(bucket));
        }
        Path conf = directory.resolve("s3proxy.conf");
        Files.writeString(conf, String.join("\n", "s3proxy.endpoint=http://127.0.0.1:" + port,
                "s3proxy.authorization=aws-v4", "s3proxy.identity=" + accessKeyId, "s3proxy.credential=" + secret,
                "jclouds.provider=filesystem", "jclouds.filesystem.basedir=" + blobs, "jclouds.identity=local",
                "jclouds.credential=local"));
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toAbsolutePath().toString(), "--properties", conf.toString()).redirectErrorStream(true)
                        .redirectOutput(directory.resolve("s3proxy.log").toFile()).start();
        S3ProxyServer server = new S3ProxyServer(process, URI.create("http://127.0.0.1:" + port), blobs);
        try {
            Await.until("S3Proxy listening on " + port + " (log: " + directory.resolve("s3proxy.log") + ")",
                    Duration.ofSeconds(60), () -> process.isAlive() && listening(port));
        } catch (AssertionError e) {
            server.close();
            throw e;
        }
        return server;
    }

    public URI endpoint() {
        return endpoint;
    }

    /** The file of an object in the blob store, to damage it behind S3's back. */
    public Path file(String bucket, String key) {
        return blobs.resolve(bucket).resolve(key);
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // killed already; the caller sees its interrupt
        }
    }
}
