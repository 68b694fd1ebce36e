package org.nautilus.grid.internal.node;

import org.apache.ignite.IgniteLogger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes Ignite's logging to slf4j (pax-logging in Karaf). Unlike {@code ignite-slf4j}, it never reports itself
 * quiet: in quiet mode Ignite prints banners and topology changes to {@code System.out}, which in Karaf is the
 * console. The log levels of the {@code org.apache.ignite} loggers decide what is kept.
 */
final class Slf4jIgniteLogger implements IgniteLogger {

    private final Logger log;

    Slf4jIgniteLogger() {
        this(LoggerFactory.getLogger("org.apache.ignite"));
    }

    private Slf4jIgniteLogger(Logger log) {
        this.log = log;
    }

    @Override
    public IgniteLogger getLogger(Object category) {
        if (category == null) {
            return new Slf4jIgniteLogger();
        }
        String name = category instanceof Class<?> type ? type.getName() : String.valueOf(category);
        return new Slf4jIgniteLogger(LoggerFactory.getLogger(name));
    }

    @Override
    public void trace(String msg) {
        log.trace(msg);
    }

    @Override
    public void debug(String msg) {
        log.debug(msg);
    }

    @Override
    public void info(String msg) {
        log.info(msg);
    }

    @Override
    public void warning(String msg, Throwable e) {
        log.warn(msg, e);
    }

    @Override
    public void error(String msg, Throwable e) {
        log.error(msg, e);
    }

    @Override
    public boolean isTraceEnabled() {
        return log.isTraceEnabled();
    }

    @Override
    public boolean isDebugEnabled() {
        return log.isDebugEnabled();
    }

    @Override
    public boolean isInfoEnabled() {
        return log.isInfoEnabled();
    }

    @Override
    public boolean isQuiet() {
        return false;
    }

    @Override
    public String fileName() {
        return null;
    }
}
