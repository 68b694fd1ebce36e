package org.nautilus.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/nautilus-admin against a scripted stand-in for OpenSSH and the Karaf shell behind it: the node's start-up
 * sequence (no shell, command not registered, STARTING, READY) and a large output whose session Karaf closes
 * without an exit status, as a real node does (reproduced against the assembled distribution).
 */
class NautilusAdminScriptTest {

    private static final Path SCRIPT = Path.of("..", "karaf-distribution", "src", "main", "resources", "bin",
            "nautilus-admin");

    /**
     * The fake ssh: the remote command line is its last argument, "CMD ; shell:echo MARK ; shell:cat". Each call
     * plays the next answer of $SCENARIO (a file of one answer a line; the last one repeats): down (no shell),
     * missing (Command not found), starting / ready (nautilus:status), large (6 MB). A command that completes prints
     * the mark, copies stdin like shell:cat, then exits 255 as ssh does when Karaf closes before the exit status.
     */
    private static final String FAKE_SSH = """
            #!/bin/sh
            for last; do :; done
            mark=$(printf '%s' "$last" | sed 's/.* ; shell:echo \\(.*\\) ; shell:cat$/\\1/')
            n=$(($(cat "$STATE/calls" 2>/dev/null || echo 0) + 1))
            echo "$n" > "$STATE/calls"
            answer=$(sed -n "${n}p" "$SCENARIO"); [ -n "$answer" ] || answer=$(tail -n 1 "$SCENARIO")
            table() { printf 'PART │ STATE\\n─────┼──────\\noms  │ %s\\n' "$1"; }
            case "$answer" in
                down) echo "ssh: connect to host 127.0.0.1 port 8101: Connection refused" >&2; exit 255 ;;
                missing) printf '\\033[31mCommand not found: \\033[0m\\033[31;1mnautilus:status\\033[0m\\n'; exit 1 ;;
                starting) table DOWN; echo STARTING ;;
                ready) table up; echo READY ;;
                large) awk 'BEGIN { for (i = 0; i < 60000; i++) printf "order %06d | %090d\\n", i, 0 }' ;;
            esac
            echo "$mark"
            cat
            exit 255
            """;

    @TempDir
    Path home;

    private Path scenario;

    @BeforeEach
    void layOutKarafHome() throws IOException {
        Files.createDirectories(home.resolve("bin"));
        Files.copy(SCRIPT, home.resolve("bin/nautilus-admin"));
        executable(home.resolve("bin/nautilus-admin"));
        Path keys = Files.createDirectories(home.resolve("etc/nautilus-admin"));
        Files.writeString(keys.resolve("id_rsa"), "fake");
        Files.writeString(keys.resolve("id_rsa.pub"), "ssh-rsa AAAAfake nautilus-admin\n");
        Files.writeString(home.resolve("etc/keys.properties"), "");
        Files.writeString(home.resolve("etc/org.apache.karaf.shell.cfg"), "sshPort = 8101\n");
        Files.createDirectories(home.resolve("fake/state"));
        Files.writeString(home.resolve("fake/ssh"), FAKE_SSH);
        executable(home.resolve("fake/ssh"));
        scenario = home.resolve("fake/scenario");
    }

    @Test
    void waitRetriesUntilTheShellAnswersTheCommandExistsAndTheNodeIsReady() throws Exception {
        Run run = admin(List.of("down", "missing", "starting", "ready"), "--wait", "30", "nautilus:status");

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("oms  │ up").endsWith("READY\n").doesNotContain("STARTING", "not found");
        assertThat(calls()).isEqualTo(4);
    }

    @Test
    void waitGivesUpWithAClearMessageWhenTheNodeStaysStarting() throws Exception {
        Run run = admin(List.of("starting"), "--wait", "2", "nautilus:status");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.output()).contains("STARTING")
                .contains("nautilus-admin: the node is not READY after waiting 2 s");
    }

    @Test
    void waitGivesUpWithAClearMessageWhenTheCommandNeverAppears() throws Exception {
        Run run = admin(List.of("missing"), "--wait", "2", "nautilus:status");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.output()).contains(
                "nautilus-admin: Command not found: nautilus:status after waiting 2 s (is its feature installed");
    }

    @Test
    void withoutWaitAStartingNodeIsAnAnswerNotAFailure() throws Exception {
        // The Kubernetes liveness probe runs nautilus:status without --wait: STARTING is alive.
        Run run = admin(List.of("starting"), "nautilus:status");

        assertThat(run.exitCode()).isZero();
        assertThat(run.output()).endsWith("STARTING\n");
        assertThat(calls()).isEqualTo(1);
    }

    @Test
    void aLargeOutputArrivesWholeAndACompletedCommandExitsZeroThoughKarafDropsTheExitStatus() throws Exception {
        Run run = admin(List.of("large"), "nautilus:orders -n 0");

        assertThat(run.exitCode()).as(run.output().lines().skip(59_990).toList().toString()).isZero();
        List<String> lines = run.output().lines().toList();
        assertThat(lines).hasSize(60_000);
        assertThat(lines.get(59_999)).startsWith("order 059999 | ");
        assertThat(run.output()).doesNotContain("nautilus-admin-done", "cannot reach");
    }

    @Test
    void anUnreachableShellIsReportedAsSuch() throws Exception {
        Run run = admin(List.of("down"), "nautilus:status");

        assertThat(run.exitCode()).isEqualTo(255);
        assertThat(run.output()).contains("nautilus-admin: cannot reach the Karaf shell at 127.0.0.1:8101");
    }

    @Test
    void aWaitThatIsNotANumberIsRefusedBeforeAnythingRuns() throws Exception {
        Run run = admin(List.of("ready"), "--wait", "soon", "nautilus:status");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.output()).contains("nautilus-admin: --wait takes whole seconds (0 or more), not 'soon'");
        assertThat(calls()).isZero();
    }

    @Test
    void userAddWritesAHashedPasswordWithTheRolesGroupsAndRefusesBadInputChangingNothing() throws Exception {
        Path users = home.resolve("etc/users.properties");
        Files.writeString(users, "_g_\\:traders = group,trader,viewer,ssh\n");

        Run added = user("correct-horse-1\n", "user-add", "alice", "trader", "risk");
        assertThat(added.exitCode()).as(added.output()).isZero();
        String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512")
                .digest("correct-horse-1".getBytes(StandardCharsets.UTF_8)));
        assertThat(Files.readString(users)).contains("alice = {CRYPT}" + digest + "{CRYPT},_g_:traders,_g_:riskgroup")
                .doesNotContain("correct-horse-1");
        assertThat(user("", "user-list").output()).contains("alice: trader risk");

        String before = Files.readString(users);
        assertThat(user("short\n", "user-add", "bob", "viewer").output()).contains("at least 8 characters");
        assertThat(user("long-enough-1\n", "user-add", "bob", "boss").output()).contains("unknown role 'boss'");
        assertThat(user("long-enough-1\n", "user-add", "alice", "viewer").output()).contains("exists");
        assertThat(user("long-enough-1\n", "user-add", "b=b", "viewer").output()).contains("user name");
        assertThat(Files.readString(users)).isEqualTo(before);

        assertThat(user("", "user-del", "alice").exitCode()).isZero();
        assertThat(Files.readString(users)).doesNotContain("alice");
        assertThat(user("", "user-del", "alice").exitCode()).isNotZero();
    }

    /** nautilus-admin's user commands: local, no SSH; {@code stdin} is what a script pipes in (the password). */
    private Run user(String stdin, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/nautilus-admin").toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("nautilus-admin did not finish:\n" + output);
        }
        return new Run(process.exitValue(), output);
    }

    private record Run(int exitCode, String output) {
    }

    private Run admin(List<String> answers, String... arguments) throws Exception {
        Files.write(scenario, answers);
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/nautilus-admin").toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("PATH", home.resolve("fake") + ":" + System.getenv("PATH"));
        builder.environment().put("STATE", home.resolve("fake/state").toString());
        builder.environment().put("SCENARIO", scenario.toString());
        Process process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("nautilus-admin did not finish:\n" + output);
        }
        return new Run(process.exitValue(), output);
    }

    private int calls() throws IOException {
        Path calls = home.resolve("fake/state/calls");
        return Files.exists(calls) ? Integer.parseInt(Files.readString(calls).trim()) : 0;
    }

    private static void executable(Path file) throws IOException {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
