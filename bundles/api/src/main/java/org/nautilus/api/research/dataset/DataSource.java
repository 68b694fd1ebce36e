package org.nautilus.api.research.dataset;

import java.time.LocalDate;
import java.util.Objects;

/** Where a dataset's bars come from. */
public sealed interface DataSource {

    /** A stable text naming the source, part of a dataset's canonical request. */
    String canonical();

    /**
     * The daily bars the distribution ships ({@code samples/}), real market data, e.g. {@code aapl-daily}
     * (Apple daily bars from ta4j-examples).
     */
    record Samples(String name) implements DataSource {
        public Samples {
            Objects.requireNonNull(name, "name");
            if (name.isBlank()) {
                throw new IllegalArgumentException("a sample set needs a name, e.g. aapl-daily");
            }
        }

        @Override
        public String canonical() {
            return "samples:" + name;
        }
    }

    /**
     * A seeded, generated universe (NOT market data): {@code instruments} × {@code days} trading days of OHLCV
     * with {@code factors} planted latent factors, each with cross-sectional IC {@code plantedIc} against the
     * next-day return. The same spec always gives the same bars.
     *
     * @param seed          seed of every random draw
     * @param instruments   number of instruments, named {@code GEN0001}, {@code GEN0002}, …
     * @param days          trading days (weekdays from {@code start})
     * @param factors       planted latent factors (0 = pure noise)
     * @param plantedIc     the cross-sectional IC of each planted factor with the next close-to-close return,
     *                      in [-0.5, 0.5]; the factors' total explained share {@code factors·ic²} must stay below 1
     * @param start         first trading day
     * @param gaps          whether instruments list late, delist early and skip days (missing rows)
     */
    record Generated(long seed, int instruments, int days, int factors, double plantedIc, LocalDate start,
            boolean gaps) implements DataSource {
        public Generated {
            if (instruments < 1 || instruments > 100_000) {
                throw new IllegalArgumentException("instruments must be in 1..100000, was " + instruments);
            }
            if (days < 2 || days > 100_000) {
                throw new IllegalArgumentException("days must be in 2..100000, was " + days);
            }
            if (factors < 0 || factors > 32) {
                throw new IllegalArgumentException("factors must be in 0..32, was " + factors);
            }
            if (!(Math.abs(plantedIc) <= 0.5)) {
                throw new IllegalArgumentException("plantedIc must be in [-0.5, 0.5], was " + plantedIc);
            }
            if (factors * plantedIc * plantedIc >= 0.9) {
                throw new IllegalArgumentException(factors + " factors with IC " + plantedIc
                        + " would explain " + factors * plantedIc * plantedIc
                        + " of the return variance; keep it below 0.9");
            }
            Objects.requireNonNull(start, "start");
        }

        /** 800 × 3,500 days, 4 factors of IC 0.05 from 2010-01-04, no gaps. */
        public static Generated of(long seed, int instruments, int days) {
            return new Generated(seed, instruments, days, 4, 0.05, LocalDate.of(2010, 1, 4), false);
        }

        @Override
        public String canonical() {
            return "generated:seed=" + seed + ",instruments=" + instruments + ",days=" + days + ",factors=" + factors
                    + ",ic=" + plantedIc + ",start=" + start + ",gaps=" + gaps;
        }
    }
}
