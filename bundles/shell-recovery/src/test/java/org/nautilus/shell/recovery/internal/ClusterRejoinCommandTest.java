package org.nautilus.shell.recovery.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nautilus.api.cluster.NodeRecovery;
import org.nautilus.api.cluster.RejoinPlan;

class ClusterRejoinCommandTest {

    private static final List<String> STEPS = List.of("move /k/data/ignite to /k/data/ignite.discarded-1", "start");

    /** Records whether the command carried the plan out. */
    private static final class Recovery implements NodeRecovery {
        final RejoinPlan plan;
        int rejoins;

        Recovery(String refusal) {
            plan = new RejoinPlan("c3", "/k/data/ignite", "/k/data/ignite.discarded-1", 1, STEPS, refusal);
        }

        @Override
        public RejoinPlan planRejoin() {
            return plan;
        }

        @Override
        public RejoinPlan rejoin() {
            rejoins++;
            return plan;
        }
    }

    @Test
    void withoutYesItPrintsThePlanAndDoesNothing() throws Exception {
        Recovery recovery = new Recovery(null);
        String out = run(command(recovery, false));
        assertThat(out).contains("Node c3", "1. move /k/data/ignite to /k/data/ignite.discarded-1", "2. start",
                "Nothing done");
        assertThat(recovery.rejoins).isZero();
    }

    @Test
    void withYesItPrintsThePlanThenCarriesItOut() throws Exception {
        Recovery recovery = new Recovery(null);
        String out = run(command(recovery, true));
        assertThat(out).contains("1. move", "Moved /k/data/ignite to /k/data/ignite.discarded-1");
        assertThat(recovery.rejoins).isOne();
    }

    @Test
    void aRefusedPlanFailsTheCommandWithTheReasonEvenWithYes() {
        Recovery recovery = new Recovery("the grid runs on this node");
        assertThatThrownBy(() -> run(command(recovery, true))).hasMessageContaining("the grid runs on this node");
        assertThat(recovery.rejoins).isZero();
    }

    private static ClusterRejoinCommand command(NodeRecovery recovery, boolean yes) {
        ClusterRejoinCommand command = new ClusterRejoinCommand();
        command.recovery = recovery;
        command.yes = yes;
        return command;
    }

    private static String run(ClusterRejoinCommand command) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            command.execute();
        } finally {
            System.setOut(original);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
