package org.nautilus.grid.internal.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nautilus.grid.internal.node.GridStartupException;

class JournalFileTest {

    private static final long SEGMENT = 4096;

    @TempDir
    Path dir;

    private static ByteBuffer text(String value) {
        return ByteBuffer.wrap(value.getBytes(StandardCharsets.UTF_8));
    }

    /** Every record after {@code after}, by sequence. */
    private Map<Long, String> replay(long after) {
        Map<Long, String> seen = new LinkedHashMap<>();
        JournalFile
                .open(dir, SEGMENT, after,
                        (sequence, payload) -> seen.put(sequence, StandardCharsets.UTF_8.decode(payload).toString()))
                .close();
        return seen;
    }

    private void write(long from, long to, int size) throws IOException {
        try (JournalFile journal = JournalFile.open(dir, SEGMENT, from - 1, (s, p) -> {})) {
            for (long s = from; s <= to; s++) {
                journal.append(s, text(("record " + s + " ").repeat(size)));
            }
            journal.sync();
        }
    }

    @Test
    void records_come_back_in_order_after_a_reopen_and_only_those_after_the_given_sequence() throws IOException {
        write(1, 5, 1);

        assertThat(replay(0)).containsExactly(Map.entry(1L, "record 1 "), Map.entry(2L, "record 2 "),
                Map.entry(3L, "record 3 "), Map.entry(4L, "record 4 "), Map.entry(5L, "record 5 "));
        assertThat(replay(3).keySet()).containsExactly(4L, 5L);
        write(6, 7, 1);
        assertThat(replay(0).keySet()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
    }

    @Test
    void segments_roll_over_and_those_the_caches_cover_are_deleted() throws IOException {
        write(1, 100, 20);
        List<Path> segments;
        try (JournalFile journal = JournalFile.open(dir, SEGMENT, 100, (s, p) -> {})) {
            segments = journal.segments();
            assertThat(segments).hasSizeGreaterThan(3);
            journal.deleteUpTo(90);
            assertThat(journal.segments()).hasSizeLessThan(segments.size());
        }
        assertThat(replay(90).keySet()).containsExactly(91L, 92L, 93L, 94L, 95L, 96L, 97L, 98L, 99L, 100L);
        assertThat(replay(0).keySet().iterator().next()).as("the oldest left is after a deleted segment")
                .isGreaterThan(1L).isLessThanOrEqualTo(91L);
    }

    @Test
    void a_record_torn_by_a_crash_at_the_end_is_dropped_and_appending_goes_on_after_the_last_good_one()
            throws IOException {
        write(1, 3, 1);
        Path segment;
        try (JournalFile journal = JournalFile.open(dir, SEGMENT, 3, (s, p) -> {})) {
            segment = journal.segments().get(0);
        }
        long end = 3 * (JournalFile.HEADER + "record 1 ".length());
        try (FileChannel out = FileChannel.open(segment, StandardOpenOption.WRITE)) {
            // A header claiming 100 bytes, and only half of them written.
            ByteBuffer torn = ByteBuffer.allocate(JournalFile.HEADER + 50).order(ByteOrder.LITTLE_ENDIAN);
            torn.putInt(100).putInt(12345).putLong(4).put(new byte[50]).flip();
            out.write(torn, end);
        }

        assertThat(replay(0).keySet()).containsExactly(1L, 2L, 3L);
        write(4, 5, 1);
        assertThat(replay(0)).containsEntry(4L, "record 4 ").containsEntry(5L, "record 5 ").hasSize(5);
    }

    @Test
    void a_corrupt_record_followed_by_later_segments_stops_the_start() throws IOException {
        write(1, 100, 20);
        Path first;
        try (JournalFile journal = JournalFile.open(dir, SEGMENT, 100, (s, p) -> {})) {
            first = journal.segments().get(0);
        }
        try (FileChannel out = FileChannel.open(first, StandardOpenOption.WRITE)) {
            out.write(ByteBuffer.wrap(new byte[] {'X', 'X', 'X'}), JournalFile.HEADER + 5);
        }

        assertThatThrownBy(() -> replay(0)).isInstanceOf(GridStartupException.class)
                .hasMessageContaining(first.getFileName().toString()).hasMessageContaining("checksum mismatch")
                .hasMessageContaining("acknowledged commands may be lost");
    }

    @Test
    void sequences_must_increase() throws IOException {
        try (JournalFile journal = JournalFile.open(dir, SEGMENT, 0, (s, p) -> {})) {
            journal.append(1, text("a"));
            assertThatThrownBy(() -> journal.append(1, text("b"))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("journal sequence 1 after 1");
        }
    }
}
