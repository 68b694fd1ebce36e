package org.nautilus.factor.technical.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nautilus.api.research.expression.FactorDefinition;

/**
 * The library's shape. Its values are compared with TA-Lib in bundles/research (TaLibParityTest), where the
 * expression engine is: a test dependency on research from here would be a reactor cycle.
 */
class TechnicalLibraryTest {

    private final TechnicalLibrary library = new TechnicalLibrary();

    @Test
    void lists_the_indicators_of_issue_10_once_each() {
        List<String> names = library.definitions().stream().map(FactorDefinition::name).toList();

        assertThat(names).doesNotHaveDuplicates().containsExactly("RSI_14", "BB_PCTB_20", "BB_WIDTH_20", "MACD_12_26",
                "MACD_SIGNAL_9", "MACD_HIST", "ATR_14", "ADX_14", "STOCH_K_14", "STOCH_D_14", "CCI_20", "WILLR_14",
                "OBV", "MFI_14", "ROC_10", "CLOSE_SMA_10", "CLOSE_SMA_20", "CLOSE_SMA_50", "CLOSE_EMA_10",
                "CLOSE_EMA_20", "CLOSE_EMA_50");
        // Alpha158's names have no underscore: both libraries can be compiled together.
        assertThat(names).allSatisfy(name -> assertThat(name).matches("OBV|[A-Z]+(_[A-Z0-9]+)+"));
    }

    @Test
    void definitions_are_ta_libs_formulas_in_expression_text() {
        // 0 where TA-Lib's TA_IS_ZERO holds for the denominator (a long flat stretch)
        assertThat(text("RSI_14")).isEqualTo("If(Abs(Wilder(Greater($close-Ref($close,1),0),14)"
                + "+Wilder(Greater(Ref($close,1)-$close,0),14))<1.0E-8,0,"
                + "100*(Wilder(Greater($close-Ref($close,1),0),14)/(Wilder(Greater($close-Ref($close,1),0),14)"
                + "+Wilder(Greater(Ref($close,1)-$close,0),14))))");
        // the fast EMA starts on the bar the slow one is seeded from (26 - 12 = 14 closes later)
        assertThat(text("MACD_12_26")).isEqualTo("SeededEMA($close+0*Ref($close,14),12)-SeededEMA($close,26)");
        assertThat(text("MACD_HIST")).isEqualTo("MACD_12_26-MACD_SIGNAL_9");
        assertThat(text("CCI_20")).isEqualTo("If((($high+$low+$close)/3-Mean(($high+$low+$close)/3,20)==0)"
                + "|(MeanDev(($high+$low+$close)/3,20)==0),0,"
                + "(($high+$low+$close)/3-Mean(($high+$low+$close)/3,20))/(0.015*MeanDev(($high+$low+$close)/3,20)))");
        assertThat(text("OBV")).isEqualTo("Cumsum(If($close<Ref($close,1),Neg($volume),"
                + "If($close==Ref($close,1),0,$volume)))");
    }

    @Test
    void every_factor_is_described_and_the_library_is_named_technical() {
        assertThat(library.definitions())
                .allSatisfy(d -> assertThat(d.description()).startsWith("Technical " + d.name() + ": "));
        assertThat(library.name()).isEqualTo("technical");
    }

    private String text(String name) {
        return library.definitions().stream().filter(d -> d.name().equals(name)).findFirst().orElseThrow().expression();
    }
}
