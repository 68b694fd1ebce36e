package org.nautilus.api.research.dataset;

/**
 * One cross-sectional processing step, applied per date over that date's instruments, column by column, in the
 * order the request lists them. NaN values stay NaN (and are not counted) except under {@link FillNaN}.
 */
public sealed interface Processing {

    /** A stable text of the step, part of a dataset's canonical request. */
    String canonical();

    /** (x − mean) / std (sample std); a date with fewer than 2 values or std 0 gives 0 for its values. */
    record ZScore() implements Processing {
        @Override
        public String canonical() {
            return "zscore";
        }
    }

    /**
     * (x − median) / (1.4826 · MAD), clipped to [−clip, clip] (Qlib's RobustZScoreNorm); MAD 0 gives 0.
     */
    record RobustZScore(double clip) implements Processing {
        public RobustZScore {
            if (!(clip > 0)) {
                throw new IllegalArgumentException("clip must be positive, was " + clip);
            }
        }

        @Override
        public String canonical() {
            return "robust-zscore(clip=" + clip + ")";
        }
    }

    /** Percentile rank in (0, 1]: average rank of ties / count (pandas {@code rank(pct=True)}). */
    record Rank() implements Processing {
        @Override
        public String canonical() {
            return "rank";
        }
    }

    /** Replace NaN by a value (after the steps before it: 0 after a z-score is the date's mean). */
    record FillNaN(double value) implements Processing {
        public FillNaN {
            if (Double.isNaN(value)) {
                throw new IllegalArgumentException("fill value must be a number");
            }
        }

        @Override
        public String canonical() {
            return "fillna(" + value + ")";
        }
    }
}
