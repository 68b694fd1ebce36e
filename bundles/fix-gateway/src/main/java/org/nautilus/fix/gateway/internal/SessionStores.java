package org.nautilus.fix.gateway.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.nautilus.api.store.FixSessionStore;
import quickfix.FileStoreFactory;
import quickfix.MessageStoreFactory;
import quickfix.SessionSettings;

/** The gateway's two kinds of session store (session.store), each with the session settings it needs. */
final class SessionStores {

    private SessionStores() {
    }

    /**
     * QuickFIX/J's FileStore, in the settings' FileStorePath or else in {@code defaultDirectory} (created): this node's
     * sessions only.
     */
    static MessageStoreFactory file(SessionSettings settings, Path defaultDirectory) throws IOException {
        if (!settings.isSetting("FileStorePath")) {
            Files.createDirectories(defaultDirectory);
            settings.setString("FileStorePath", defaultDirectory.toString());
        }
        return new FileStoreFactory(settings);
    }

    /**
     * The cluster's replicated store. Sessions refresh their state on every Logon (unless the settings say
     * otherwise): another node may have carried a session on since this acceptor read it.
     */
    static MessageStoreFactory grid(SessionSettings settings, FixSessionStore store) {
        if (!settings.isSetting("RefreshOnLogon")) {
            settings.setString("RefreshOnLogon", "Y");
        }
        return new GridMessageStoreFactory(store, Clock.systemUTC());
    }
}
