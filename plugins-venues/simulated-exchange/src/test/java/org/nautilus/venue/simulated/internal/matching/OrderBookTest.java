package org.nautilus.venue.simulated.internal.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nautilus.api.domain.OrderType.LIMIT;
import static org.nautilus.api.domain.OrderType.MARKET;
import static org.nautilus.api.domain.OrderType.STOP;
import static org.nautilus.api.domain.OrderType.STOP_LIMIT;
import static org.nautilus.api.domain.TimeInForce.FOK;
import static org.nautilus.api.domain.TimeInForce.GTC;
import static org.nautilus.api.domain.TimeInForce.GTD;
import static org.nautilus.api.domain.TimeInForce.IOC;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nautilus.api.domain.OrderType;
import org.nautilus.api.domain.TimeInForce;

/** Scenarios in trading terms; prices and sizes are plain integers here (the book does not care about units). */
class OrderBookTest {

    private static final long ALICE = 1;
    private static final long BOB = 2;
    private static final long CAROL = 3;

    private final EventLog log = new EventLog();
    private OrderBook book = new OrderBook(log, SelfMatchPolicy.CANCEL_TAKER);

    @AfterEach
    void bookIsConsistent() {
        book.verifyIntegrity();
    }

    private void buy(long id, long owner, long price, long qty) {
        book.submit(id, owner, true, LIMIT, GTC, false, price, 0, qty, 0);
    }

    private void sell(long id, long owner, long price, long qty) {
        book.submit(id, owner, false, LIMIT, GTC, false, price, 0, qty, 0);
    }

    private void order(long id, long owner, boolean buy, OrderType type, TimeInForce tif, long price, long qty) {
        book.submit(id, owner, buy, type, tif, false, price, 0, qty, 0);
    }

    @Test
    void restingOrdersTradeInPriceThenTimePriorityAtTheMakersPrice() {
        sell(1, ALICE, 101, 5);
        sell(2, BOB, 100, 5);
        sell(3, CAROL, 100, 5);
        log.take();

        buy(4, 9, 101, 12);

        assertThat(log.take()).containsExactly("accepted 4", "trade 4<-2 100x5", "trade 4<-3 100x5",
                "trade 4<-1 101x2");
        assertThat(book.leaves(1)).isEqualTo(3);
        assertThat(book.bestAsk()).isEqualTo(101);
        assertThat(book.bestBid()).isEqualTo(OrderBook.NO_PRICE);
    }

    @Test
    void aLimitOrderThatDoesNotCrossRestsAndThePartlyFilledRestRests() {
        sell(1, ALICE, 100, 5);
        buy(2, BOB, 99, 3);
        buy(3, BOB, 100, 8);

        assertThat(log.take()).containsExactly("accepted 1", "accepted 2", "accepted 3", "trade 3<-1 100x5");
        assertThat(book.bestBid()).isEqualTo(100);
        assertThat(book.leaves(3)).isEqualTo(3);
        assertThat(book.filled(3)).isEqualTo(5);
        assertThat(book.bestAsk()).isEqualTo(OrderBook.NO_PRICE);
    }

    @Test
    void aMarketOrderTakesEveryLevelAndTheRestIsCanceledForLackOfLiquidity() {
        sell(1, ALICE, 100, 5);
        sell(2, ALICE, 105, 5);
        log.take();

        order(3, BOB, true, MARKET, TimeInForce.DAY, 0, 20);

        assertThat(log.take()).containsExactly("accepted 3", "trade 3<-1 100x5", "trade 3<-2 105x5",
                "canceled 3 10 NO_LIQUIDITY");
        assertThat(book.orderCount()).isZero();
    }

    @Test
    void anIocOrderCancelsWhatDoesNotFillAtOnce() {
        sell(1, ALICE, 100, 5);
        log.take();

        order(2, BOB, true, LIMIT, IOC, 100, 8);

        assertThat(log.take()).containsExactly("accepted 2", "trade 2<-1 100x5", "canceled 2 3 IOC_REMAINDER");
    }

    @Test
    void aFokOrderFillsEntirelyOrNotAtAll() {
        sell(1, ALICE, 100, 5);
        sell(2, ALICE, 101, 5);
        log.take();

        order(3, BOB, true, LIMIT, FOK, 100, 8);
        assertThat(log.take()).containsExactly("accepted 3", "canceled 3 8 FOK_NOT_FILLABLE");

        order(4, BOB, true, LIMIT, FOK, 101, 8);
        assertThat(log.take()).containsExactly("accepted 4", "trade 4<-1 100x5", "trade 4<-2 101x3");
    }

    @Test
    void aPostOnlyOrderThatWouldTakeIsRejectedAndOneThatRestsIsAccepted() {
        sell(1, ALICE, 100, 5);
        log.take();

        book.submit(2, BOB, true, LIMIT, GTC, true, 100, 0, 5, 0);
        book.submit(3, BOB, true, LIMIT, GTC, true, 99, 0, 5, 0);

        assertThat(log.take()).containsExactly("rejected 2 POST_ONLY_WOULD_TAKE", "accepted 3");
    }

    @Test
    void aDuplicateIdAndABadQuantityAreRejected() {
        buy(1, ALICE, 99, 5);
        buy(1, ALICE, 98, 5);
        buy(2, ALICE, 98, 0);
        buy(3, ALICE, 0, 5);

        assertThat(log.take()).containsExactly("accepted 1", "rejected 1 DUPLICATE_ORDER_ID",
                "rejected 2 INVALID_QUANTITY", "rejected 3 INVALID_PRICE");
    }

    @Test
    void cancelRemovesAWorkingOrderAndIsFalseForAnUnknownOne() {
        buy(1, ALICE, 99, 5);
        log.take();

        assertThat(book.cancel(1)).isTrue();
        assertThat(book.cancel(1)).isFalse();
        assertThat(log.take()).containsExactly("canceled 1 5 CANCELED");
        assertThat(book.levelCount(true)).isZero();
    }

    @Test
    void reducingTheQuantityKeepsTimePriority() {
        buy(1, ALICE, 99, 10);
        buy(2, BOB, 99, 10);
        book.amend(1, 99, 0, 4);
        log.take();

        sell(3, CAROL, 99, 6);

        assertThat(log.take()).containsExactly("accepted 3", "trade 3<-1 99x4", "trade 3<-2 99x2");
    }

    @Test
    void increasingTheQuantityLosesTimePriority() {
        buy(1, ALICE, 99, 10);
        buy(2, BOB, 99, 10);
        book.amend(1, 99, 0, 12);
        log.take();

        sell(3, CAROL, 99, 6);

        assertThat(log.take()).containsExactly("accepted 3", "trade 3<-2 99x6");
    }

    @Test
    void aPriceChangeLosesPriorityAndAnAmendAcrossTheSpreadTrades() {
        buy(1, ALICE, 99, 10);
        buy(2, BOB, 98, 10);
        sell(3, CAROL, 101, 4);
        log.take();

        book.amend(2, 99, 0, 10);
        book.amend(1, 101, 0, 10);

        assertThat(log.take()).containsExactly("replaced 2 99x10", "replaced 1 101x10", "trade 1<-3 101x4");
        assertThat(book.bestBid()).isEqualTo(101);
        sell(4, CAROL, 99, 20);
        assertThat(log.take()).containsExactly("accepted 4", "trade 4<-1 101x6", "trade 4<-2 99x10");
    }

    @Test
    void moveChangesThePriceAndLosesPriorityAndReduceKeepsIt() {
        buy(1, ALICE, 99, 10);
        buy(2, BOB, 99, 10);
        buy(3, CAROL, 98, 10);
        book.move(3, 99);
        book.reduce(1, 4);
        book.reduce(2, 50);
        log.take();

        sell(4, 9, 99, 100);

        assertThat(log.take()).containsExactly("accepted 4", "trade 4<-1 99x6", "trade 4<-3 99x10");
        assertThat(book.move(3, 97)).isFalse();
        assertThat(book.reduce(9, 1)).isFalse();
        assertThat(log.take()).containsExactly("amend-rejected 3 UNKNOWN_ORDER", "amend-rejected 9 UNKNOWN_ORDER");
    }

    @Test
    void amendingToTheFilledQuantityCancelsTheRest() {
        buy(1, ALICE, 99, 10);
        sell(2, BOB, 99, 4);
        log.take();

        book.amend(1, 99, 0, 4);

        assertThat(log.take()).containsExactly("canceled 1 6 AMENDED_TO_FILLED");
    }

    @Test
    void anAmendOfAnUnknownOrderOrAPostOnlyAcrossTheSpreadIsRefused() {
        sell(1, ALICE, 100, 5);
        book.submit(2, BOB, true, LIMIT, GTC, true, 99, 0, 5, 0);
        log.take();

        assertThat(book.amend(9, 100, 0, 5)).isFalse();
        assertThat(book.amend(2, 100, 0, 5)).isFalse();

        assertThat(log.take()).containsExactly("amend-rejected 9 UNKNOWN_ORDER",
                "amend-rejected 2 POST_ONLY_WOULD_TAKE");
        assertThat(book.bestBid()).isEqualTo(99);
    }

    @Test
    void selfMatchCancelTakerStopsTheIncomingOrder() {
        sell(1, ALICE, 100, 5);
        sell(2, BOB, 101, 5);
        log.take();

        buy(3, ALICE, 101, 8);

        assertThat(log.take()).containsExactly("accepted 3", "canceled 3 8 SELF_MATCH");
        assertThat(book.leaves(1)).isEqualTo(5);
    }

    @Test
    void selfMatchCancelMakerRemovesTheRestingOrderAndGoesOn() {
        book = new OrderBook(log, SelfMatchPolicy.CANCEL_MAKER);
        sell(1, ALICE, 100, 5);
        sell(2, BOB, 101, 5);
        log.take();

        buy(3, ALICE, 101, 8);

        assertThat(log.take()).containsExactly("accepted 3", "canceled 1 5 SELF_MATCH", "trade 3<-2 101x5");
        assertThat(book.bestBid()).isEqualTo(101);
        assertThat(book.leaves(3)).isEqualTo(3);
    }

    @Test
    void selfMatchCancelBothAndAllow() {
        book = new OrderBook(log, SelfMatchPolicy.CANCEL_BOTH);
        sell(1, ALICE, 100, 5);
        log.take();
        buy(2, ALICE, 100, 8);
        assertThat(log.take()).containsExactly("accepted 2", "canceled 1 5 SELF_MATCH", "canceled 2 8 SELF_MATCH");

        book.selfMatchPolicy(SelfMatchPolicy.ALLOW);
        sell(3, ALICE, 100, 5);
        buy(4, ALICE, 100, 5);
        assertThat(log.take()).containsExactly("accepted 3", "accepted 4", "trade 4<-3 100x5");
    }

    @Test
    void aBuyStopTriggersWhenATradePrintsAtItsPriceAndBuysAtMarket() {
        sell(1, ALICE, 100, 5);
        sell(2, ALICE, 102, 5);
        book.submit(3, BOB, true, STOP, GTC, false, 0, 101, 3, 0);
        assertThat(book.isWorking(3)).isTrue();
        log.take();

        buy(4, CAROL, 100, 5);
        assertThat(log.take()).containsExactly("accepted 4", "trade 4<-1 100x5", "triggered 3", "trade 3<-2 102x3");
    }

    @Test
    void aSellStopLimitTriggersWhenTheBidFallsToItAndRestsAsALimit() {
        buy(1, ALICE, 100, 5);
        book.submit(2, BOB, false, STOP_LIMIT, GTC, false, 97, 98, 4, 0);
        log.take();

        book.cancel(1);
        buy(3, ALICE, 98, 1);

        assertThat(log.take()).containsExactly("canceled 1 5 CANCELED", "accepted 3", "triggered 2", "trade 2<-3 98x1");
        assertThat(book.bestAsk()).isEqualTo(97);
        assertThat(book.leaves(2)).isEqualTo(3);
    }

    @Test
    void aStopWhosePriceIsAlreadyReachedTriggersAtOnce() {
        sell(1, ALICE, 100, 5);
        log.take();

        book.submit(2, BOB, true, STOP, GTC, false, 0, 99, 2, 0);

        assertThat(log.take()).containsExactly("accepted 2", "triggered 2", "trade 2<-1 100x2");
    }

    @Test
    void aStopsStopPriceCanBeAmendedAndItCanBeCanceled() {
        sell(1, ALICE, 100, 5);
        book.submit(2, BOB, true, STOP, GTC, false, 0, 105, 2, 0);
        log.take();

        book.amend(2, 0, 100, 2);
        assertThat(log.take()).containsExactly("replaced 2 0x2", "triggered 2", "trade 2<-1 100x2");

        book.submit(3, BOB, true, STOP, GTC, false, 0, 105, 2, 0);
        assertThat(book.cancel(3)).isTrue();
        assertThat(book.orderCount()).isEqualTo(1);
    }

    @Test
    void aBatchDefersStopTriggersToItsEnd() {
        sell(1, ALICE, 100, 5);
        book.submit(2, BOB, true, STOP, GTC, false, 0, 103, 2, 0);
        log.take();

        // A requote: the ask moves from 100 to 101 through an empty book in between; nothing triggers.
        book.beginBatch();
        book.cancel(1);
        sell(3, ALICE, 101, 5);
        book.endBatch();

        assertThat(log.take()).containsExactly("canceled 1 5 CANCELED", "accepted 3");
        assertThat(book.isWorking(2)).isTrue();
    }

    @Test
    void gtdOrdersExpireAtTheirTime() {
        book.submit(1, ALICE, true, LIMIT, GTD, false, 99, 0, 5, 1_000);
        book.submit(2, ALICE, true, LIMIT, GTD, false, 98, 0, 5, 2_000);
        log.take();

        assertThat(book.expire(999)).isZero();
        assertThat(book.expire(1_500)).isEqualTo(1);
        book.cancel(2);
        assertThat(book.expire(5_000)).isZero();

        assertThat(log.take()).containsExactly("canceled 1 5 EXPIRED", "canceled 2 5 CANCELED");
    }

    @Test
    void depthListsLevelsBestFirst() {
        buy(1, ALICE, 99, 5);
        buy(2, BOB, 99, 6);
        buy(3, BOB, 97, 1);
        sell(4, CAROL, 101, 2);
        long[] prices = new long[5];
        long[] quantities = new long[5];
        int[] counts = new int[5];

        int n = book.depth(true, 5, prices, quantities, counts);

        assertThat(n).isEqualTo(2);
        assertThat(prices).startsWith(99, 97);
        assertThat(quantities).startsWith(11, 1);
        assertThat(counts).startsWith(2, 1);
        assertThat(book.restingQuantity(false)).isEqualTo(2);
    }

    @Test
    void manyLevelsAndOrdersStayConsistent() {
        for (int i = 1; i <= 2_000; i++) {
            buy(i, i % 7, 1_000 - (i * 37 % 500), 1 + i % 9);
        }
        book.verifyIntegrity();
        for (int i = 1; i <= 2_000; i += 3) {
            book.cancel(i);
        }
        book.verifyIntegrity();
        order(5_000, 99, false, MARKET, IOC, 0, 1_000_000);
        assertThat(book.levelCount(true)).isZero();
        assertThat(book.orderCount()).isZero();
    }
}
