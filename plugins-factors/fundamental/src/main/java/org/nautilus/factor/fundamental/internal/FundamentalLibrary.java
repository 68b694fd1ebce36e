package org.nautilus.factor.fundamental.internal;

import java.util.List;
import org.nautilus.api.research.expression.FactorDefinition;
import org.nautilus.api.research.expression.FactorLibrary;
import org.osgi.service.component.annotations.Component;

/**
 * Valuation and quality factors as expressions over the point-in-time fundamental fields (quarterly rows, per share:
 * {@code $eps}, {@code $sales}, {@code $book}), each value on a bar from what was published by the bar's end:
 * <ul>
 *   <li>{@code PSum($eps,4)}: trailing twelve months' EPS, the four latest known quarters, if their period ends span
 *   at most 366 days (else none);</li>
 *   <li>{@code PE} = close / TTM EPS, none when TTM EPS ≤ 0 (P/E is not read for losses);</li>
 *   <li>{@code PB} = close / the latest known book value per share, none when it is ≤ 0;</li>
 *   <li>{@code EARNINGS_YIELD} = TTM EPS / close (defined for losses too);</li>
 *   <li>{@code ROE} = TTM EPS / the latest known book value, none when the book is ≤ 0;</li>
 *   <li>{@code SALES_GROWTH} = TTM sales / the TTM sales of the four quarters before ({@code PSum($sales,4,4)},
 *   eight period ends within 731 days) − 1, none when the earlier TTM is ≤ 0.</li>
 * </ul>
 * "None" is written {@code 0/0} (NaN): the algebra has no NaN literal.
 */
@Component(service = FactorLibrary.class, property = FactorLibrary.LIBRARY_PROPERTY + "=" + FundamentalLibrary.NAME)
public final class FundamentalLibrary implements FactorLibrary {

    static final String NAME = "fundamental";

    private static final List<FactorDefinition> DEFINITIONS = List.of(
            new FactorDefinition("PE", "If(PSum($eps,4)>0, $close/PSum($eps,4), 0/0)",
                    "price / trailing twelve months' EPS (none for a loss)"),
            new FactorDefinition("PB", "If($book>0, $close/$book, 0/0)", "price / latest book value per share"),
            new FactorDefinition("EARNINGS_YIELD", "PSum($eps,4)/$close", "trailing twelve months' EPS / price"),
            new FactorDefinition("ROE", "If($book>0, PSum($eps,4)/$book, 0/0)",
                    "trailing twelve months' EPS / latest book value per share"),
            new FactorDefinition("SALES_GROWTH", "If(PSum($sales,4,4)>0, PSum($sales,4)/PSum($sales,4,4)-1, 0/0)",
                    "trailing twelve months' sales over the twelve months before, - 1"));

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<FactorDefinition> definitions() {
        return DEFINITIONS;
    }

    /** The factor names, in order. */
    static List<String> names() {
        return DEFINITIONS.stream().map(FactorDefinition::name).toList();
    }
}
