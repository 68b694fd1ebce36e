package org.nautilus.factor.sentiment.weka.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * GENERATED labelled headlines (synthetic, not market news), seeded: the way the universe generator writes its news
 * (a planted sentiment s uniform in [−1, 1], each phrase positive with probability (1 + s)/2, label = sign of s),
 * with a wider phrase book: 8 of 18 phrases a side are in the lexicon's vocabulary, 6 use words the lexicon does not
 * know, and 4 are phrases whose lexicon words mislead it ("cuts costs", "loss narrows", "record loss", "growth stalls").
 * Real headlines use far more words than a 48-word lexicon; this is the case a trained classifier exists for. The
 * phrase book is ours, written for this test data.
 */
final class GeneratedHeadlines {

    static final long SEED = 20_261_207L;
    static final int COUNT = 2_000;
    static final String SHIPPED = "../../karaf-distribution/src/main/resources/etc/sentiment/"
            + "generated-labelled-headlines.jsonl";

    private static final String[] POSITIVE = {
            // the lexicon knows these
            "beats estimates", "analyst upgrade", "strong demand", "raises guidance", "buyback announced",
            "regulatory approval", "record orders", "profit growth",
            // the lexicon knows none of these words
            "tops forecasts", "shares rally", "margin expansion", "wins major contract", "dividend hike",
            "orders jump",
            // the lexicon's words in them point the wrong way or cancel out
            "cuts costs", "loss narrows", "lawsuit dismissed", "downgrade reversed"};
    private static final String[] NEGATIVE = {
            // the lexicon knows these
            "misses estimates", "analyst downgrade", "weak demand", "product recall", "faces lawsuit",
            "fraud allegations", "cuts guidance", "shares plunge",
            // the lexicon knows none of these words
            "shares slump", "layoffs announced", "asset writedown", "regulator subpoena", "margin squeeze",
            "chief executive resigns",
            // the lexicon's words in them point the wrong way or cancel out
            "record loss", "profit warning", "growth stalls", "strong dollar hurts sales"};
    private static final String[] FILLER = {"", "", " in the third quarter", " analysts said", " on Tuesday",
            " after the bell", " in early trading"};

    private GeneratedHeadlines() {
    }

    /** One generated headline with its planted sentiment. */
    record Headline(Instant time, String instrument, String text, double sentiment) {
        LabelledText labelled(String location) {
            return new LabelledText(text, sentiment > 0, location);
        }
    }

    static List<Headline> generate(long seed, int count) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Headline> headlines = new ArrayList<>(count);
        Instant time = Instant.parse("2020-01-02T13:00:00Z");
        for (int i = 0; i < count; i++) {
            double sentiment = 2 * random.nextDouble() - 1;
            String instrument = String.format("GEN%04d", random.nextInt(100));
            StringBuilder text = new StringBuilder("[GENERATED] ").append(instrument).append(':');
            int phrases = 2 + random.nextInt(2);
            for (int p = 0; p < phrases; p++) {
                boolean positive = random.nextDouble() < (1 + sentiment) / 2;
                String[] book = positive ? POSITIVE : NEGATIVE;
                text.append(p == 0 ? " " : p == phrases - 1 ? " and " : ", ").append(book[random.nextInt(book.length)]);
            }
            text.append(FILLER[random.nextInt(FILLER.length)]);
            time = time.plusSeconds(600 + random.nextInt(36_000));
            headlines.add(new Headline(time, instrument + ".GEN", text.toString(), sentiment));
        }
        return headlines;
    }

    static List<LabelledText> labelled(List<Headline> headlines) {
        List<LabelledText> texts = new ArrayList<>(headlines.size());
        for (int i = 0; i < headlines.size(); i++) {
            texts.add(headlines.get(i).labelled("generated:" + (i + 1)));
        }
        return texts;
    }

    /** JSON lines: a news item (time, instrument, source, text) with its label and planted sentiment. */
    static String jsonLines(List<Headline> headlines) {
        ObjectMapper json = new ObjectMapper();
        StringBuilder out = new StringBuilder();
        for (Headline h : headlines) {
            ObjectNode node = json.createObjectNode();
            node.put("time", h.time().toString());
            node.put("instrument", h.instrument());
            node.put("source", "generated");
            node.put("text", h.text());
            node.put("label", h.sentiment() > 0 ? LabelledText.POSITIVE : LabelledText.NEGATIVE);
            node.put("sentiment", Math.rint(h.sentiment() * 1e6) / 1e6);
            out.append(node).append('\n');
        }
        return out.toString();
    }
}
