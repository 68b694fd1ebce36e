package org.nautilus.routes.internal.oms;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nautilus.api.domain.ClientOrderId;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.OrderId;
import org.nautilus.api.domain.OrderRequest;
import org.nautilus.api.domain.OrderStatus;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.domain.Side;
import org.nautilus.api.domain.VenueId;
import org.nautilus.api.oms.OrderEvent;
import org.nautilus.api.oms.OrderEventType;
import org.nautilus.routes.internal.component.Gateways;
import org.nautilus.routes.internal.runtime.CamelRuntime;
import org.nautilus.testsupport.Await;

/**
 * The shipped etc/routes/order-events.yaml, loaded as the platform loads it, fed order events as the OMS
 * publishes them: the shape of data/reports/order-events.csv.
 */
class OrderEventsRouteFileTest {

    private static final Path ROUTE_FILE = Path
            .of("../../karaf-distribution/src/main/resources/etc/routes/order-events.yaml");
    private static final Instant NOW = Instant.parse("2024-03-01T14:30:00Z");
    private static final String HEADER = "time,event,order,client id,portfolio,side,instrument,quantity,filled,"
            + "average price,reason";

    @TempDir
    Path data;

    private final TestSubscriptions events = new TestSubscriptions();
    private final Gateways gateways = new Gateways(() -> null, () -> null, events);
    private final CamelRuntime runtime = new CamelRuntime(getClass().getClassLoader(), gateways, Clock.systemUTC());
    private String previousKarafData;

    @BeforeEach
    void loadTheShippedRouteFile() throws Exception {
        Path routes = Files.createDirectories(data.resolve("routes"));
        Files.copy(ROUTE_FILE, routes.resolve("order-events.yaml"));
        previousKarafData = System.getProperty("karaf.data");
        System.setProperty("karaf.data", data.toString());
        runtime.watch(routes, Duration.ofSeconds(10));
        runtime.start("order-events-to-file");
    }

    @AfterEach
    void stop() {
        runtime.close();
        if (previousKarafData == null) {
            System.clearProperty("karaf.data");
        } else {
            System.setProperty("karaf.data", previousKarafData);
        }
    }

    @Test
    void aNewFileGetsOneHeaderThenOneLinePerEventOfTheTypesAskedFor() throws Exception {
        Order filled = order(7, OrderStatus.FILLED, Price.of("189.99"), null);
        Order denied = order(8, OrderStatus.DENIED, null,
                "max-order-quantity: max order quantity 1,000 exceeded: 5,000");

        events.publish(new OrderEvent(1, OrderEventType.ACCEPTED, filled, null, null, NOW, 0));
        events.publish(new OrderEvent(2, OrderEventType.CANCELED, filled, null, "user", NOW, 0));
        events.publish(new OrderEvent(1, OrderEventType.DENIED, denied, null, denied.reason(), NOW, 0));
        events.publish(new OrderEvent(3, OrderEventType.CANCELED, filled, null, "say \"stop\"", NOW, 0));
        events.publish(new OrderEvent(2, OrderEventType.EXPIRED, order(9, OrderStatus.EXPIRED, null, null), null, null,
                NOW, 0));

        List<String> lines = awaitLines(5); // the header and the four events of the types asked for
        assertThat(lines).containsExactly(
                HEADER,
                "2024-03-01T14:30:00Z,CANCELED,7,c7,default,BUY,AAPL,10,10,189.99,\"user\"",
                "2024-03-01T14:30:00Z,DENIED,8,c8,default,BUY,AAPL,10,0,,"
                        + "\"max-order-quantity: max order quantity 1,000 exceeded: 5,000\"",
                "2024-03-01T14:30:00Z,CANCELED,7,c7,default,BUY,AAPL,10,10,189.99,\"say \"\"stop\"\"\"",
                "2024-03-01T14:30:00Z,EXPIRED,9,c9,default,BUY,AAPL,10,0,,\"\"");
        assertThat(Files.readString(csv())).endsWith("\n");
    }

    @Test
    void anExistingFileIsAppendedToWithoutASecondHeader() throws Exception {
        Files.createDirectories(csv().getParent());
        Files.writeString(csv(), HEADER + "\nearlier line\n");

        events.publish(new OrderEvent(2, OrderEventType.CANCELED, order(7, OrderStatus.CANCELED, null, "user"), null,
                "user", NOW, 0));

        assertThat(awaitLines(3)).containsExactly(HEADER, "earlier line",
                "2024-03-01T14:30:00Z,CANCELED,7,c7,default,BUY,AAPL,10,0,,\"user\"");
    }

    private Path csv() {
        return data.resolve("reports/order-events.csv");
    }

    private List<String> awaitLines(int count) throws Exception {
        Await.until(count + " lines in " + csv(), Duration.ofSeconds(5),
                () -> lines().size() >= count);
        return lines();
    }

    private List<String> lines() {
        try {
            return Files.exists(csv()) ? Files.readAllLines(csv()) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Order order(long id, OrderStatus status, Price average, String reason) {
        OrderRequest request = OrderRequest.limit(ClientOrderId.of("c" + id), PortfolioId.of("default"),
                InstrumentId.of("AAPL"), Side.BUY, Quantity.ofWhole(10), Price.of("190"));
        Quantity filled = average == null ? Quantity.ZERO : Quantity.ofWhole(10);
        return new Order(OrderId.of(id), request, status, filled, average, VenueId.of("SIM"), reason, NOW, NOW);
    }
}
