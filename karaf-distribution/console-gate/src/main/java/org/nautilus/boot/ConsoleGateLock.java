package org.nautilus.boot;

import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.apache.felix.utils.properties.Properties;
import org.apache.karaf.main.lock.Lock;
import org.apache.karaf.main.lock.SimpleFileLock;

/**
 * Opens Karaf's console only once the platform can answer it. Karaf's delayed console ({@code karaf.delay.console})
 * waits for the framework's last start level, which the launcher sets once its instance lock is taken; the boot
 * features, though, are installed afterwards by the features service on a thread of its own, so the prompt used to
 * appear while they installed and {@code nautilus:status} answered "Command not found". This lock is Karaf's own
 * file lock (one instance per data directory, as before) that is also not taken until the platform says it is ready:
 * the shell bundle sets the system property {@value #READY_PROPERTY} once Karaf's {@code BootFinished} service exists
 * (every boot feature installed and started). The launcher holds the framework at {@code karaf.lock.level} (above
 * every bundle of the platform, so nothing waits but the console) until then.
 *
 * <p>A platform that never gets ready (a boot feature failed) does not keep the console shut: after
 * {@value #TIMEOUT_PROPERTY} seconds (default 300) the lock is taken anyway and the log says why.
 *
 * <p>Configured in {@code etc/custom.properties}: {@code karaf.lock.class=org.nautilus.boot.ConsoleGateLock}.
 */
public final class ConsoleGateLock implements Lock {

    /** Set to {@code true} by the platform (the shell bundle) once its boot features and commands are there. */
    public static final String READY_PROPERTY = "nautilus.platform.ready";
    /** Seconds after which the console opens even though the platform never said it was ready. */
    public static final String TIMEOUT_PROPERTY = "nautilus.console.gate.timeout";

    private static final Logger LOG = Logger.getLogger(ConsoleGateLock.class.getName());

    private final Lock fileLock;
    private final long deadlineNanos;
    private boolean fileLocked;
    private boolean open;

    public ConsoleGateLock(Properties props) {
        this.fileLock = new SimpleFileLock(props);
        long timeout = Long.parseLong(props.getProperty(TIMEOUT_PROPERTY, "300").trim());
        this.deadlineNanos = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeout);
    }

    @Override
    public synchronized boolean lock() throws Exception {
        if (!fileLocked) {
            fileLocked = fileLock.lock(); // asked once it succeeds: the file lock logs every attempt
            if (!fileLocked) {
                return false; // another instance holds this data directory
            }
        }
        if (!open) {
            if (Boolean.getBoolean(READY_PROPERTY)) {
                open = true;
            } else if (System.nanoTime() - deadlineNanos > 0) {
                LOG.warning("the platform did not report ready (" + READY_PROPERTY + ") within "
                        + TIMEOUT_PROPERTY + " seconds: opening the console anyway; see the log for the boot features");
                open = true;
            }
        }
        return open;
    }

    @Override
    public synchronized void release() throws Exception {
        fileLocked = false;
        fileLock.release();
    }

    @Override
    public synchronized boolean isAlive() throws Exception {
        return fileLock.isAlive();
    }
}
