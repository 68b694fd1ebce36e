package org.nautilus.venue.simulated.internal.matching;

import java.util.ArrayList;
import java.util.List;

/** Records an order book's events as short readable strings, e.g. {@code "trade 7<-3 100x5"}. */
class EventLog implements MatchListener {

    final List<String> events = new ArrayList<>();
    long filled;
    long canceled;
    long rejected;

    @Override
    public void onAccepted(long orderId) {
        events.add("accepted " + orderId);
    }

    @Override
    public void onRejected(long orderId, Reason reason) {
        events.add("rejected " + orderId + " " + reason);
        rejected++;
    }

    @Override
    public void onTrade(long takerOrderId, long makerOrderId, boolean takerBuy, long price, long quantity) {
        events.add("trade " + takerOrderId + "<-" + makerOrderId + " " + price + "x" + quantity);
        filled += quantity;
    }

    @Override
    public void onCanceled(long orderId, long canceledQuantity, Reason reason) {
        events.add("canceled " + orderId + " " + canceledQuantity + " " + reason);
        canceled += canceledQuantity;
    }

    @Override
    public void onTriggered(long orderId) {
        events.add("triggered " + orderId);
    }

    @Override
    public void onReplaced(long orderId, long price, long quantity) {
        events.add("replaced " + orderId + " " + price + "x" + quantity);
    }

    @Override
    public void onAmendRejected(long orderId, Reason reason) {
        events.add("amend-rejected " + orderId + " " + reason);
    }

    List<String> take() {
        List<String> copy = List.copyOf(events);
        events.clear();
        return copy;
    }
}
