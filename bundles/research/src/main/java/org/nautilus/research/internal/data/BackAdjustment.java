package org.nautilus.research.internal.data;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.nautilus.api.domain.FixedPoint;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.marketdata.Bar;
import org.nautilus.api.research.data.CorporateAction;

/**
 * Back-adjusts a bar series for splits and cash dividends with multiplicative factors, the convention of CRSP's
 * cumulative adjustment factors and of Yahoo's "adjusted close": the latest bars are as traded; each bar before an
 * ex-date has its prices multiplied by the product of the factors of every later action, so the return across an
 * ex-date shows no jump from the action.
 *
 * <ul>
 *   <li>split of r new shares per old: prices × 1/r, volume × r (the share count the latest bars trade in);</li>
 *   <li>cash dividend D: prices × (1 − D / C), C the raw close of the last bar before the ex-date (volume
 *   unchanged). D and C are both in the money of the day, so later splits do not change the factor.</li>
 * </ul>
 *
 * A bar "before" an ex-date starts on an earlier UTC date. Factors are multiplied in 34 significant digits; an
 * adjusted price or volume is rounded half-even to the platform's {@value FixedPoint#SCALE} decimals. An action
 * before the first bar changes nothing; a dividend not below its reference close is refused.
 */
public final class BackAdjustment {

    private static final MathContext PRECISION = MathContext.DECIMAL128;

    private BackAdjustment() {
    }

    public static List<Bar> adjust(List<Bar> bars, List<CorporateAction> actions) {
        if (bars.isEmpty()) {
            return List.of();
        }
        InstrumentId instrument = bars.get(0).instrumentId();
        List<CorporateAction> mine = actions.stream().filter(a -> a.instrument().equals(instrument))
                .sorted(Comparator.comparing(CorporateAction::exDate)).toList();
        int n = bars.size();
        // factor of each action, from the raw bars
        BigDecimal[] priceFactor = new BigDecimal[mine.size()];
        BigDecimal[] volumeFactor = new BigDecimal[mine.size()];
        for (int a = 0; a < mine.size(); a++) {
            CorporateAction action = mine.get(a);
            if (action.kind() == CorporateAction.Kind.SPLIT) {
                priceFactor[a] = BigDecimal.ONE.divide(action.value(), PRECISION);
                volumeFactor[a] = action.value();
            } else {
                Bar reference = lastBefore(bars, action.exDate());
                if (reference == null) {
                    priceFactor[a] = BigDecimal.ONE;
                } else {
                    BigDecimal close = reference.close().toBigDecimal();
                    if (action.value().compareTo(close) >= 0) {
                        throw new IllegalArgumentException("dividend " + action.value().toPlainString() + " of "
                                + instrument + " on " + action.exDate() + " is not below the close before it, "
                                + close.stripTrailingZeros().toPlainString() + " on " + date(reference));
                    }
                    priceFactor[a] = BigDecimal.ONE.subtract(action.value().divide(close, PRECISION), PRECISION);
                }
                volumeFactor[a] = BigDecimal.ONE;
            }
        }
        List<Bar> adjusted = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            adjusted.add(null);
        }
        BigDecimal prices = BigDecimal.ONE;
        BigDecimal volumes = BigDecimal.ONE;
        int next = mine.size() - 1; // the latest action not yet applied
        for (int i = n - 1; i >= 0; i--) {
            Bar bar = bars.get(i);
            while (next >= 0 && date(bar).isBefore(mine.get(next).exDate())) {
                prices = prices.multiply(priceFactor[next], PRECISION);
                volumes = volumes.multiply(volumeFactor[next], PRECISION);
                next--;
            }
            adjusted.set(i, prices.compareTo(BigDecimal.ONE) == 0 && volumes.compareTo(BigDecimal.ONE) == 0 ? bar
                    : new Bar(bar.instrumentId(), bar.start(), bar.end(), scale(bar.open(), prices),
                            scale(bar.high(), prices), scale(bar.low(), prices), scale(bar.close(), prices),
                            Quantity.of(bar.volume().toBigDecimal().multiply(volumes, PRECISION)
                                    .setScale(FixedPoint.SCALE, RoundingMode.HALF_EVEN))));
        }
        return adjusted;
    }

    private static Price scale(Price price, BigDecimal factor) {
        return Price.of(
                price.toBigDecimal().multiply(factor, PRECISION).setScale(FixedPoint.SCALE, RoundingMode.HALF_EVEN));
    }

    private static Bar lastBefore(List<Bar> bars, LocalDate exDate) {
        Bar found = null;
        for (Bar bar : bars) {
            if (!date(bar).isBefore(exDate)) {
                break;
            }
            found = bar;
        }
        return found;
    }

    private static LocalDate date(Bar bar) {
        return bar.start().atZone(ZoneOffset.UTC).toLocalDate();
    }
}
