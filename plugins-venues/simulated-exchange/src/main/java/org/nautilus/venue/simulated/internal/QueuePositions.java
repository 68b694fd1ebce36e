package org.nautilus.venue.simulated.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.collections.LongArrayList;
import org.nautilus.venue.simulated.internal.matching.OrderBook;

/**
 * Queue position of the clients' resting limit orders in one book (option {@code queue.position}, on in backtests on
 * trades and quotes): where each order stands in the queue of its price level, and the market's own trades that fill
 * it once the queue ahead of it is gone.
 *
 * <p>The model, all quantities in the book's units:
 * <ul>
 * <li><b>Joining.</b> An order that comes to rest at price P (new, re-priced by an amend, a triggered stop-limit) sits
 * behind everything resting at P when it arrives: the market maker's displayed quantity there (what the data shows)
 * and the clients' earlier orders at P. That is its <em>queue ahead</em>. A quantity reduced at the same price keeps
 * the place; a new price is a new arrival.</li>
 * <li><b>Trades at its price</b> (the data's trades, {@link #marketTrade}) consume the queue ahead first: a trade of Q
 * at P lowers every order's queue ahead at P by Q, and what of Q is left beyond an order's queue ahead fills it (at
 * P, as maker), in time order, never more than Q in all. A trade <em>through</em> P (below a buy, above a sell) means
 * the whole level traded: the queue ahead is gone and the trade's quantity fills the orders, best price first.</li>
 * <li><b>The level shrinking</b> (a new quote shows less at P): cancels are assumed to come from the back of the
 * queue first (behind us), so the queue ahead shrinks only when the level becomes smaller than it: queue ahead =
 * min(queue ahead, displayed at P + the clients' orders ahead). A level the quote does not show (P worse than the
 * market maker's farthest level) is unknown and leaves the queue ahead as it is; a price better than the best shows
 * nothing, so nobody is ahead there but the clients' earlier orders.</li>
 * <li><b>The market moving through P</b> (the opposite side's quote reaching P) is a fill as without queue position:
 * the matching engine crosses the market maker's new quote with the resting order, and the level it came from is
 * gone. Other clients' orders leaving the level in front of an order (canceled, filled) move it up by their
 * quantity.</li>
 * </ul>
 *
 * <p>With bars (or quotes alone) there are no trades at a price: a resting order fills only when a later quote's
 * opposite side reaches its price, exactly as without queue position; the queue ahead is tracked but only trades
 * consume it into fills.
 *
 * <p>Used under its {@link VenueBook}'s lock only.
 */
final class QueuePositions {

    /** One resting client order's place. */
    private static final class Entry {
        final long bookId;
        final boolean buy;
        final long price;
        /** Arrival order at its level (smaller: earlier). */
        final long sequence;
        long ahead;

        Entry(long bookId, boolean buy, long price, long sequence, long ahead) {
            this.bookId = bookId;
            this.buy = buy;
            this.price = price;
            this.sequence = sequence;
            this.ahead = ahead;
        }
    }

    private static final Comparator<Entry> BUYS_FIRST_TO_FILL = Comparator.<Entry> comparingLong(e -> -e.price)
            .thenComparingLong(e -> e.sequence);
    private static final Comparator<Entry> SELLS_FIRST_TO_FILL = Comparator.<Entry> comparingLong(e -> e.price)
            .thenComparingLong(e -> e.sequence);

    private final OrderBook book;
    private final Long2ObjectHashMap<Entry> byBookId = new Long2ObjectHashMap<>();
    /** Entries in arrival order. */
    private final List<Entry> entries = new ArrayList<>();
    /** Client orders that may have come to rest during the current command (checked at its end). */
    private final LongArrayList candidates = new LongArrayList();
    private long sequence;

    QueuePositions(OrderBook book) {
        this.book = book;
    }

    /** A client order may have come to rest (submitted, re-priced, triggered): checked by {@link #joinPending}. */
    void mayRest(long bookId) {
        candidates.addLong(bookId);
    }

    /**
     * At the end of a command: forgets the places of orders no longer resting (filled by the matching engine), and
     * gives each order that came to rest its place (behind everything at its price now).
     */
    void joinPending() {
        if (!entries.isEmpty()) {
            entries.removeIf(entry -> {
                boolean gone = !book.isResting(entry.bookId);
                if (gone) {
                    byBookId.remove(entry.bookId);
                }
                return gone;
            });
        }
        for (int i = 0; i < candidates.size(); i++) {
            long bookId = candidates.getLong(i);
            if (!byBookId.containsKey(bookId) && book.isResting(bookId)) {
                join(bookId);
            }
        }
        candidates.clear();
    }

    private void join(long bookId) {
        long price = book.price(bookId);
        boolean buy = book.isBid(bookId);
        // Everything at the level but the order itself is in front: the market maker's displayed quantity and the
        // clients' earlier orders.
        long ahead = book.levelQuantity(buy, price) - book.leaves(bookId);
        Entry entry = new Entry(bookId, buy, price, ++sequence, Math.max(0, ahead));
        byBookId.put(bookId, entry);
        entries.add(entry);
    }

    /** The queue ahead of a resting order, or -1 if it has no place (not resting, or not yet joined). */
    long ahead(long bookId) {
        Entry entry = byBookId.get(bookId);
        return entry == null ? -1 : entry.ahead;
    }

    /**
     * A client order's quantity left its level in front of the later orders there (canceled, expired, filled by the
     * matching engine, reduced by an amend); {@code gone} says whether the order itself left (then its place is
     * forgotten: a re-priced order joins again as new).
     */
    void left(long bookId, long quantity, boolean gone) {
        Entry entry = byBookId.get(bookId);
        if (entry == null) {
            return;
        }
        if (quantity > 0) {
            for (Entry other : entries) {
                if (other.sequence > entry.sequence && other.buy == entry.buy && other.price == entry.price) {
                    other.ahead -= Math.min(other.ahead, quantity);
                }
            }
        }
        if (gone) {
            byBookId.remove(bookId);
            entries.remove(entry);
        }
    }

    /**
     * The market maker shows a new quote: a level that got smaller than an order's queue ahead takes the queue ahead
     * down with it (cancels come from the back first).
     *
     * @param farthestBid the market maker's farthest bid level shown, {@link OrderBook#NO_PRICE} if it shows no bid
     * @param farthestAsk the same for asks
     */
    void requoted(long farthestBid, long farthestAsk) {
        for (Entry entry : entries) {
            long farthest = entry.buy ? farthestBid : farthestAsk;
            boolean shown = farthest != OrderBook.NO_PRICE
                    && (entry.buy ? entry.price >= farthest : entry.price <= farthest);
            if (!shown) {
                continue;
            }
            long clientsAhead = 0;
            long clientsAtLevel = 0;
            for (Entry other : entries) {
                if (other.buy == entry.buy && other.price == entry.price) {
                    long leaves = book.leaves(other.bookId);
                    clientsAtLevel += leaves;
                    if (other.sequence < entry.sequence) {
                        clientsAhead += leaves;
                    }
                }
            }
            long displayed = book.levelQuantity(entry.buy, entry.price) - clientsAtLevel;
            entry.ahead = Math.min(entry.ahead, Math.max(0, displayed) + clientsAhead);
        }
    }

    /**
     * A trade of the market (not of this book) of {@code quantity} at {@code price}: consumes the queues at that price
     * and fills what is left beyond them; a trade through a price fills the orders there. Orders filled are executed
     * in the book ({@link OrderBook#executeResting}), which reports them.
     */
    void marketTrade(long price, long quantity) {
        if (entries.isEmpty() || quantity <= 0) {
            return;
        }
        List<Entry> buys = new ArrayList<>();
        List<Entry> sells = new ArrayList<>();
        for (Entry entry : entries) {
            if (entry.buy && entry.price >= price) {
                buys.add(entry);
            } else if (!entry.buy && entry.price <= price) {
                sells.add(entry);
            }
        }
        buys.sort(BUYS_FIRST_TO_FILL);
        sells.sort(SELLS_FIRST_TO_FILL);
        execute(buys, price, quantity);
        execute(sells, price, quantity);
    }

    private void execute(List<Entry> side, long price, long quantity) {
        long budget = quantity;
        for (Entry entry : side) {
            long beyondQueue;
            if (entry.price == price) {
                beyondQueue = Math.max(0, quantity - entry.ahead);
                entry.ahead = Math.max(0, entry.ahead - quantity);
            } else {
                // Traded through: the whole level went.
                entry.ahead = 0;
                beyondQueue = quantity;
            }
            long fill = Math.min(Math.min(beyondQueue, budget), book.leaves(entry.bookId));
            if (fill > 0) {
                budget -= book.executeResting(entry.bookId, fill);
                if (!book.isResting(entry.bookId)) {
                    byBookId.remove(entry.bookId);
                    entries.remove(entry);
                }
            }
            if (budget == 0) {
                return;
            }
        }
    }
}
