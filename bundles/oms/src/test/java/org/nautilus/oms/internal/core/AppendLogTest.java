package org.nautilus.oms.internal.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class AppendLogTest {

    @Test
    void snapshots_are_immutable_copies_of_what_was_appended_so_far() {
        AppendLog<String> log = new AppendLog<>(0);
        assertThat(log.snapshot()).isEmpty();
        for (int i = 0; i < 10; i++) {
            log.add("e" + i);
        }
        List<String> first = log.snapshot();
        log.add("e10");

        assertThat(first).hasSize(10).startsWith("e0").endsWith("e9");
        assertThat(log.snapshot()).hasSize(11).endsWith("e10");
        assertThat(log.size()).isEqualTo(11);
    }

    @Test
    void a_reader_on_another_thread_never_sees_a_missing_element() throws Exception {
        AppendLog<Integer> log = new AppendLog<>(1);
        AtomicReference<String> problem = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            int last = 0;
            while (last < 100_000 && problem.get() == null) {
                List<Integer> seen = log.snapshot();
                for (int i = 0; i < seen.size(); i++) {
                    if (seen.get(i) != i) {
                        problem.set("element " + i + " is " + seen.get(i));
                    }
                }
                last = seen.size();
            }
        });
        reader.start();
        for (int i = 0; i < 100_000; i++) {
            log.add(i);
        }
        reader.join(10_000);
        assertThat(problem.get()).isNull();
        assertThat(log.snapshot()).hasSize(100_000);
    }
}
