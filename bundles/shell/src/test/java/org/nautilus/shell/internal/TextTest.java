package org.nautilus.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.Terminal;
import org.apache.karaf.shell.support.table.ShellTable;
import org.junit.jupiter.api.Test;
import org.nautilus.api.domain.ClientOrderId;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.OrderId;
import org.nautilus.api.domain.OrderRequest;
import org.nautilus.api.domain.OrderStatus;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.domain.RejectCode;
import org.nautilus.api.domain.Side;
import org.nautilus.api.domain.VenueId;

class TextTest {

    @Test
    void aTableWithoutATerminalIsPlainAsciiThatScriptsCanSplitOnBars() {
        String out = print(table(), session(false));

        assertThat(out).isEqualTo("""
                VENUE | OPEN ORDERS
                ------+------------
                SIM   |           3
                """);
        assertThat(out.lines().skip(2).findFirst().orElseThrow().split("\\|")).containsExactly("SIM   ",
                "           3");
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

    @Test
    void aDeniedOrderNamesNoVenueThoughItAskedForOne() {
        Order denied = order(OrderStatus.DENIED, "max-order-quantity: max order quantity 1000 exceeded: 5000");

        assertThat(Text.order(denied)).isEqualTo("Order 2 (sh-2) BUY 5000 AAPL MARKET: DENIED - max-order-quantity: "
                + "max order quantity 1000 exceeded: 5000 [RISK_DENIED]");
        assertThat(Text.venueReached(denied)).isNull();
        Order coded = new Order(denied.id(), denied.request(), OrderStatus.DENIED, denied.filledQuantity(), null,
                null, "max-order-quantity: 5000 > 1000", RejectCode.MAX_ORDER_QUANTITY, Instant.EPOCH, Instant.EPOCH);
        assertThat(Text.order(coded)).as("the order's own code").endsWith(
                "DENIED - max-order-quantity: 5000 > 1000 [MAX_ORDER_QUANTITY]");
    }

    @Test
    void anOrderThatWentToAVenueNamesIt() {
        Order rejected = order(OrderStatus.REJECTED, "venue SIM: market closed");

        assertThat(Text.order(rejected)).contains(": REJECTED on SIM - venue SIM: market closed");
    }

    private static Order order(OrderStatus status, String reason) {
        OrderRequest request = OrderRequest.market(ClientOrderId.of("sh-2"), PortfolioId.of("default"),
                InstrumentId.of("AAPL"), Side.BUY, Quantity.of("5000")).withVenue(VenueId.of("SIM"));
        return new Order(OrderId.of(2), request, status, Quantity.of("0"), null, request.venueId(), reason,
                Instant.EPOCH, Instant.EPOCH);
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
