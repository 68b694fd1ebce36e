package org.nautilus.api.research.dataset;

/**
 * The label: the return from the close {@code from} trading days after the feature date to the close {@code to}
 * trading days after it, {@code close[t+to] / close[t+from] − 1}, per instrument's own trading days. The label's
 * information ends at date {@code t+to}: that is the row's label end, used for purging.
 *
 * <p>Qlib's default {@code Ref($close,-2)/Ref($close,-1)-1} is {@code (1, 2)}: a signal computed at the close of t
 * is traded at the close of t+1 and held one day.
 */
public record LabelSpec(int from, int to) {

    public LabelSpec {
        if (from < 0 || to <= from || to > 250) {
            throw new IllegalArgumentException("a label needs 0 <= from < to <= 250, was from " + from + " to " + to);
        }
    }

    /** Qlib's {@code Ref($close,-2)/Ref($close,-1)-1}. */
    public static LabelSpec qlibDefault() {
        return new LabelSpec(1, 2);
    }

    /** The label as a Qlib expression, e.g. {@code Ref($close,-2)/Ref($close,-1)-1}. */
    public String expression() {
        String denominator = from == 0 ? "$close" : "Ref($close,-" + from + ")";
        return "Ref($close,-" + to + ")/" + denominator + "-1";
    }
}
