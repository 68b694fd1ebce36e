package org.nautilus.risk.internal.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nautilus.api.domain.FixedPoint;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.domain.Position;
import org.nautilus.api.domain.Price;

/**
 * Every portfolio's valuation kept as running totals, so a pre-trade check reads it in O(1) instead of walking the
 * portfolio: gross exposure Σ |q × p × m|, net exposure Σ q × p × m, unrealized P&amp;L Σ (mark − average) × q × m and
 * realized P&amp;L net of commissions Σ (realized − commissions), where p is the instrument's mark, else the position's
 * average price. A mark change revalues the holdings of that instrument only (O(1) per portfolio holding it), a
 * position change its own holding: each holding's terms are computed exactly as a full revaluation computes them and
 * the totals move by the difference, so the totals equal the full sums exactly (integer sums do not depend on their
 * order).
 *
 * <p>A position that goes flat keeps its realized P&amp;L here, as the daily P&amp;L needs (the keeper may drop it).
 *
 * <p>Thread-safety: every method holds this object's monitor, and nothing is called out while holding it (a leaf
 * lock), so the gateway's mark hook and the OMS threads' checks cannot deadlock through it.
 */
final class RunningValuation {

    /** One portfolio's totals, raw fixed-point money. */
    record Totals(long gross, long net, long unrealized, long realized) {

        long total() {
            return Math.addExact(realized, unrealized);
        }
    }

    /** One instrument: its mark as last reported (if any), its multiplier, and the holdings in it. */
    private static final class Line {
        boolean marked;
        long mark;
        long multiplier = FixedPoint.ONE;
        Holding[] holders = new Holding[2];
        int holderCount;

        void add(Holding holding) {
            if (holderCount == holders.length) {
                holders = Arrays.copyOf(holders, holderCount * 2);
            }
            holders[holderCount++] = holding;
        }
    }

    /** One portfolio's position in one instrument and the terms it adds to its book's totals. */
    private static final class Holding {
        final Book book;
        final Line line;
        /** The position last applied (compared by value when the engine looks for a change it was not told of). */
        Position position;
        long quantity;
        long average;
        long exposure;
        long unrealized;
        long realized;

        Holding(Book book, Line line) {
            this.book = book;
            this.line = line;
        }
    }

    /** One portfolio: its holdings and totals, and the instruments whose position changed since it was last read. */
    private static final class Book {
        final Map<InstrumentId, Holding> holdings = new HashMap<>();
        final List<InstrumentId> changed = new ArrayList<>();
        long gross;
        long net;
        long unrealized;
        long realized;
        /** The last totals handed out: every pre-trade check asks, and most find them unchanged. */
        Totals handed = ZERO;

        Totals totals() {
            Totals last = handed;
            if (last.gross() != gross || last.net() != net || last.unrealized() != unrealized
                    || last.realized() != realized) {
                handed = last = new Totals(gross, net, unrealized, realized);
            }
            return last;
        }
    }

    private static final Totals ZERO = new Totals(0, 0, 0, 0);

    private final Map<InstrumentId, Line> lines = new HashMap<>();
    private final Map<PortfolioId, Book> books = new HashMap<>();

    /** The instrument's mark is now {@code mark}: revalues every holding in it. */
    synchronized void onMark(InstrumentId instrument, Price mark) {
        Line line = line(instrument);
        if (line.marked && line.mark == mark.raw()) {
            return;
        }
        line.marked = true;
        line.mark = mark.raw();
        for (int i = 0; i < line.holderCount; i++) {
            revalue(line.holders[i]);
        }
    }

    /** {@code true} once the portfolio was {@link #load loaded}. */
    synchronized boolean loaded(PortfolioId portfolio) {
        return books.containsKey(portfolio);
    }

    /**
     * Starts keeping a portfolio (idempotent: a portfolio already kept is left as it is).
     *
     * @param positions   its positions now
     * @param marks       the mark of each instrument now (used for an instrument not reported yet), by position
     * @param multipliers the raw multiplier of each position's instrument
     */
    synchronized void load(PortfolioId portfolio, List<Position> positions, List<Price> marks, long[] multipliers) {
        if (books.containsKey(portfolio)) {
            return;
        }
        books.put(portfolio, new Book());
        for (int i = 0; i < positions.size(); i++) {
            apply(positions.get(i), marks.get(i), multipliers[i]);
        }
    }

    /** A fill changed this position: it is read again before the portfolio's totals are. */
    synchronized void changed(PortfolioId portfolio, InstrumentId instrument) {
        Book book = books.get(portfolio);
        if (book != null && !book.changed.contains(instrument)) {
            book.changed.add(instrument);
        }
    }

    /** {@code true} if {@code position} is the one last applied for its portfolio and instrument. */
    synchronized boolean applied(Position position) {
        Book book = books.get(position.portfolioId());
        Holding holding = book == null ? null : book.holdings.get(position.instrumentId());
        return holding != null && position.equals(holding.position);
    }

    /** The instruments of the portfolio whose position changed since the last call, in order (may repeat). */
    synchronized List<InstrumentId> takeChanged(PortfolioId portfolio) {
        Book book = books.get(portfolio);
        if (book == null || book.changed.isEmpty()) {
            return List.of();
        }
        List<InstrumentId> taken = List.copyOf(book.changed);
        book.changed.clear();
        return taken;
    }

    /** {@code true} if {@code position} differs from the one last applied for its portfolio and instrument. */
    synchronized boolean differs(Position position) {
        Book book = books.get(position.portfolioId());
        Holding holding = book == null ? null : book.holdings.get(position.instrumentId());
        return holding == null ? !position.isFlat() || position.realizedPnl().raw() != 0
                || position.commissions().raw() != 0 : !position.equals(holding.position);
    }

    /**
     * Applies a position (new or changed) of a kept portfolio.
     *
     * @param mark       the instrument's mark now, or {@code null}: used only if no mark was reported for it yet
     * @param multiplier the instrument's raw multiplier now
     */
    synchronized void apply(Position position, Price mark, long multiplier) {
        Book book = books.get(position.portfolioId());
        if (book == null) {
            return;
        }
        Line line = line(position.instrumentId());
        if (!line.marked && mark != null) {
            line.marked = true;
            line.mark = mark.raw();
        }
        Holding holding = book.holdings.get(position.instrumentId());
        if (holding == null) {
            holding = new Holding(book, line);
            book.holdings.put(position.instrumentId(), holding);
            line.add(holding);
        }
        holding.position = position;
        holding.quantity = position.quantity().raw();
        holding.average = position.averagePrice().raw();
        long realized = Math.subtractExact(position.realizedPnl().raw(), position.commissions().raw());
        book.realized = Math.addExact(book.realized, Math.subtractExact(realized, holding.realized));
        holding.realized = realized;
        if (line.multiplier != multiplier) {
            line.multiplier = multiplier;
            for (int i = 0; i < line.holderCount; i++) {
                revalue(line.holders[i]);
            }
        } else {
            revalue(holding);
        }
    }

    /**
     * The keeper no longer has this position: it counts as flat, and keeps its realized P&amp;L (as the full
     * revaluation remembers it).
     */
    synchronized void gone(PortfolioId portfolio, InstrumentId instrument) {
        Book book = books.get(portfolio);
        Holding holding = book == null ? null : book.holdings.get(instrument);
        if (holding != null) {
            holding.position = null;
            holding.quantity = 0;
            revalue(holding);
        }
    }

    /** The portfolio's totals, or zeros if it is not kept. */
    synchronized Totals totals(PortfolioId portfolio) {
        Book book = books.get(portfolio);
        return book == null ? ZERO : book.totals();
    }

    /** The signed exposure of one holding, raw money; 0 if there is none. */
    synchronized long exposure(PortfolioId portfolio, InstrumentId instrument) {
        Book book = books.get(portfolio);
        Holding holding = book == null ? null : book.holdings.get(instrument);
        return holding == null ? 0 : holding.exposure;
    }

    private Line line(InstrumentId instrument) {
        Line line = lines.get(instrument);
        if (line == null) {
            line = new Line();
            lines.put(instrument, line);
        }
        return line;
    }

    /**
     * Computes the holding's two terms as the full revaluation does ({@code Valuation.exposure} at the mark or the
     * average, {@code RiskEngine}'s unrealized) and moves its book's totals by the difference.
     */
    private static void revalue(Holding h) {
        Line line = h.line;
        long exposure = 0;
        long unrealized = 0;
        if (h.quantity != 0) {
            long price = line.marked ? line.mark : h.average;
            exposure = scale(FixedPoint.multiply(h.quantity, price), line.multiplier);
            unrealized = scale(FixedPoint.multiply(Math.subtractExact(price, h.average), h.quantity),
                    line.multiplier);
        }
        Book book = h.book;
        book.gross = Math.addExact(book.gross, Math.subtractExact(Math.abs(exposure), Math.abs(h.exposure)));
        book.net = Math.addExact(book.net, Math.subtractExact(exposure, h.exposure));
        book.unrealized = Math.addExact(book.unrealized, Math.subtractExact(unrealized, h.unrealized));
        h.exposure = exposure;
        h.unrealized = unrealized;
    }

    private static long scale(long value, long multiplier) {
        return multiplier == FixedPoint.ONE ? value : FixedPoint.multiply(value, multiplier);
    }
}
