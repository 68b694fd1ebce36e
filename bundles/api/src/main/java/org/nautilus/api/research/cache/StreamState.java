package org.nautilus.api.research.cache;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.marketdata.BarSpec;

/**
 * A snapshot of a library's streaming state on one bar series of an instrument: what every operator keeps
 * between bars (windows, running sums), after a given bar. Restored into a fresh stream of the same program, it
 * continues exactly as the stream it was taken from.
 *
 * @param instrument the instrument
 * @param bars       the bar series
 * @param library    the factor library
 * @param program    digest of the compiled program the state belongs to; a state of another digest is not used
 * @param lastBar    end of the last bar the state has taken
 * @param barDigest  a digest of that bar's prices and volume: the state is used only where the bar history has the
 *                   very same bar at {@code lastBar}
 * @param barCount   bars the stream had taken
 * @param state      the opaque state (the engine's format)
 */
public record StreamState(InstrumentId instrument, BarSpec bars, String library, String program, Instant lastBar,
        long barDigest, long barCount, byte[] state) {

    public StreamState {
        Objects.requireNonNull(instrument, "instrument");
        Objects.requireNonNull(bars, "bars");
        Objects.requireNonNull(library, "library");
        Objects.requireNonNull(program, "program");
        Objects.requireNonNull(lastBar, "lastBar");
        Objects.requireNonNull(state, "state");
        if (barCount < 1) {
            throw new IllegalArgumentException("a stream state is taken after a bar; barCount was " + barCount);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StreamState s && instrument.equals(s.instrument) && bars.equals(s.bars)
                && library.equals(s.library) && program.equals(s.program) && lastBar.equals(s.lastBar)
                && barDigest == s.barDigest && barCount == s.barCount && Arrays.equals(state, s.state);
    }

    @Override
    public int hashCode() {
        return Objects.hash(instrument, bars, library, lastBar, barCount);
    }

    @Override
    public String toString() {
        return "StreamState[" + library + " " + instrument + " " + bars + " after " + lastBar + ", " + barCount
                + " bars, " + state.length + " bytes]";
    }
}
