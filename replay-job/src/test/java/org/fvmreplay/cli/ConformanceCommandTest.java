package org.fvmreplay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Runs {@code fvm-replay conformance} in process on real vectors from {@code ../shared/vectors}. */
class ConformanceCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** An nv18 vector that passes today (no crypto syscalls). */
    private static final String PASSING_ID = "ext-0002-fil_10_verifiedregistry-AddVerifiedClient-Ok-1";

    private static Path shared() {
        return Path.of(System.getProperty("fvmreplay.shared", "../../shared"));
    }

    private static Path passingVector() {
        Path file = shared().resolve(
                        "vectors/corpus/extracted/0002-hygge-01/fil_10_verifiedregistry/AddVerifiedClient/Ok/"
                                + PASSING_ID + ".json");
        assertThat(file).as("shared data (set -Dfvmreplay.shared)").isRegularFile();
        return file;
    }

    private static String actors() {
        return shared().resolve("actors").toString();
    }

    @Test
    void passingVectorPrintsPassSummaryReportAndTraceWhoseChargesSumToGasUsed(@TempDir Path dir) throws IOException {
        Path report = dir.resolve("report.json");
        Path traces = dir.resolve("traces");
        Result result = run(
                "conformance",
                "--actors",
                actors(),
                "--report",
                report.toString(),
                "--trace-dir",
                traces.toString(),
                passingVector().toString());

        assertThat(result.exitCode).isZero();
        assertThat(result.out.lines().toList())
                .containsExactly("PASS " + PASSING_ID + " ohsnap", "1 passed, 0 failed, 0 skipped");

        JsonNode json = JSON.readTree(report.toFile());
        assertThat(json.path("mode").asText()).isEqualTo("conformance");
        assertThat(json.path("summary").path("passed").asInt()).isEqualTo(1);
        JsonNode variant = json.path("variants").get(0);
        assertThat(variant.path("vector").asText()).isEqualTo(PASSING_ID);
        assertThat(variant.path("status").asText()).isEqualTo("PASS");
        assertThat(variant.path("expected_root").asText())
                .isEqualTo(variant.path("actual_root").asText())
                .startsWith("bafy");
        JsonNode message = variant.path("messages").get(0);
        assertThat(message.path("expected").path("exit_code").asLong())
                .isEqualTo(message.path("actual").path("exit_code").asLong())
                .isZero();
        long gasUsed = message.path("actual").path("gas_used").asLong();
        assertThat(gasUsed)
                .isEqualTo(message.path("expected").path("gas_used").asLong())
                .isPositive();
        assertThat(message.path("gas_difference").asLong()).isZero();
        assertThat(message.has("gas_limit")).isTrue();

        Path trace = traces.resolve(PASSING_ID + ".ohsnap.jsonl");
        List<JsonNode> records = Files.readAllLines(trace).stream()
                .map(ConformanceCommandTest::parse)
                .toList();
        assertThat(records.get(0).path("type").asText()).isEqualTo("message");
        assertThat(records.get(0).path("gas_used").asLong()).isEqualTo(gasUsed);
        long milligas = records.stream()
                .filter(r -> r.path("type").asText().equals("charge"))
                .mapToLong(r -> r.path("compute_milligas").asLong()
                        + r.path("storage_milligas").asLong())
                .sum();
        // receipts round milligas up to whole gas
        assertThat((milligas + 999) / 1000).isEqualTo(gasUsed);
        assertThat(records)
                .anySatisfy(r -> assertThat(r.path("syscall").asText()).isEqualTo("ipld::block_open"));
        assertThat(records).anySatisfy(r -> {
            assertThat(r.path("type").asText()).isEqualTo("call");
            assertThat(r.path("depth").asInt()).isZero();
            assertThat(r.path("method").asLong()).isEqualTo(4);
        });
        long calls = records.stream()
                .filter(r -> r.path("type").asText().equals("call"))
                .count();
        long returns = records.stream()
                .filter(r -> r.path("type").asText().equals("return"))
                .count();
        assertThat(calls).isEqualTo(returns).isPositive();
    }

    @Test
    void folderWithAFailingVariantAndMalformedJsonReportsBothAndGoesOn(@TempDir Path dir) throws IOException {
        // the passing vector with a wrong expected gas: a deterministic FAIL that does not depend on unfinished
        // syscalls
        ObjectNode vector = (ObjectNode) JSON.readTree(passingVector().toFile());
        ObjectNode receipt =
                (ObjectNode) vector.path("postconditions").path("receipts").get(0);
        receipt.put("gas_used", receipt.path("gas_used").asLong() + 1);
        ((ObjectNode) vector.path("_meta")).put("id", "wrong-gas");
        JSON.writeValue(dir.resolve("b-wrong-gas.json").toFile(), vector);
        Files.writeString(dir.resolve("a-malformed.json"), "{\"class\": \"message\", ");
        Path report = dir.resolve("out/report.json");
        Files.createDirectories(report.getParent());

        Result result = run(
                "conformance", "--actors", actors(), "--no-progress", "--report", report.toString(), dir.toString());

        assertThat(result.exitCode).isEqualTo(ConformanceCommand.EXIT_FAILED);
        List<String> lines = result.out.lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0))
                .startsWith("FAIL a-malformed.json - cannot read vector: ")
                .contains("malformed JSON at line 1");
        assertThat(lines.get(1)).startsWith("FAIL wrong-gas ohsnap message 0: expected exit=0 gas=");
        assertThat(lines.get(2)).isEqualTo("0 passed, 2 failed, 0 skipped");

        JsonNode json = JSON.readTree(report.toFile());
        assertThat(json.path("summary").path("failed").asInt()).isEqualTo(2);
        JsonNode failing = json.path("variants").get(1);
        assertThat(failing.path("status").asText()).isEqualTo("FAIL");
        assertThat(failing.path("reason").asText()).contains("message 0");
        assertThat(failing.path("messages").get(0).path("gas_difference").asLong())
                .isEqualTo(-1);
        assertThat(json.path("variants").get(0).path("reason").asText()).contains("malformed JSON");
    }

    @Test
    void repricingUnderNetworkVersion17ReportsGasBeforeAndAfter(@TempDir Path dir) throws IOException {
        Path report = dir.resolve("reprice.json");
        Result result = run(
                "conformance",
                "--actors",
                actors(),
                "--price-nv",
                "17",
                "--report",
                report.toString(),
                passingVector().toString());

        List<String> lines = result.out.lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).matches("REPRICED " + PASSING_ID + " ohsnap before=\\d+ after=\\d+ delta=[+-]\\d+.*");
        assertThat(lines.get(1))
                .startsWith("1 repriced (prices of network version 17), 0 skipped, 0 errors; gas before ");
        assertThat(result.exitCode).isZero();

        JsonNode variant = JSON.readTree(report.toFile()).path("variants").get(0);
        assertThat(variant.path("status").asText()).isEqualTo("REPRICED");
        JsonNode message = variant.path("messages").get(0);
        // before is this engine under the vector's own prices, which reproduces the recorded receipt
        assertThat(message.path("gas_before").asLong())
                .isEqualTo(message.path("recorded_gas_used").asLong());
        assertThat(message.path("gas_after").asLong())
                .isNotEqualTo(message.path("gas_before").asLong());
        assertThat(variant.path("delta").asLong())
                .isEqualTo(message.path("gas_after").asLong()
                        - message.path("gas_before").asLong());
        // Skyr prices cost this message more than its limit: the report says it runs out of gas
        assertThat(message.path("out_of_gas").asBoolean())
                .isEqualTo(message.path("exit_code_after").asInt() == 7);
        assertThat(lines.get(0).contains("OUT_OF_GAS=0"))
                .isEqualTo(message.path("out_of_gas").asBoolean());
    }

    @Test
    void aSecondRunWithTheCodeCacheCompilesNothingAndPassesTheSame(@TempDir Path dir) throws IOException {
        Path cache = dir.resolve("code");
        for (String engine : List.of("chicory", "wasmtime")) {
            String[] args = {
                "conformance",
                "--engine",
                engine,
                "--code-cache",
                cache.toString(),
                "--actors",
                actors(),
                passingVector().toString()
            };
            Result first = run(args);
            assertThat(first.exitCode).as(first.err).isZero();
            Map<Path, FileTime> written = compiledCode(cache);
            assertThat(written).isNotEmpty();

            // the next process (a fresh engine) finds every module it needs: nothing is compiled or written again
            Result second = run(args);
            assertThat(second.exitCode).isZero();
            assertThat(second.out).isEqualTo(first.out);
            assertThat(compiledCode(cache)).isEqualTo(written);
        }
        assertThat(cache.resolve("wasmtime")).isDirectory();
        try (var entries = Files.list(cache)) {
            // Chicory's classes in a folder of its version, since Chicory keys them by the module alone
            assertThat(entries.map(p -> p.getFileName().toString()).sorted())
                    .hasSize(2)
                    .satisfies(names -> assertThat(names.get(0)).matches("chicory-\\d+\\.\\d+\\.\\d+.*"))
                    .endsWith("wasmtime");
        }
    }

    // each compiled module in the cache with its modification time (not wasmtime's usage statistics and settings)
    private static Map<Path, FileTime> compiledCode(Path cache) throws IOException {
        Map<Path, FileTime> files = new TreeMap<>();
        try (var walk = Files.walk(cache)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                String name = p.getFileName().toString();
                if (!name.endsWith(".stats") && !name.endsWith(".toml") && !name.startsWith(".")) {
                    files.put(p, Files.getLastModifiedTime(p));
                }
            }
        }
        return files;
    }

    @Test
    void badOptionsAreUsageErrors(@TempDir Path dir) {
        String vector = passingVector().toString();
        assertThat(run("conformance", "--engine", "v8", vector)).satisfies(r -> {
            assertThat(r.exitCode).isEqualTo(CommandLine.ExitCode.USAGE);
            assertThat(r.err).contains("--engine").contains("chicory, wasmtime");
        });
        assertThat(run("conformance", dir.resolve("missing").toString())).satisfies(r -> {
            assertThat(r.exitCode).isEqualTo(CommandLine.ExitCode.USAGE);
            assertThat(r.err).contains("no such file or directory: " + dir.resolve("missing"));
        });
        assertThat(run("conformance", "--price-nv", "99", vector)).satisfies(r -> {
            assertThat(r.exitCode).isEqualTo(CommandLine.ExitCode.USAGE);
            assertThat(r.err).contains("network version 99 is not supported");
        });
        // a vector is no override file: the error names both options and what is wrong with the file
        assertThat(run("conformance", "--price-nv", "17", "--price-list", vector, vector))
                .satisfies(r -> {
                    assertThat(r.exitCode).isEqualTo(CommandLine.ExitCode.USAGE);
                    assertThat(r.err)
                            .contains("--price-nv 17 --price-list " + vector)
                            .contains("unknown");
                });
        assertThat(run("conformance", "--price-list", dir.resolve("none.json").toString(), vector).exitCode)
                .isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(run("conformance").exitCode).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(run("conformance", "--no-such-option", vector).exitCode).isEqualTo(CommandLine.ExitCode.USAGE);
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new AssertionError("trace line is not JSON: " + line, e);
        }
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
