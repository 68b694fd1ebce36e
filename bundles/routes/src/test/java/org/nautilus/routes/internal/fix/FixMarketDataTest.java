package org.nautilus.routes.internal.fix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.nautilus.routes.internal.fix.FixMessages.incremental;
import static org.nautilus.routes.internal.fix.FixMessages.snapshot;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.marketdata.Quote;
import org.nautilus.api.marketdata.Trade;
import quickfix.field.MDEntryType;
import quickfix.field.MDReqID;
import quickfix.field.MDUpdateAction;
import quickfix.field.Text;
import quickfix.fix44.Heartbeat;
import quickfix.fix44.MarketDataIncrementalRefresh;
import quickfix.fix44.MarketDataRequest;
import quickfix.fix44.MarketDataRequestReject;

class FixMarketDataTest {

    private static final Instant SENT = Instant.parse("2024-03-01T14:30:00.250Z");
    private static final InstrumentId AAPL = InstrumentId.of("AAPL");

    private final FixMarketData md = new FixMarketData(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));

    @Test
    void theRequestAsksForTopOfBookAndTradesOfEachSymbol() throws Exception {
        MarketDataRequest v = FixMarketData.request("r1", List.of("AAPL", "MSFT"));

        assertThat(v.getMDReqID().getValue()).isEqualTo("r1");
        assertThat(v.getSubscriptionRequestType().getValue()).isEqualTo('1');
        assertThat(v.getMarketDepth().getValue()).isEqualTo(1);
        assertThat(v.getGroupCount(267)).isEqualTo(3);
        assertThat(v.getGroupCount(146)).isEqualTo(2);
        v.toString(); // serializes
    }

    @Test
    void aSnapshotGivesTheBestQuoteAndItsTradesExactly() {
        List<Object> events = md.onMessage(snapshot("r1", "AAPL",
                MDEntryType.BID, "189.99", "100",
                MDEntryType.BID, "189.98", "500",
                MDEntryType.OFFER, "190.01", "200",
                MDEntryType.TRADE, "190.00", "25"));

        assertThat(events).containsExactly(
                new Trade(AAPL, Price.of("190.00"), Quantity.of("25"), SENT),
                new Quote(AAPL, Price.of("189.99"), Quantity.of("100"), Price.of("190.01"), Quantity.of("200"), SENT));
    }

    @Test
    void incrementalRefreshesUpdateTheTopOfBook() {
        md.onMessage(snapshot("r1", "AAPL", MDEntryType.BID, "189.99", "100", MDEntryType.OFFER, "190.01", "200"));

        List<Object> events = md.onMessage(incremental(
                MDUpdateAction.CHANGE, MDEntryType.BID, "AAPL", "190.00", "300",
                MDUpdateAction.NEW, MDEntryType.TRADE, "AAPL", "190.01", "7"));

        assertThat(events).containsExactly(
                new Trade(AAPL, Price.of("190.01"), Quantity.of("7"), SENT),
                new Quote(AAPL, Price.of("190.00"), Quantity.of("300"), Price.of("190.01"), Quantity.of("200"), SENT));
    }

    @Test
    void aDeletedSideGivesNoQuoteUntilItComesBack() {
        md.onMessage(snapshot("r1", "AAPL", MDEntryType.BID, "189.99", "100", MDEntryType.OFFER, "190.01", "200"));

        assertThat(md.onMessage(incremental(MDUpdateAction.DELETE, MDEntryType.OFFER, "AAPL", null, null))).isEmpty();
        assertThat(md.onMessage(incremental(MDUpdateAction.NEW, MDEntryType.OFFER, "AAPL", "190.05", "1")))
                .singleElement().satisfies(q -> assertThat(((Quote) q).ask()).isEqualTo(Price.of("190.05")));
    }

    @Test
    void aCrossedBookIsRefusedAndChangesNothing() {
        md.onMessage(snapshot("r1", "AAPL", MDEntryType.BID, "189.99", "100", MDEntryType.OFFER, "190.01", "200"));

        assertThatThrownBy(() -> md.onMessage(incremental(
                MDUpdateAction.NEW, MDEntryType.TRADE, "AAPL", "190", "1",
                MDUpdateAction.CHANGE, MDEntryType.BID, "AAPL", "191.00", "5")))
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("incremental refresh (X) refused").hasMessageContaining("crossed quote");

        List<Object> next = md.onMessage(incremental(MDUpdateAction.CHANGE, MDEntryType.OFFER, "AAPL", "190.02", "1"));
        assertThat(((Quote) next.get(0)).bid()).as("the refused bid was not kept").isEqualTo(Price.of("189.99"));
    }

    @Test
    void aMissingTagOrBadNumberIsNamed() {
        MarketDataIncrementalRefresh noPrice = incremental(
                MDUpdateAction.NEW, MDEntryType.BID, "AAPL", null, null);
        assertThatThrownBy(() -> md.onMessage(noPrice)).hasMessageContaining("without required tag 270");
        assertThatThrownBy(() -> md.onMessage(incremental(MDUpdateAction.NEW, MDEntryType.BID, "AAPL", "1x", "1")))
                .hasMessageContaining("not a number");
    }

    @Test
    void aRejectedRequestIsReportedWithTheVenuesReason() {
        MarketDataRequestReject y = new MarketDataRequestReject(new MDReqID("r9"));
        y.set(new Text("unknown symbol TSLA"));
        assertThatThrownBy(() -> md.onMessage(y)).hasMessageContaining("r9")
                .hasMessageContaining("unknown symbol TSLA");
    }

    @Test
    void otherMessagesCarryNoMarketData() {
        assertThat(md.onMessage(new Heartbeat())).isEmpty();
    }
}
