package org.nautilus.api.research.sentiment;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalDouble;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.research.data.NewsItem;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The news items of each instrument and their decayed-average sentiment, point in time.
 *
 * <p>The score of an instrument as of t is Σ w<sub>i</sub>·s<sub>i</sub> / Σ w<sub>i</sub> over its items
 * published at or before t, with s<sub>i</sub> the scorer's score of the item's text and w<sub>i</sub> =
 * 2<sup>−(t − t<sub>i</sub>)/halfLife</sup>; items older than {@link #horizon()} half-lives are left out. No item
 * in that window: no score.
 */
@ProviderType
public interface SentimentService {

    /** Adds items (an item equal to a stored one in time, source and text is stored once); returns items added. */
    int add(List<NewsItem> items);

    /** The score as of {@code asOf}, or empty with no item of the instrument in the window. */
    OptionalDouble score(InstrumentId instrument, Instant asOf);

    /** The score at each of {@code times} (sorted), NaN where there is none: a batch equal to {@link #score}. */
    double[] scores(InstrumentId instrument, List<Instant> times);

    /** The decay's half-life. */
    Duration halfLife();

    /** How many half-lives back items count. */
    int horizon();

    /** The scorer in use. */
    String scorer();

    /** Instruments with items, sorted. */
    List<InstrumentId> instruments();

    /** Items stored for an instrument. */
    int items(InstrumentId instrument);
}
