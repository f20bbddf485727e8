package org.fvmreplay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class InspectCommandTest {
    private static Path snapshot(String name) {
        String shared = System.getProperty("fvmreplay.shared", "../../shared");
        Path file = Path.of(shared).resolve("snapshots").resolve(name);
        assertThat(file).as("shared data (set -Dfvmreplay.shared)").isRegularFile();
        return file;
    }

    @Test
    void inspectsChain4() {
        Result result = run("inspect", snapshot("chain4.car").toString());
        assertThat(result.exitCode).isZero();
        assertThat(result.err).isEmpty();
        assertThat(result.out)
                .contains("format:         CARv1")
                .contains("roots:          1\n    bafy2bzacedjrqan2fwfvhfopi64yickki7miiksecglpeiavf7xueytnzevlu")
                .contains("blocks:         1222")
                .contains("codecs:         dag-cbor 1222")
                .contains("hash functions: blake2b-256 1221, sha2-256 1")
                .contains("total 1059169, min 1, max 10594")
                .contains("verified 1222/1222 blocks");
    }

    @Test
    void inspectsCborCodecBlocks() {
        Path shared = Path.of(System.getProperty("fvmreplay.shared", "../../shared"));
        Result result =
                run("inspect", shared.resolve("cases/car-cbor-0x51-codec.car").toString());
        assertThat(result.exitCode).isZero();
        assertThat(result.err).isEmpty();
        assertThat(result.out)
                .contains("blocks:         2", "codecs:         cbor 1, dag-cbor 1", "verified 2/2 blocks");
    }

    @Test
    void namesTheFormatOfEachVariant() {
        Result result = run(
                "inspect",
                snapshot("chain4.car.zst").toString(),
                snapshot("chain4.forest.car.zst").toString(),
                snapshot("carv2.car.zst").toString());
        assertThat(result.exitCode).isZero();
        assertThat(result.out)
                .contains("format:         zstd CARv1", "format:         forest", "format:         zstd CARv2");
        assertThat(result.out.split("verified 1222/1222 blocks", -1)).hasSize(3);
    }

    @Test
    void truncatedFileIsAnErrorNamingFileAndOffset(@TempDir Path dir) throws IOException {
        byte[] car = Files.readAllBytes(snapshot("chain4.car"));
        Path truncated = dir.resolve("truncated.car");
        Files.write(truncated, Arrays.copyOf(car, car.length - 100));
        Result result = run("inspect", truncated.toString());
        assertThat(result.exitCode).isEqualTo(InspectCommand.EXIT_BAD_INPUT);
        assertThat(result.out).isEmpty();
        assertThat(result.err)
                .contains("error: " + truncated + ": truncated section")
                .containsPattern("at byte \\d+");
    }

    @Test
    void missingFileIsAnError(@TempDir Path dir) {
        Result result = run("inspect", dir.resolve("nothing.car").toString());
        assertThat(result.exitCode).isEqualTo(InspectCommand.EXIT_BAD_INPUT);
        assertThat(result.err).contains("nothing.car: no such file");
    }

    @Test
    void noFilesIsAUsageError() {
        Result result = run("inspect");
        assertThat(result.exitCode).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(result.err).contains("FILE");
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = FvmReplay.commandLine();
        command.setOut(new PrintWriter(out));
        command.setErr(new PrintWriter(err));
        int code = command.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    private record Result(int exitCode, String out, String err) {}
}
