package org.nautilus.research.internal.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nautilus.api.research.expression.FactorDefinition;

/**
 * A {@link PanelStream} stopped after any time and restored from its snapshot continues exactly as the panel that
 * never stopped, bit for bit (cross-sections, group neutralisation, rolling windows over them, missing bars); a
 * snapshot of another format, program, universe size or grouping is refused with the reason.
 */
class PanelSnapshotTest {

    private static final int INSTRUMENTS = 7;
    private static final int TIMES = 240;
    private static final int[] GROUPS = {0, 1, 0, 2, 1, -1, 0};

    private static FactorProgram program() {
        return FactorGraph.compile(List.of(
                def("RANK", "CSRank($close)"),
                def("Z", "CSZScore($close / Ref($close, 1) - 1)"),
                def("DEMEAN", "CSDemean(Mean($volume, 10))"),
                def("NEUTRAL", "GroupDemean(Std($close, 20))"),
                def("SMOOTH", "Mean(RANK, 5)"),
                def("CORR", "Corr(RANK, $volume, 15)"),
                def("RSQ", "Rsquare(Z, 12)"),
                def("TWICE", "CSRank(Max(NEUTRAL, 8))"))).programOrThrow();
    }

    private static FactorDefinition def(String name, String expression) {
        return new FactorDefinition(name, expression, "");
    }

    /** Bars of a random walk; each instrument misses about one time in eight. */
    private record Feed(boolean[][] present, double[][][] fields) {
        static Feed random(long seed) {
            Random random = new Random(seed);
            boolean[][] present = new boolean[TIMES][INSTRUMENTS];
            double[][][] fields = new double[TIMES][INSTRUMENTS][];
            double[] price = new double[INSTRUMENTS];
            Arrays.fill(price, 100);
            for (int t = 0; t < TIMES; t++) {
                for (int i = 0; i < INSTRUMENTS; i++) {
                    price[i] *= 1 + 0.02 * random.nextGaussian();
                    present[t][i] = random.nextInt(8) != 0;
                    double p = price[i];
                    fields[t][i] = new double[] {p * 0.995, p * 1.01, p * 0.99, p, 1000 + random.nextInt(5000),
                            Double.NaN};
                }
            }
            return new Feed(present, fields);
        }

        void feed(PanelStream stream, int from, int to) {
            for (int t = from; t < to; t++) {
                stream.update(present[t], fields[t]);
            }
        }
    }

    @Test
    void aRestoredPanelContinuesBitForBitAsTheOneThatNeverStopped() {
        FactorProgram program = program();
        Feed feed = Feed.random(42);
        for (int stopAfter : new int[] {0, 1, 7, 19, 120, 239}) {
            PanelStream uninterrupted = new PanelStream(program, GROUPS);
            PanelStream first = new PanelStream(program, GROUPS);
            feed.feed(uninterrupted, 0, stopAfter);
            feed.feed(first, 0, stopAfter);
            byte[] snapshot = first.snapshot();
            // restored into a program compiled afresh (another node): same digest, same kernels
            PanelStream resumed = PanelStream.restore(program(), GROUPS, snapshot);
            assertThat(resumed.snapshot()).as("snapshot of the restored panel").isEqualTo(snapshot);
            for (int t = stopAfter; t < TIMES; t++) {
                feed.feed(uninterrupted, t, t + 1);
                feed.feed(resumed, t, t + 1);
                for (int i = 0; i < INSTRUMENTS; i++) {
                    assertThat(resumed.bars(i)).isEqualTo(uninterrupted.bars(i));
                    for (int f = 0; f < program.size(); f++) {
                        assertThat(Double.doubleToRawLongBits(resumed.value(i, f)))
                                .as("%s of %d at %d (stopped after %d)", program.names().get(f), i, t, stopAfter)
                                .isEqualTo(Double.doubleToRawLongBits(uninterrupted.value(i, f)));
                    }
                }
            }
            assertThat(resumed.snapshot()).isEqualTo(uninterrupted.snapshot());
        }
    }

    @Test
    void aSnapshotOfAnotherUniverseGroupingProgramOrFormatIsRefused() {
        FactorProgram program = program();
        PanelStream stream = new PanelStream(program, GROUPS);
        Feed.random(7).feed(stream, 0, 50);
        byte[] snapshot = stream.snapshot();

        assertThatThrownBy(() -> PanelStream.restore(program, Arrays.copyOf(GROUPS, 6), snapshot))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has 7 instruments, the universe 6");
        int[] regrouped = GROUPS.clone();
        regrouped[3] = 0;
        assertThatThrownBy(() -> PanelStream.restore(program, regrouped, snapshot))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("groups the instruments otherwise");
        FactorProgram other = FactorGraph.compile(List.of(def("RANK", "CSRank($close)"), def("S", "Mean(RANK, 30)")))
                .programOrThrow();
        assertThatThrownBy(() -> PanelStream.restore(other, GROUPS, snapshot))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("another program's state");
        FactorProgram sameShape = FactorGraph.compile(List.of(
                def("RANK", "CSRank($close)"),
                def("Z", "CSZScore($close / Ref($close, 1) - 1)"),
                def("DEMEAN", "CSDemean(Mean($volume, 10))"),
                def("NEUTRAL", "GroupDemean(Std($close, 20))"),
                def("SMOOTH", "Mean(RANK, 6)"), // a longer window: the ring buffer does not fit
                def("CORR", "Corr(RANK, $volume, 15)"),
                def("RSQ", "Rsquare(Z, 12)"),
                def("TWICE", "CSRank(Max(NEUTRAL, 8))"))).programOrThrow();
        assertThatThrownBy(() -> PanelStream.restore(sameShape, GROUPS, snapshot))
                .isInstanceOf(IllegalArgumentException.class);
        byte[] otherKernelFormat = snapshot.clone();
        ByteBuffer.wrap(otherKernelFormat).putInt(4, 0x4E465333); // NFS3
        assertThatThrownBy(() -> PanelStream.restore(program, GROUPS, otherKernelFormat))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("kernel format is 4e465333");
        byte[] streamSnapshot = FactorGraph.compile(List.of(def("M", "Mean($close, 5)"))).programOrThrow().newStream()
                .snapshot();
        assertThatThrownBy(() -> PanelStream.restore(program, GROUPS, streamSnapshot))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a panel snapshot");
        assertThatThrownBy(() -> PanelStream.restore(program, GROUPS, Arrays.copyOf(snapshot, snapshot.length - 3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("shorter");
    }
}
