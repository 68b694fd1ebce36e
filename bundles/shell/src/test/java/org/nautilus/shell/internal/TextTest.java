package org.nautilus.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.Terminal;
import org.apache.karaf.shell.support.table.ShellTable;
import org.junit.jupiter.api.Test;

class TextTest {

    @Test
    void aTableWithoutATerminalIsPlainAsciiThatScriptsCanSplitOnBars() {
        String out = print(table(), session(false));

        assertThat(out).isEqualTo("""
                VENUE | OPEN ORDERS
                ------+------------
                SIM   |           3
                """);
        assertThat(out.lines().skip(2).findFirst().orElseThrow().split("\\|")).containsExactly("SIM   ", "           3");
    }

    @Test
    void aTableOnATerminalIsLeftToShellTableWhichDrawsBoxLinesInTheTerminalsEncoding() {
        // Here (no Karaf terminal stream) ShellTable itself finds no encoding; in the console it finds the terminal's.
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        table().print(new PrintStream(plain, true, StandardCharsets.UTF_8));

        assertThat(print(table(), session(true))).isEqualTo(plain.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aCommandRunOutsideAnyShellSessionPrintsAscii() {
        assertThat(print(table(), null)).contains("SIM   |").doesNotContain("│");
    }

    private static ShellTable table() {
        ShellTable table = new ShellTable();
        table.column("VENUE");
        table.column("OPEN ORDERS").alignRight();
        table.addRow().addContent("SIM", 3);
        return table;
    }

    /** A shell session with or without a terminal (SSH runs a command in a headless session: none). */
    private static Session session(boolean terminal) {
        Terminal console = (Terminal) Proxy.newProxyInstance(Terminal.class.getClassLoader(),
                new Class<?>[] {Terminal.class}, (proxy, method, args) -> null);
        return (Session) Proxy.newProxyInstance(Session.class.getClassLoader(), new Class<?>[] {Session.class},
                (proxy, method, args) -> method.getName().equals("getTerminal") && terminal ? console : null);
    }

    private static String print(ShellTable table, Session session) {
        PrintStream original = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            Text.print(table, session);
        } finally {
            System.setOut(original);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
