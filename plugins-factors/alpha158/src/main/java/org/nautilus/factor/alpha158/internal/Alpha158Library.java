package org.nautilus.factor.alpha158.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nautilus.api.research.expression.FactorDefinition;
import org.nautilus.api.research.expression.FactorLibrary;
import org.osgi.service.component.annotations.Component;

/**
 * Qlib's Alpha158 (qlib/contrib/data/loader.py, {@code Alpha158DL}): 9 candlestick factors, 4 price ratios and
 * 29 rolling families over 5, 10, 20, 30 and 60 bars. The expressions are Qlib's own text, read from
 * {@code alpha158.tsv} beside this class, so the research engine computes them with Qlib's semantics.
 */
@Component(service = FactorLibrary.class, property = FactorLibrary.LIBRARY_PROPERTY + "=" + Alpha158Library.NAME)
public final class Alpha158Library implements FactorLibrary {

    static final String NAME = "alpha158";
    static final String RESOURCE = "alpha158.tsv";

    /** What each factor or family means; C, O, H, L, V are the bar's close, open, high, low, volume. */
    private static final Map<String, String> MEANINGS = Map.ofEntries(
            Map.entry("KMID", "body: (C-O)/O"),
            Map.entry("KLEN", "range: (H-L)/O"),
            Map.entry("KMID2", "body as a share of the range: (C-O)/(H-L)"),
            Map.entry("KUP", "upper shadow: (H-max(O,C))/O"),
            Map.entry("KUP2", "upper shadow as a share of the range"),
            Map.entry("KLOW", "lower shadow: (min(O,C)-L)/O"),
            Map.entry("KLOW2", "lower shadow as a share of the range"),
            Map.entry("KSFT", "where the close sits in the range: (2C-H-L)/O"),
            Map.entry("KSFT2", "(2C-H-L) as a share of the range"),
            Map.entry("OPEN0", "open / close"),
            Map.entry("HIGH0", "high / close"),
            Map.entry("LOW0", "low / close"),
            Map.entry("VWAP0", "vwap / close (NaN for bars without a vwap)"),
            Map.entry("ROC", "close d bars ago / close (Qlib's inverted rate of change)"),
            Map.entry("MA", "mean close of d bars / close"),
            Map.entry("STD", "sample std of d closes / close"),
            Map.entry("BETA", "slope of the closes over d bars / close"),
            Map.entry("RSQR", "R² of the closes' linear trend over d bars"),
            Map.entry("RESI", "residual of today's close from that trend / close"),
            Map.entry("MAX", "highest high of d bars / close"),
            Map.entry("MIN", "lowest low of d bars / close"),
            Map.entry("QTLU", "80% quantile of d closes / close"),
            Map.entry("QTLD", "20% quantile of d closes / close"),
            Map.entry("RANK", "percentile of today's close among d closes"),
            Map.entry("RSV", "(C - lowest low) / (highest high - lowest low) over d bars"),
            Map.entry("IMAX", "1-based position of the highest high in the d-bar window (from its oldest bar) / d"),
            Map.entry("IMIN", "1-based position of the lowest low in the d-bar window (from its oldest bar) / d"),
            Map.entry("IMXD", "(IdxMax of highs - IdxMin of lows) / d"),
            Map.entry("CORR", "correlation of close and log(volume+1) over d bars"),
            Map.entry("CORD", "correlation of close ratio and log volume ratio over d bars"),
            Map.entry("CNTP", "share of up days in d bars"),
            Map.entry("CNTN", "share of down days in d bars"),
            Map.entry("CNTD", "share of up days - share of down days in d bars"),
            Map.entry("SUMP", "gains / total absolute moves over d bars (RSI-like)"),
            Map.entry("SUMN", "losses / total absolute moves over d bars"),
            Map.entry("SUMD", "(gains - losses) / total absolute moves over d bars"),
            Map.entry("VMA", "mean volume of d bars / volume"),
            Map.entry("VSTD", "sample std of d volumes / volume"),
            Map.entry("WVMA", "std / mean of |return| x volume over d bars"),
            Map.entry("VSUMP", "volume increases / total absolute volume changes over d bars"),
            Map.entry("VSUMN", "volume decreases / total absolute volume changes over d bars"),
            Map.entry("VSUMD", "(increases - decreases) / total absolute volume changes over d bars"));

    private final List<FactorDefinition> definitions = load();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<FactorDefinition> definitions() {
        return definitions;
    }

    private static List<FactorDefinition> load() {
        InputStream in = Alpha158Library.class.getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new IllegalStateException(RESOURCE + " is missing from the bundle");
        }
        List<FactorDefinition> definitions = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            reader.readLine(); // header: name, qlib_expression
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = line.split("\t");
                definitions.add(new FactorDefinition(cells[0], cells[1], describe(cells[0])));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + RESOURCE, e);
        }
        return List.copyOf(definitions);
    }

    /** "MA20" -> "Alpha158 MA, d=20: mean close of d bars / close". */
    static String describe(String name) {
        String meaning = MEANINGS.get(name);
        if (meaning != null) {
            return "Alpha158 " + name + ": " + meaning;
        }
        String family = name.replaceAll("\\d+$", "");
        String window = name.substring(family.length());
        meaning = MEANINGS.get(family);
        if (meaning == null || window.isEmpty()) {
            throw new IllegalStateException("no meaning for Alpha158 factor " + name);
        }
        return "Alpha158 " + family + ", d=" + window + ": " + meaning;
    }

    @Override
    public String toString() {
        return NAME + " (" + definitions.size() + " factors)";
    }
}
