package org.nautilus.venue.fix.internal;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.nautilus.api.domain.OrderType;
import org.nautilus.api.domain.TimeInForce;
import quickfix.DataDictionary;
import quickfix.FieldMap;
import quickfix.Message;

/**
 * How one counterparty's FIX differs from the standard, applied to every order message we send (D, F, G) just before
 * it goes on the wire: tags to add (only where the message has none), tags to override (always set), tags to drop,
 * and the OrdType (40) and TimeInForce (59) values it uses for ours. A header tag (per the session's data dictionary,
 * e.g. 50 SenderSubID, 57 TargetSubID) goes in the header.
 *
 * @param add          tag = value set where the message has no such tag (e.g. 1 = an account)
 * @param override     tag = value always set (e.g. 100 = the exchange to route to)
 * @param drop         tags removed (e.g. 21 HandlInst where a counterparty refuses it)
 * @param orderTypes   our order type to the OrdType value sent; a type not listed uses the standard value
 * @param timesInForce our time in force to the TimeInForce value sent; one not listed uses the standard value
 */
record Dialect(Map<Integer, String> add, Map<Integer, String> override, Set<Integer> drop,
        Map<OrderType, String> orderTypes, Map<TimeInForce, String> timesInForce) {

    /** Tags the session layer owns: BeginString, BodyLength, MsgType, CompIDs, MsgSeqNum, SendingTime, CheckSum. */
    private static final Set<Integer> PROTECTED = Set.of(8, 9, 35, 49, 56, 34, 52, 10);

    static final Dialect STANDARD = new Dialect(Map.of(), Map.of(), Set.of(), Map.of(), Map.of());

    Dialect {
        add = Map.copyOf(add);
        override = Map.copyOf(override);
        drop = Set.copyOf(drop);
        orderTypes = Map.copyOf(orderTypes);
        timesInForce = Map.copyOf(timesInForce);
        for (int tag : PROTECTED) {
            if (add.containsKey(tag) || override.containsKey(tag) || drop.contains(tag)) {
                throw new IllegalArgumentException("dialect: tag " + tag + " is the session's (QuickFIX/J sets it):"
                        + " it cannot be added, overridden or dropped");
            }
        }
    }

    /** Parses the configuration's texts: {@code 1=ACCT, 100=XNAS}; {@code 21, 60}; {@code LIMIT=2}; {@code DAY=1}. */
    static Dialect parse(String add, String override, String drop, String orderTypes, String timesInForce) {
        return new Dialect(tagValues("tags.add", add), tagValues("tags.override", override), tags("tags.drop", drop),
                mapping("ordtype.map", orderTypes, OrderType.class), mapping("tif.map", timesInForce,
                        TimeInForce.class));
    }

    char orderType(OrderType type, char standard) {
        return single("ordtype.map", orderTypes.get(type), standard);
    }

    char timeInForce(TimeInForce tif, char standard) {
        return single("tif.map", timesInForce.get(tif), standard);
    }

    private static char single(String setting, String value, char standard) {
        return value == null ? standard : value.charAt(0);
    }

    /** Applies the tag rules to an outgoing order message. */
    void apply(Message message, DataDictionary dictionary) {
        add.forEach((tag, value) -> {
            FieldMap part = part(message, dictionary, tag);
            if (!part.isSetField(tag)) {
                part.setString(tag, value);
            }
        });
        override.forEach((tag, value) -> part(message, dictionary, tag).setString(tag, value));
        for (int tag : drop) {
            part(message, dictionary, tag).removeField(tag);
        }
    }

    private static FieldMap part(Message message, DataDictionary dictionary, int tag) {
        return dictionary != null && dictionary.isHeaderField(tag) ? message.getHeader() : message;
    }

    private static Map<Integer, String> tagValues(String setting, String text) {
        Map<Integer, String> values = new TreeMap<>();
        for (String pair : items(text)) {
            String[] parts = pair.split("=", 2);
            if (parts.length != 2 || parts[1].isBlank()) {
                throw new IllegalArgumentException(setting + ": expected TAG=VALUE pairs separated by commas, got '"
                        + pair + "'");
            }
            values.put(tag(setting, parts[0]), parts[1].strip());
        }
        return values;
    }

    private static Set<Integer> tags(String setting, String text) {
        Set<Integer> tags = new TreeSet<>();
        for (String item : items(text)) {
            tags.add(tag(setting, item));
        }
        return tags;
    }

    private static <E extends Enum<E>> Map<E, String> mapping(String setting, String text, Class<E> type) {
        Map<E, String> values = new EnumMap<>(type);
        Function<String, E> parse = name -> {
            try {
                return Enum.valueOf(type, name.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(setting + ": '" + name.strip() + "' is not one of "
                        + EnumSet.allOf(type));
            }
        };
        for (String pair : items(text)) {
            String[] parts = pair.split("=", 2);
            if (parts.length != 2 || parts[1].strip().length() != 1) {
                throw new IllegalArgumentException(setting + ": expected NAME=C pairs (C one character, the FIX"
                        + " value), got '" + pair + "'");
            }
            values.put(parse.apply(parts[0]), parts[1].strip());
        }
        return values;
    }

    private static int tag(String setting, String text) {
        try {
            int tag = Integer.parseInt(text.strip());
            if (tag <= 0) {
                throw new NumberFormatException();
            }
            return tag;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(setting + ": a tag is a positive number, got '" + text.strip() + "'");
        }
    }

    private static String[] items(String text) {
        if (text == null || text.isBlank()) {
            return new String[0];
        }
        return Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .toArray(String[]::new);
    }

    @Override
    public String toString() {
        return Objects.equals(this, STANDARD) ? "standard"
                : "add " + add + ", override " + override + ", drop " + drop
                        + ", order types " + orderTypes + ", times in force " + timesInForce;
    }
}
