package org.nautilus.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/backtest of the assembled distribution, with no platform running: the shipped MA-cross spec over the shipped
 * Apple bars writes a run folder under data/backtests (tearsheet, orders, fills, equity, summary) as
 * {@code nautilus:backtest} does, with the same figures; a second run gives the same digest (deterministic); bad
 * input exits 2 and writes nothing.
 */
class BacktestScriptIT {

    @TempDir
    static Path unpacked;
    static Path home;

    /** Output and exit status of one run. */
    record Run(int exitCode, String output) {
    }

    @BeforeAll
    static void unpackTheDistribution() throws Exception {
        Path tarball = Path.of(System.getProperty("nautilus.distribution",
                "../karaf-distribution/target/nautilus-distribution-" + System.getProperty("project.version")
                        + ".tar.gz"));
        assertThat(tarball).exists();
        Process tar = new ProcessBuilder("tar", "xzf", tarball.toAbsolutePath().toString(), "-C", unpacked.toString())
                .inheritIO().start();
        assertThat(tar.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(tar.exitValue()).isZero();
        try (var dirs = Files.list(unpacked)) {
            home = dirs.filter(Files::isDirectory).findFirst().orElseThrow();
        }
    }

    @Test
    void theShippedSpecRunsHeadlessIntoTheSameResultsFolderDeterministically() throws Exception {
        Run first = backtest("etc/backtests/ma-cross-apple.properties");
        assertThat(first.exitCode()).as(first.output()).isZero();
        // The figures of the shell's run of the same spec (StrategyIT): 504 events, the same metrics.
        assertThat(first.output()).contains("done: 504 events", "Backtest ma-cross-0001: ma-cross", "tearsheet ");
        Path folder = home.resolve("data/backtests/ma-cross-0001");
        for (String file : List.of("tearsheet.html", "equity.png", "orders.csv", "fills.csv", "equity.csv",
                "summary.properties")) {
            assertThat(folder.resolve(file)).isNotEmptyFile();
        }
        assertThat(Files.readAllLines(folder.resolve("fills.csv"))).hasSizeGreaterThan(2);

        Run second = backtest("etc/backtests/ma-cross-apple.properties");
        assertThat(second.exitCode()).as(second.output()).isZero();
        assertThat(second.output()).contains("Backtest ma-cross-0002");
        assertThat(digest(second)).isEqualTo(digest(first));
        assertThat(Files.readString(home.resolve("data/backtests/ma-cross-0002/fills.csv")))
                .isEqualTo(Files.readString(folder.resolve("fills.csv")));

        // Options as the shell's: a parameter changes the run (another digest).
        Run faster = backtest("-p", "fast=5", "-r", "data/other", "etc/backtests/ma-cross-apple.properties");
        assertThat(faster.exitCode()).as(faster.output()).isZero();
        assertThat(home.resolve("data/other/ma-cross-0001/tearsheet.html")).exists();
        assertThat(digest(faster)).isNotEqualTo(digest(first));
    }

    @Test
    void badInputExitsTwoSayingWhatIsWrongAndWritesNothing() throws Exception {
        Run unknown = backtest("-s", "no-such", "-r", "data/bad", "etc/backtests/ma-cross-apple.properties");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.output()).contains("unknown strategy 'no-such'; on the class path: [cross-sectional, "
                + "ma-cross, market-maker]");
        Run missing = backtest("-r", "data/bad", "etc/backtests/none.properties");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.output()).contains("spec file etc/backtests/none.properties not found");
        Run badValue = backtest("-o", "slippage.bps=lots", "-r", "data/bad", "etc/backtests/ma-cross-apple.properties");
        assertThat(badValue.exitCode()).isEqualTo(2);
        assertThat(badValue.output()).contains("slippage.bps must be a number, got 'lots'");
        assertThat(home.resolve("data/bad")).doesNotExist();
    }

    private static String digest(Run run) {
        return run.output().lines().filter(l -> l.strip().startsWith("digest ")).findFirst().orElseThrow();
    }

    private static Run backtest(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/backtest").toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(180, TimeUnit.SECONDS)).as(output).isTrue();
        return new Run(process.exitValue(), output);
    }
}
