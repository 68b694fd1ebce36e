package org.nautilus.api.research.data;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.nautilus.api.domain.InstrumentId;

/**
 * A news or social item about some instruments, as a feed or file gave it.
 *
 * @param time        when it was published (known from then on)
 * @param instruments what it is about, at least one
 * @param source      where it came from, e.g. a wire's or a site's name
 * @param text        the headline or message
 * @param location    where it was read, e.g. {@code news.jsonl:17}
 */
public record NewsItem(Instant time, List<InstrumentId> instruments, String source, String text, String location) {

    public NewsItem {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(location, "location");
        instruments = List.copyOf(instruments);
        if (instruments.isEmpty()) {
            throw new IllegalArgumentException(location + ": a news item names no instrument");
        }
    }
}
