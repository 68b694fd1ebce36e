package org.nautilus.api.research.cache;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.marketdata.BarSpec;

/**
 * A snapshot of a library's cross-sectional state on one bar series over its live universe: every instrument's
 * operator state after the last closed time. Restored over the same universe, it continues exactly as the panel it
 * was taken from; over another universe (or another program) it is not used.
 *
 * @param bars       the bar series
 * @param library    the factor library
 * @param program    digest of the compiled cross-sectional program the state belongs to
 * @param universe   the instruments of the panel, in the panel's order
 * @param lastClosed the last time the panel had closed
 * @param barDigest  a digest of each instrument's last bar the panel had taken: the state is used only where the
 *                   bar history has the very same bars
 * @param state      the opaque state (the engine's format)
 */
public record PanelState(BarSpec bars, String library, String program, List<InstrumentId> universe,
        Instant lastClosed, long barDigest, byte[] state) {

    public PanelState {
        Objects.requireNonNull(bars, "bars");
        Objects.requireNonNull(library, "library");
        Objects.requireNonNull(program, "program");
        Objects.requireNonNull(lastClosed, "lastClosed");
        Objects.requireNonNull(state, "state");
        universe = List.copyOf(universe);
        if (universe.isEmpty()) {
            throw new IllegalArgumentException("a panel state has a universe; it was empty");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PanelState s && bars.equals(s.bars) && library.equals(s.library)
                && program.equals(s.program) && universe.equals(s.universe) && lastClosed.equals(s.lastClosed)
                && barDigest == s.barDigest && Arrays.equals(state, s.state);
    }

    @Override
    public int hashCode() {
        return Objects.hash(bars, library, universe, lastClosed);
    }

    @Override
    public String toString() {
        return "PanelState[" + library + " " + bars + " over " + universe.size() + " instruments after " + lastClosed
                + ", " + state.length + " bytes]";
    }
}
