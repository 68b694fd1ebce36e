package org.nautilus.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nautilus.itests.FixClient.field;
import static org.nautilus.itests.FixClient.type;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.Socket;
import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.nautilus.testsupport.Await;
import quickfix.Message;
import quickfix.field.AvgPx;
import quickfix.field.BeginString;
import quickfix.field.ClOrdID;
import quickfix.field.CumQty;
import quickfix.field.CxlRejReason;
import quickfix.field.ExecTransType;
import quickfix.field.ExecType;
import quickfix.field.HandlInst;
import quickfix.field.LeavesQty;
import quickfix.field.MassCancelRequestType;
import quickfix.field.MsgType;
import quickfix.field.OrdRejReason;
import quickfix.field.OrdStatus;
import quickfix.field.OrdType;
import quickfix.field.OrderID;
import quickfix.field.OrderQty;
import quickfix.field.OrigClOrdID;
import quickfix.field.OrigSendingTime;
import quickfix.field.PossDupFlag;
import quickfix.field.Price;
import quickfix.field.RefTagID;
import quickfix.field.Side;
import quickfix.field.Symbol;
import quickfix.field.Text;
import quickfix.field.TimeInForce;
import quickfix.field.TotalAffectedOrders;
import quickfix.field.TransactTime;

/**
 * The FIX order-entry gateway in the assembled distribution, started with its own scripts, driven by QuickFIX/J
 * initiators in this JVM over loopback: logon checks, D/F/G/H/q with their 8/9 sequences, duplicate ClOrdID and
 * PossDup, malformed messages, a risk denial's code, throttle, drop copy, FIX 4.2, cancel-on-disconnect with the
 * resend of what the client missed, and the session resuming after a restart of the node.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FixGatewayIT {

    private static final int FIX_PORT = 9978;
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String FIX44 = "FIX.4.4";
    private static final String FIX42 = "FIX.4.2";
    private static final String FIXT11 = "FIXT.1.1";

    private static ScriptedDistribution node;
    private static FixClient client;
    private static FixClient dropCopy;
    private static BigDecimal lastPrice;
    private static int ids;

    @BeforeAll
    static void startTheNodeWithTheGateway() throws Exception {
        node = new ScriptedDistribution("fix-gateway", 8481, 50200);
        node.addUser("fixtrader", "fix-secret-1", "trader");
        node.addUser("fixviewer", "fix-secret-2", "viewer");
        node.bootFeature("nautilus-fix-gateway");
        Files.writeString(node.karaf().resolve("etc/fix/gateway.cfg"), String.join("\n",
                "[default]", "ConnectionType=acceptor", "SocketAcceptAddress=127.0.0.1",
                "SocketAcceptPort=" + FIX_PORT, "SenderCompID=NAUTILUS", "StartTime=00:00:00", "EndTime=00:00:00",
                "HeartBtInt=30", "UseDataDictionary=Y", "ValidateUserDefinedFields=N", "FileStoreSync=N",
                "AllowedRemoteAddresses=127.0.0.1",
                "", "[session]", "BeginString=FIX.4.4", "TargetCompID=CLIENT1", "DataDictionary=FIX44.xml",
                "User=fixtrader", "Portfolio=fix-a", "ThrottleMessagesPerSecond=1000", "CancelOnDisconnect=Y",
                "CancelOnDisconnectGraceSeconds=2",
                "", "[session]", "BeginString=FIX.4.2", "TargetCompID=CLIENT42", "DataDictionary=FIX42.xml",
                "AllowUnknownMsgFields=Y", "User=fixtrader", "Portfolio=fix-b",
                "", "[session]", "BeginString=FIXT.1.1", "DefaultApplVerID=FIX.5.0SP2", "TargetCompID=CLIENT50",
                "User=fixtrader", "Portfolio=fix-b",
                "", "[session]", "BeginString=FIX.4.4", "TargetCompID=SLOW", "DataDictionary=FIX44.xml",
                "User=fixtrader", "Portfolio=fix-c", "ThrottleMessagesPerSecond=5",
                // refused logons (the first test) leave its sequence numbers behind: this one starts afresh
                "ResetOnLogon=Y",
                "", "[session]", "BeginString=FIX.4.4", "TargetCompID=DROPCOPY", "DataDictionary=FIX44.xml",
                "User=fixviewer", "DropCopy=Y", "DropCopyPortfolios=fix-a", ""));
        node.start();
        awaitGatewayPort();
        client = new FixClient(FIX44, "CLIENT1", FIX_PORT, "fixtrader", "fix-secret-1",
                node.home().resolve("client-store")).logOn();
        dropCopy = new FixClient(FIX44, "DROPCOPY", FIX_PORT, "fixviewer", "fix-secret-2", null).logOn();
    }

    @AfterAll
    static void stopEverything() throws Exception {
        for (FixClient c : new FixClient[] {client, dropCopy}) {
            if (c != null) {
                c.close();
            }
        }
        if (node != null) {
            node.stop();
        }
    }

    private static void awaitGatewayPort() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket socket = new Socket("127.0.0.1", FIX_PORT)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(500);
            }
        }
        throw new AssertionError("the FIX gateway does not listen on " + FIX_PORT + "; see "
                + node.karaf().resolve("data/log/karaf.log"));
    }

    @Test
    @Order(1)
    void aLogonWithAWrongPasswordIsRefused() throws Exception {
        try (FixClient intruder = new FixClient(FIX44, "SLOW", FIX_PORT, "fixtrader", "wrong", null)) {
            intruder.start();
            Await.until("the gateway refuses the logon", Duration.ofSeconds(30),
                    () -> !intruder.logonRejects().isEmpty());
            assertThat(intruder.isLoggedOn()).isFalse();
            assertThat(intruder.logonRejects()).anySatisfy(t -> assertThat(t).contains("wrong user name or password"));
        }
        try (FixClient viewer = new FixClient(FIX44, "SLOW", FIX_PORT, "fixviewer", "fix-secret-2", null)) {
            viewer.start();
            Await.until("the gateway refuses the viewer's logon", Duration.ofSeconds(30),
                    () -> !viewer.logonRejects().isEmpty());
            assertThat(viewer.isLoggedOn()).as("a viewer may not enter orders").isFalse();
        }
    }

    @Test
    @Order(2)
    void aMarketOrderIsAcknowledgedThenFilledWithCumQtyLeavesQtyAndAvgPx() throws Exception {
        String id = nextId();
        client.send(newOrder(FIX44, id, '1', "3", null));
        Message pendingOrNew = client.await("the first report", report(id), WAIT);
        assertThat(field(pendingOrNew, ExecType.FIELD)).isIn("A", "0");
        Message filled = client.await("the fill", report(id).and(m -> "2".equals(field(m, OrdStatus.FIELD))), WAIT);
        assertThat(field(filled, ExecType.FIELD)).isEqualTo("F");
        assertThat(new BigDecimal(field(filled, CumQty.FIELD))).isEqualByComparingTo("3");
        assertThat(new BigDecimal(field(filled, LeavesQty.FIELD))).isEqualByComparingTo("0");
        lastPrice = new BigDecimal(field(filled, AvgPx.FIELD));
        assertThat(lastPrice).isPositive();
        // The drop copy of portfolio fix-a sees the same execution, under the OMS's client order id.
        Message copied = dropCopy.await("the drop copy of the fill", m -> ("fix:CLIENT1:" + id).equals(
                field(m, ClOrdID.FIELD)) && "2".equals(field(m, OrdStatus.FIELD)), WAIT);
        assertThat(field(copied, OrderID.FIELD)).isEqualTo(field(filled, OrderID.FIELD));
    }

    @Test
    @Order(3)
    void aLimitOrderIsReplacedQueriedAndCanceledWithTheRightClOrdIdChain() throws Exception {
        String id = nextId();
        client.send(newOrder(FIX44, id, '2', "2", restingPrice()));
        Message accepted = client.await("New", report(id).and(execType('0')), WAIT);
        String orderId = field(accepted, OrderID.FIELD);

        String replaceId = nextId();
        Message replace = request(FIX44, MsgType.ORDER_CANCEL_REPLACE_REQUEST, replaceId, id);
        replace.setString(OrdType.FIELD, "2");
        replace.setString(OrderQty.FIELD, "4");
        replace.setString(Price.FIELD, restingPrice().toPlainString());
        client.send(replace);
        Message pendingReplace = client.await("Pending Replace", report(replaceId).and(execType('E')), WAIT);
        assertThat(field(pendingReplace, OrigClOrdID.FIELD)).isEqualTo(id);
        Message replaced = client.await("Replaced", report(replaceId).and(execType('5')), WAIT);
        assertThat(field(replaced, OrigClOrdID.FIELD)).isEqualTo(id);
        assertThat(new BigDecimal(field(replaced, OrderQty.FIELD))).isEqualByComparingTo("4");
        assertThat(field(replaced, OrderID.FIELD)).isEqualTo(orderId);

        Message status = request(FIX44, MsgType.ORDER_STATUS_REQUEST, replaceId, null);
        client.send(status);
        Message statusReport = client.await("Order Status", report(replaceId).and(execType('I')), WAIT);
        assertThat(field(statusReport, OrdStatus.FIELD)).isEqualTo("0");

        String cancelId = nextId();
        client.send(request(FIX44, MsgType.ORDER_CANCEL_REQUEST, cancelId, replaceId));
        assertThat(field(client.await("Pending Cancel", report(cancelId).and(execType('6')), WAIT),
                OrigClOrdID.FIELD)).isEqualTo(replaceId);
        Message canceled = client.await("Canceled", report(cancelId).and(execType('4')), WAIT);
        assertThat(field(canceled, OrdStatus.FIELD)).isEqualTo("4");
        assertThat(new BigDecimal(field(canceled, LeavesQty.FIELD))).isEqualByComparingTo("0");

        String lateId = nextId();
        client.send(request(FIX44, MsgType.ORDER_CANCEL_REQUEST, lateId, replaceId));
        Message tooLate = client.await("OrderCancelReject", m -> MsgType.ORDER_CANCEL_REJECT.equals(type(m))
                && lateId.equals(field(m, ClOrdID.FIELD)), WAIT);
        assertThat(field(tooLate, CxlRejReason.FIELD)).isEqualTo("0");
        assertThat(field(tooLate, Text.FIELD)).startsWith("ORDER_TERMINAL");
    }

    @Test
    @Order(4)
    void aRepeatedClOrdIdAndAPossDupResendCreateNothing() throws Exception {
        String id = nextId();
        Message order = newOrder(FIX44, id, '1', "1", restingPrice());
        client.send(order);
        String orderId = field(client.await("New", report(id).and(execType('0')), WAIT), OrderID.FIELD);
        client.send(newOrder(FIX44, id, '1', "1", restingPrice()));
        Message duplicate = client.await("the duplicate's status", report(id).and(execType('I')), WAIT);
        assertThat(field(duplicate, Text.FIELD)).startsWith("DUPLICATE_CLORDID");
        assertThat(field(duplicate, OrderID.FIELD)).isEqualTo(orderId);
        Message resend = newOrder(FIX44, id, '1', "1", restingPrice());
        resend.getHeader().setBoolean(PossDupFlag.FIELD, true);
        resend.getHeader().setUtcTimeStamp(OrigSendingTime.FIELD, LocalDateTime.now(ZoneOffset.UTC));
        client.send(resend);
        assertThat(field(client.await("the resend's status", report(id).and(execType('I')), WAIT), OrderID.FIELD))
                .isEqualTo(orderId);
        List<Message> rest = client.drain(Duration.ofMillis(1500));
        assertThat(rest).noneMatch(report(id).and(execType('0')));
        cancel(id);
    }

    @Test
    @Order(5)
    void malformedAndSemanticallyBadMessagesAreRejectedNamingTheFieldAndChangeNothing() throws Exception {
        String noQty = nextId();
        Message missing = newOrder(FIX44, noQty, '1', "1", null);
        missing.removeField(OrderQty.FIELD);
        client.send(missing);
        assertThat(field(client.await("Reject", reject(), WAIT), RefTagID.FIELD)).isEqualTo("38");

        Message badType = newOrder(FIX44, nextId(), '1', "1", null);
        badType.setString(OrdType.FIELD, "Z");
        client.send(badType);
        assertThat(field(client.await("Reject", reject(), WAIT), RefTagID.FIELD)).isEqualTo("40");

        String priced = nextId();
        Message marketWithPrice = newOrder(FIX44, priced, '1', "1", null);
        marketWithPrice.setString(Price.FIELD, "10");
        client.send(marketWithPrice);
        Message rejected = client.await("Reject", reject(), WAIT);
        assertThat(field(rejected, RefTagID.FIELD)).isEqualTo("44");
        assertThat(field(rejected, Text.FIELD)).contains("MARKET order must not have a limit price");

        client.send(request(FIX44, MsgType.ORDER_STATUS_REQUEST, noQty, null));
        Message unknown = client.await("BusinessMessageReject", m -> MsgType.BUSINESS_MESSAGE_REJECT.equals(type(m)),
                WAIT);
        assertThat(field(unknown, Text.FIELD)).startsWith("UNKNOWN_ORDER");
    }

    @Test
    @Order(6)
    void aRiskDenialIsARejectedReportCarryingTheOmsCode() throws Exception {
        String id = nextId();
        client.send(newOrder(FIX44, id, '1', "5000", null));
        Message rejected = client.await("Rejected", report(id).and(execType('8')), WAIT);
        assertThat(field(rejected, OrdStatus.FIELD)).isEqualTo("8");
        // 5,000 exceeds max-order-quantity (1,000), and its notional may exceed max-notional: either rule's code.
        assertThat(field(rejected, Text.FIELD)).matches("(MAX_ORDER_QUANTITY|MAX_NOTIONAL): .*");
        assertThat(field(rejected, OrdRejReason.FIELD)).as("OrdRejReason: order exceeds limit").isEqualTo("3");
    }

    @Test
    @Order(7)
    void aSessionOverItsThrottleGetsBusinessRejectsAndADropCopyIsReadOnly() throws Exception {
        try (FixClient slow = new FixClient(FIX44, "SLOW", FIX_PORT, "fixtrader", "fix-secret-1", null).logOn()) {
            for (int i = 0; i < 20; i++) {
                slow.send(request(FIX44, MsgType.ORDER_STATUS_REQUEST, "nothing-" + i, null));
            }
            List<Message> answers = slow.drain(Duration.ofMillis(1500));
            long throttled = answers.stream().filter(m -> String.valueOf(field(m, Text.FIELD)).startsWith("THROTTLED"))
                    .count();
            assertThat(throttled).isGreaterThanOrEqualTo(10);
        }
        dropCopy.send(newOrder(FIX44, "from-the-copy", '1', "1", null));
        Message refused = dropCopy.await("BusinessMessageReject", m -> MsgType.BUSINESS_MESSAGE_REJECT.equals(type(m)),
                WAIT);
        assertThat(field(refused, Text.FIELD)).startsWith("DROP_COPY_READ_ONLY");
    }

    @Test
    @Order(8)
    void aFixt11SessionWithFix50Sp2MessagesTrades() throws Exception {
        try (FixClient fixt = new FixClient(FIXT11, "CLIENT50", FIX_PORT, "fixtrader", "fix-secret-1", null).logOn()) {
            String id = nextId();
            fixt.send(newOrder(FIXT11, id, '1', "2", null));
            Message filled = fixt.await("the fill", report(id).and(m -> "2".equals(field(m, OrdStatus.FIELD))), WAIT);
            assertThat(filled.getHeader().getString(BeginString.FIELD)).isEqualTo(FIXT11);
            assertThat(field(filled, ExecType.FIELD)).isEqualTo("F");
            assertThat(new BigDecimal(field(filled, CumQty.FIELD))).isEqualByComparingTo("2");
            assertThat(new BigDecimal(field(filled, LeavesQty.FIELD))).isEqualByComparingTo("0");
        }
    }

    @Test
    @Order(8)
    void aFix42SessionTradesWithExecTransTypeAndFillExecTypes() throws Exception {
        try (FixClient fix42 = new FixClient(FIX42, "CLIENT42", FIX_PORT, "fixtrader", "fix-secret-1", null).logOn()) {
            String id = nextId();
            fix42.send(newOrder(FIX42, id, '1', "2", null));
            Message filled = fix42.await("the fill", report(id).and(m -> "2".equals(field(m, OrdStatus.FIELD))), WAIT);
            assertThat(field(filled, ExecType.FIELD)).isEqualTo("2");
            assertThat(field(filled, ExecTransType.FIELD)).isEqualTo("0");
            assertThat(new BigDecimal(field(filled, CumQty.FIELD))).isEqualByComparingTo("2");
        }
    }

    @Test
    @Order(9)
    void aMassCancelCancelsTheSessionsOpenOrders() throws Exception {
        String first = nextId();
        String second = nextId();
        client.send(newOrder(FIX44, first, '1', "1", restingPrice()));
        client.send(newOrder(FIX44, second, '1', "2", restingPrice()));
        client.await("New", report(first).and(execType('0')), WAIT);
        client.await("New", report(second).and(execType('0')), WAIT);
        Message mass = new Message();
        mass.getHeader().setString(MsgType.FIELD, MsgType.ORDER_MASS_CANCEL_REQUEST);
        mass.setString(ClOrdID.FIELD, nextId());
        mass.setChar(MassCancelRequestType.FIELD, '7');
        mass.setUtcTimeStamp(TransactTime.FIELD, LocalDateTime.now(ZoneOffset.UTC));
        client.send(mass);
        // The two Canceled reports and the mass cancel report come in whichever order the OMS and the command
        // thread produce them.
        Predicate<Message> massReport = m -> MsgType.ORDER_MASS_CANCEL_REPORT.equals(type(m));
        Predicate<Message> firstCanceled = report(first).and(execType('4'));
        Predicate<Message> secondCanceled = report(second).and(execType('4'));
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            Message next = client.await("the mass cancel's reports", massReport.or(firstCanceled).or(secondCanceled),
                    WAIT);
            if (massReport.test(next)) {
                assertThat(field(next, TotalAffectedOrders.FIELD)).isEqualTo("2");
                seen.add("r");
            } else {
                seen.add(field(next, ClOrdID.FIELD));
            }
        }
        assertThat(seen).containsExactlyInAnyOrder("r", first, second);
    }

    @Test
    @Order(10)
    void anAbsentClientsOrdersAreCanceledAfterTheGraceAndTheReportsAreResentOnItsReturn() throws Exception {
        String id = nextId();
        // A quantity of its own: the same order as the mass cancel's first within a second is a duplicate.
        client.send(newOrder(FIX44, id, '1', "4", restingPrice()));
        String orderId = field(client.await("New", report(id).and(execType('0')), WAIT), OrderID.FIELD);
        client.logOut();
        // The client stays away until the session's 2 s cancel-on-disconnect grace has canceled its order, as the
        // drop copy of its portfolio shows (instead of sleeping a guessed while).
        dropCopy.await("the drop copy's Canceled", m -> MsgType.EXECUTION_REPORT.equals(type(m))
                && orderId.equals(field(m, OrderID.FIELD)) && "4".equals(field(m, ExecType.FIELD)), WAIT);
        client.logOn();
        // Sent while the client was away, replayed by the gateway's store on the client's ResendRequest.
        Message canceled = client.await("Canceled (resent)", report(id).and(execType('4')), WAIT);
        assertThat(canceled.getHeader().getBoolean(PossDupFlag.FIELD)).isTrue();
    }

    @Test
    @Order(11)
    void theSessionResumesAfterTheNodeRestartsAndItsOrdersAreStillThere() throws Exception {
        String id = nextId();
        client.send(newOrder(FIX44, id, '1', "5", restingPrice()));
        String orderId = field(client.await("New", report(id).and(execType('0')), WAIT), OrderID.FIELD);
        int sentBefore = quickfix.Session.lookupSession(client.session()).getStore().getNextSenderMsgSeqNum();
        node.stop();
        client.awaitLoggedOn(false, Duration.ofSeconds(30));
        node.start();
        awaitGatewayPort();
        // The client reconnects by itself and logs on with its next sequence numbers: no reset on either side.
        client.awaitLoggedOn(true, Duration.ofSeconds(60));
        assertThat(quickfix.Session.lookupSession(client.session()).getStore().getNextSenderMsgSeqNum())
                .isGreaterThanOrEqualTo(sentBefore);
        client.send(request(FIX44, MsgType.ORDER_STATUS_REQUEST, id, null));
        Message status = client.await("Order Status after the restart", report(id).and(execType('I')), WAIT);
        assertThat(field(status, OrderID.FIELD)).isEqualTo(orderId);
        // The simulated exchange keeps no book across a restart: the OMS recovered the order and its venue's
        // reconciliation closed it (Canceled), which is what the status answer must say.
        assertThat(field(status, OrdStatus.FIELD)).isEqualTo("4");
    }

    // ----------------------------------------------------------------------------------------- helpers

    private static String nextId() {
        return "it-" + System.currentTimeMillis() % 100_000_000 + "-" + (++ids);
    }

    /** A buy limit price 3% under the last fill: rests on the book, inside the price collar. */
    private static BigDecimal restingPrice() {
        BigDecimal reference = lastPrice != null ? lastPrice : BigDecimal.valueOf(100);
        return reference.multiply(new BigDecimal("0.97")).setScale(2, RoundingMode.DOWN);
    }

    private static void cancel(String clOrdId) throws Exception {
        String id = nextId();
        client.send(request(FIX44, MsgType.ORDER_CANCEL_REQUEST, id, clOrdId));
        client.await("Canceled", report(id).and(execType('4')), WAIT);
    }

    static Message newOrder(String version, String clOrdId, char ordType, String quantity, BigDecimal price) {
        Message order = new Message();
        order.getHeader().setString(MsgType.FIELD, MsgType.ORDER_SINGLE);
        order.setString(ClOrdID.FIELD, clOrdId);
        if (FIX42.equals(version)) {
            order.setChar(HandlInst.FIELD, '1');
        }
        order.setString(Symbol.FIELD, "MSFT");
        order.setChar(Side.FIELD, '1');
        order.setUtcTimeStamp(TransactTime.FIELD, LocalDateTime.now(ZoneOffset.UTC));
        order.setString(OrderQty.FIELD, quantity);
        order.setChar(OrdType.FIELD, price == null ? '1' : '2');
        if (price != null) {
            order.setString(Price.FIELD, price.toPlainString());
        }
        order.setChar(TimeInForce.FIELD, '0');
        return order;
    }

    /** An F, G or H for the order known as {@code origClOrdId} (H: {@code clOrdId} is the order's). */
    private static Message request(String version, String msgType, String clOrdId, String origClOrdId) {
        Message request = new Message();
        request.getHeader().setString(MsgType.FIELD, msgType);
        request.setString(ClOrdID.FIELD, clOrdId);
        if (origClOrdId != null) {
            request.setString(OrigClOrdID.FIELD, origClOrdId);
        }
        request.setString(Symbol.FIELD, "MSFT");
        request.setChar(Side.FIELD, '1');
        if (!MsgType.ORDER_STATUS_REQUEST.equals(msgType)) {
            request.setUtcTimeStamp(TransactTime.FIELD, LocalDateTime.now(ZoneOffset.UTC));
        }
        if (MsgType.ORDER_CANCEL_REQUEST.equals(msgType)) {
            request.setString(OrderQty.FIELD, "1");
        }
        return request;
    }

    private static Predicate<Message> report(String clOrdId) {
        return m -> MsgType.EXECUTION_REPORT.equals(type(m)) && clOrdId.equals(field(m, ClOrdID.FIELD));
    }

    private static Predicate<Message> execType(char execType) {
        return m -> String.valueOf(execType).equals(field(m, ExecType.FIELD));
    }

    private static Predicate<Message> reject() {
        return m -> MsgType.REJECT.equals(type(m));
    }
}
