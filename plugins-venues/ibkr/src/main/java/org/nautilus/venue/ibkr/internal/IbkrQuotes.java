package org.nautilus.venue.ibkr.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.domain.VenueId;
import org.nautilus.api.marketdata.MarketDataService;
import org.nautilus.api.marketdata.Quote;
import org.nautilus.api.venue.BookDepth;
import org.nautilus.api.venue.BookLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The quotes of an IBKR venue: snapshots read by the poller and fields pushed over the socket, merged per conid (IBKR
 * sends only what changed), kept as the venue's top of book and published to the platform's market data.
 */
final class IbkrQuotes {

    private static final Logger LOG = LoggerFactory.getLogger(IbkrQuotes.class);

    /**
     * The quote fields IBKR numbers as in {@code /iserver/marketdata/snapshot}: 84 bid, 85 ask size, 86 ask, 88 bid
     * size. Both the snapshot and a socket's {@code smd} message carry only the fields that changed (or none, on a
     * first request for a conid): they are merged into the last known ones, and a quote is made when bid and ask
     * are both known.
     */
    static final List<String> QUOTE_FIELDS = List.of("84", "85", "86", "88");

    /** The venue's contract ids. */
    interface Contracts {

        /** The conid of an instrument (configured or looked up). */
        long conid(InstrumentId instrument) throws IbkrException, IbkrVenue.Rejection;

        /** The instrument of a conid, else of the ticker in {@code node}. */
        InstrumentId instrument(long conid, JsonNode node);
    }

    private final VenueId venue;
    private final Clock clock;
    private final Contracts contracts;
    /** The top of the book by instrument, as last pushed or polled. */
    private final Map<InstrumentId, BookDepth> snapshots = new ConcurrentHashMap<>();
    /** Instruments someone asked about: the poller reads their snapshots, the socket subscribes to them. */
    private final Set<InstrumentId> wanted = ConcurrentHashMap.newKeySet();
    /** Where quotes go (the platform's market data), {@code null} while there is none. */
    private volatile MarketDataService marketData;
    /** Instruments the market data refused (not defined there): warned about once each. */
    private final Set<InstrumentId> refused = ConcurrentHashMap.newKeySet();
    /** The latest quote fields per conid; merged under its own monitor (socket thread and worker). */
    private final Map<Long, ObjectNode> fields = new ConcurrentHashMap<>();

    IbkrQuotes(VenueId venue, Clock clock, Contracts contracts) {
        this.venue = venue;
        this.clock = clock;
        this.contracts = contracts;
    }

    Optional<BookDepth> depth(InstrumentId instrument) {
        return Optional.ofNullable(snapshots.get(instrument));
    }

    /** Registers an instrument's quotes as wanted; {@code true} the first time. */
    boolean want(InstrumentId instrument) {
        return wanted.add(instrument);
    }

    Set<InstrumentId> wanted() {
        return Collections.unmodifiableSet(wanted);
    }

    synchronized void marketData(MarketDataService service) {
        this.marketData = service;
        refused.clear();
    }

    synchronized void marketDataGone(MarketDataService service) {
        if (marketData == service) {
            marketData = null;
        }
    }

    /** Reads {@code /iserver/marketdata/snapshot} for the instruments asked about (the fields of {@link #QUOTE_FIELDS}). */
    void poll(IbkrClient client) throws IbkrException {
        if (wanted.isEmpty()) {
            return;
        }
        StringBuilder ids = new StringBuilder();
        for (InstrumentId instrument : wanted) {
            try {
                ids.append(ids.length() == 0 ? "" : ",").append(contracts.conid(instrument));
            } catch (IbkrVenue.Rejection e) {
                LOG.debug("IBKR venue {}: no snapshot for {}: {}", venue, instrument, e.getMessage());
            }
        }
        if (ids.length() == 0) {
            return;
        }
        for (JsonNode quote : client.get("/iserver/marketdata/snapshot?conids=" + ids + "&fields="
                + String.join(",", QUOTE_FIELDS))) {
            update(quote.path("conid").asLong(0), quote);
        }
    }

    /** Merges the fields of a snapshot or a pushed message; publishes a quote once bid and ask are known. */
    void update(long conid, JsonNode update) {
        if (conid == 0) {
            return;
        }
        synchronized (fields) { // pushed on the socket's thread, polled on the worker
            updateLocked(conid, update);
        }
    }

    private void updateLocked(long conid, JsonNode update) {
        ObjectNode known = fields.computeIfAbsent(conid, c -> IbkrClient.JSON.createObjectNode());
        for (String field : QUOTE_FIELDS) {
            if (update.hasNonNull(field)) {
                known.set(field, update.get(field));
            }
        }
        if (!known.hasNonNull("84") || !known.hasNonNull("86")) {
            return;
        }
        InstrumentId instrument = contracts.instrument(conid, update);
        long updated = update.path("_updated").asLong(0);
        Instant at = updated > 0 ? Instant.ofEpochMilli(updated) : clock.instant();
        Quote quote;
        try {
            quote = new Quote(instrument, Price.of(number(known.path("84"))), Quantity.of(number(known.path("88"))),
                    Price.of(number(known.path("86"))), Quantity.of(number(known.path("85"))), at);
        } catch (RuntimeException e) {
            LOG.warn("IBKR venue {}: quote for {} left out: {} ({})", venue, instrument, e.getMessage(), known);
            return;
        }
        snapshots.put(instrument, new BookDepth(venue, instrument,
                List.of(new BookLevel(quote.bid(), quote.bidSize(), 1)),
                List.of(new BookLevel(quote.ask(), quote.askSize(), 1)), at));
        MarketDataService md = marketData;
        if (md != null) {
            try {
                md.publish(quote);
            } catch (IllegalArgumentException e) {
                if (refused.add(instrument)) {
                    LOG.warn("IBKR venue {}: the market data refused the quotes of {}: {}", venue, instrument,
                            e.getMessage());
                }
            }
        }
    }

    /** IBKR may put a letter before a price (C: the previous close, H: halted): the number follows it. */
    private static BigDecimal number(JsonNode node) {
        if (node.isNumber()) {
            return node.decimalValue();
        }
        String text = node.asText("").strip();
        while (!text.isEmpty() && Character.isLetter(text.charAt(0))) {
            text = text.substring(1);
        }
        return IbkrVenue.decimal(IbkrClient.JSON.getNodeFactory().textNode(text));
    }
}
