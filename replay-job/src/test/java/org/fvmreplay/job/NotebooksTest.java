package org.fvmreplay.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.fvmreplay.cli.FvmReplay;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The notebooks of {@code notebooks/} run headless, as {@code notebooks/run-notebooks.sh} runs them, against a replay of
 * epochs 300–400 of devnet-a (FEVM events, failing messages): every notebook executes without a cell error and saves at
 * least one plot. Needs the Python environment that {@code notebooks/setup-venv.sh} makes: without it the test is
 * skipped, or fails when the environment variable {@code FVM_REPLAY_REQUIRE_NOTEBOOKS} is set (CI sets it).
 */
class NotebooksTest {
    /** The study the slice is repriced under: the README's example, which sends some messages out of gas. */
    private static final String STUDY = "docs/price-lists/block-open-raised.json";

    @TempDir
    static Path tmp;

    @Test
    void everyNotebookRunsOnAReplayedSliceAndSavesPlots() throws Exception {
        Path notebooks = repositoryRoot().resolve("notebooks");
        requireNotebookEnvironment(notebooks);

        Path out = replayDevnetSlice();
        Path executed = tmp.resolve("executed");
        Path log = tmp.resolve("run-notebooks.log");
        Process run = new ProcessBuilder(
                        "bash",
                        notebooks.resolve("run-notebooks.sh").toString(),
                        "--output",
                        out.toString(),
                        "--executed",
                        executed.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        boolean finished = run.waitFor(15, TimeUnit.MINUTES);
        if (!finished) {
            run.descendants().forEach(ProcessHandle::destroyForcibly);
            run.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        System.out.print(output);
        assertThat(finished)
                .as("run-notebooks.sh finished within 15 minutes:%n%s", output)
                .isTrue();
        assertThat(run.exitValue())
                .as("run-notebooks.sh exit code:%n%s", output)
                .isZero();

        List<String> names = notebookNames(notebooks);
        assertThat(names).hasSizeGreaterThanOrEqualTo(5);
        for (String name : names) {
            assertThat(executed.resolve(name + ".ipynb"))
                    .as("executed copy of %s", name)
                    .isRegularFile();
            try (Stream<Path> files = Files.list(executed)) {
                assertThat(files.map(p -> p.getFileName().toString())
                                .filter(f -> f.startsWith(name + "-") && f.endsWith(".png")))
                        .as("PNGs saved by %s; run-notebooks.sh said:%n%s", name, output)
                        .isNotEmpty();
            }
        }
    }

    /** Skips (or, where FVM_REPLAY_REQUIRE_NOTEBOOKS is set, fails) when setup-venv.sh has not been run. */
    private static void requireNotebookEnvironment(Path notebooks) {
        if (Files.isExecutable(notebooks.resolve(".venv/bin/jupyter-execute"))) {
            return;
        }
        String message = "no notebook environment in " + notebooks.resolve(".venv")
                + ": run notebooks/setup-venv.sh to create it (needs python3)";
        String required = System.getenv("FVM_REPLAY_REQUIRE_NOTEBOOKS");
        if (required != null && !required.isBlank()) {
            fail(message + " (FVM_REPLAY_REQUIRE_NOTEBOOKS is set, so the notebooks must run)");
        }
        assumeTrue(false, message);
    }

    /** Imports devnet-a and replays epochs 300–400 into a run folder, in-process like the other job tests. */
    private static Path replayDevnetSlice() {
        Path store = DevnetChains.importInto("devnet-a", tmp.resolve("store"));
        Path out = tmp.resolve("out");
        List<String> args = new ArrayList<>(List.of(
                "job",
                "--store",
                store.toString(),
                "--network",
                DevnetChains.network("devnet-a").toString(),
                "--from",
                "300",
                "--to",
                "400",
                "--chunk-epochs",
                "25",
                "--engine",
                "wasmtime",
                "--parallelism",
                "2",
                "--out",
                out.toString(),
                "--no-progress"));
        args.addAll(List.of("--price-list", repositoryRoot().resolve(STUDY).toString()));
        StringWriter sink = new StringWriter();
        CommandLine cli = FvmReplay.commandLine();
        cli.setOut(new PrintWriter(sink, true));
        cli.setErr(new PrintWriter(sink, true));
        assertThat(cli.execute(args.toArray(String[]::new))).as("%s", sink).isZero();
        return out;
    }

    private static List<String> notebookNames(Path notebooks) throws Exception {
        try (Stream<Path> files = Files.list(notebooks)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(f -> f.endsWith(".ipynb"))
                    .map(f -> f.substring(0, f.length() - ".ipynb".length()))
                    .sorted()
                    .toList();
        }
    }

    /** The repository root: the first folder up from the working folder (the module's, under Maven) with notebooks/. */
    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("notebooks/run-notebooks.sh"))) {
                return dir;
            }
        }
        throw new IllegalStateException(
                "no notebooks/run-notebooks.sh above " + Path.of("").toAbsolutePath());
    }
}
