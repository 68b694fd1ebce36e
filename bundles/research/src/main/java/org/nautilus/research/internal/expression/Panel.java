package org.nautilus.research.internal.expression;

import java.util.List;
import java.util.Objects;

/**
 * A universe's bars as a panel (time × instrument), the input of a cross-sectional batch: each instrument's own
 * bars as columns, and at which of the panel's times each of its rows is. An instrument without a bar at a time
 * has no row there: it is left out of that time's cross-sections and gets no value for it (its rolling windows
 * simply continue with its next bar, as they would live).
 *
 * @param instruments names, in the order cross-sections visit them
 * @param bars        each instrument's bars, oldest first
 * @param times       {@code times[i][row]}: the panel time (0 .. timeCount-1) of instrument i's row, increasing
 * @param timeCount   how many times the panel has
 * @param groups      each instrument's group (0, 1, ...; a sector, say) for {@code GroupDemean}, -1 for none
 */
public record Panel(List<String> instruments, BarColumns[] bars, int[][] times, int timeCount, int[] groups) {

    public Panel {
        instruments = List.copyOf(instruments);
        int n = instruments.size();
        if (bars.length != n || times.length != n || groups.length != n) {
            throw new IllegalArgumentException(n + " instruments, " + bars.length + " bar sets, " + times.length
                    + " time lists and " + groups.length + " groups");
        }
        for (int i = 0; i < n; i++) {
            Objects.requireNonNull(bars[i], "bars");
            if (times[i].length != bars[i].rows()) {
                throw new IllegalArgumentException(instruments.get(i) + ": " + bars[i].rows() + " bars at "
                        + times[i].length + " times");
            }
            for (int r = 0; r < times[i].length; r++) {
                if (times[i][r] < 0 || times[i][r] >= timeCount || r > 0 && times[i][r] <= times[i][r - 1]) {
                    throw new IllegalArgumentException(instruments.get(i) + ": row " + r + " at time " + times[i][r]
                            + ": times must increase within 0 .. " + (timeCount - 1));
                }
            }
        }
    }

    /** Every instrument with a bar at every time (no groups). */
    public static Panel complete(List<String> instruments, BarColumns... bars) {
        int rows = bars.length == 0 ? 0 : bars[0].rows();
        int[][] times = new int[bars.length][];
        int[] groups = new int[bars.length];
        for (int i = 0; i < bars.length; i++) {
            times[i] = new int[bars[i].rows()];
            for (int r = 0; r < times[i].length; r++) {
                times[i][r] = r;
            }
            rows = Math.max(rows, bars[i].rows());
            groups[i] = -1;
        }
        return new Panel(instruments, bars, times, rows, groups);
    }

    /** The same panel with these groups. */
    public Panel withGroups(int... groups) {
        return new Panel(instruments, bars, times, timeCount, groups);
    }

    public int size() {
        return instruments.size();
    }
}
