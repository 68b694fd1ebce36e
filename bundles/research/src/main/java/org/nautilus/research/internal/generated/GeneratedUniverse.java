package org.nautilus.research.internal.generated;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.research.dataset.DataSource;
import org.nautilus.research.internal.expression.BarColumns;

/**
 * A generated universe (NOT market data): what {@link UniverseGenerator} made from a
 * {@link DataSource.Generated} spec. Every instrument is named {@code GEN…} and every text says it is generated.
 *
 * @param spec         the spec it was generated from
 * @param calendar     the trading days, ascending
 * @param instruments  one entry per instrument, in name order
 * @param fundamentals quarterly statements with revisions, ordered by publication time
 * @param news         news items, ordered by time
 */
public record GeneratedUniverse(DataSource.Generated spec, List<LocalDate> calendar, List<Series> instruments,
        List<Fundamental> fundamentals, List<NewsItem> news) {

    /** Marks every generated text. */
    public static final String LABEL = "GENERATED (synthetic data, not market data)";

    public GeneratedUniverse {
        Objects.requireNonNull(spec, "spec");
        calendar = List.copyOf(calendar);
        instruments = List.copyOf(instruments);
        fundamentals = List.copyOf(fundamentals);
        news = List.copyOf(news);
    }

    /**
     * One instrument's published bars and the truth behind them.
     *
     * @param instrument the generated instrument
     * @param days       per bar, its index into the calendar (ascending; gaps where the flags allow them)
     * @param bars       the bars as columns; vwap carries planted factor 1 (see {@link UniverseGenerator})
     * @param planted    {@code planted[k][bar]}: latent factor k+1 at the close of that bar, standard normal
     *                   across instruments
     */
    public record Series(InstrumentId instrument, int[] days, BarColumns bars, double[][] planted) {
        public int rows() {
            return days.length;
        }
    }

    /**
     * A fundamental statement value as published (generated).
     *
     * @param instrument the instrument
     * @param field      e.g. {@code eps}
     * @param periodEnd  the quarter's last day
     * @param published  when this value became known (first publication or a revision)
     * @param revision   0 for the first publication, 1 for a revision
     * @param value      the value
     */
    public record Fundamental(InstrumentId instrument, String field, LocalDate periodEnd, Instant published,
            int revision, double value) {
    }

    /**
     * A generated news item. Its text carries positive or negative words whose balance follows the sign of the
     * instrument's last planted factor on that day plus noise: a sentiment scorer reading the text finds that
     * factor's signal.
     *
     * @param time        when it was published (during the trading day)
     * @param instruments the instruments it is about
     * @param source      a generated source name ({@code gen-wire}, {@code gen-blog})
     * @param text        the headline, prefixed with {@code [GENERATED]}
     * @param sentiment   the planted sentiment in [−1, 1] the words were chosen from (the truth, for tests)
     */
    public record NewsItem(Instant time, List<InstrumentId> instruments, String source, String text,
            double sentiment) {
        public NewsItem {
            instruments = List.copyOf(instruments);
        }
    }

    public Series series(InstrumentId instrument) {
        for (Series series : instruments) {
            if (series.instrument().equals(instrument)) {
                return series;
            }
        }
        throw new IllegalArgumentException("no instrument " + instrument + " in the generated universe ("
                + instruments.size() + " instruments)");
    }
}
