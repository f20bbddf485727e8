package org.fvmreplay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.luben.zstd.ZstdInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fvm-replay replay} in process on devnet-a, imported once for the class into a temporary store: a matching
 * range with its per-tipset lines, summary and JSON report, the head (no child to check against), and bad input that
 * must end with exit code 2 and write nothing.
 */
class ReplayCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;

    private static Path store;
    /** devnet-a's tipsets.jsonl by epoch. */
    private static Map<Long, JsonNode> records;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private static Path devnetA() {
        String property = System.getProperty("fvmreplay.shared");
        Path dir = property != null && !property.isBlank()
                ? Path.of(property)
                : Path.of("").toAbsolutePath().resolve("../../shared");
        return dir.resolve("chains").resolve("devnet-a").toAbsolutePath().normalize();
    }

    @BeforeAll
    static void importDevnet() throws IOException {
        store = tmp.resolve("store");
        assertThat(FvmReplay.commandLine()
                        .execute(
                                "import",
                                devnetA().resolve("chain.car.zst").toString(),
                                "--store",
                                store.toString(),
                                "--no-progress"))
                .isZero();
        records = new HashMap<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new ZstdInputStream(Files.newInputStream(devnetA().resolve("tipsets.jsonl.zst"))),
                StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (!line.isBlank()) {
                    JsonNode record = JSON.readTree(line);
                    records.put(record.get("epoch").asLong(), record);
                }
            }
        }
    }

    private int run(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        return FvmReplay.commandLine()
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(args);
    }

    private String[] replay(long from, long to, String... more) {
        List<String> args = new ArrayList<>(List.of(
                "replay",
                "--store",
                store.toString(),
                "--from",
                Long.toString(from),
                "--to",
                Long.toString(to),
                "--network",
                devnetA().resolve("manifest.json").toString(),
                "--no-progress",
                "--engine",
                "wasmtime"));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    private List<String> lines() {
        return out.toString().lines().toList();
    }

    @Test
    void replaysEpochs1To30AndReportsEachTipset() throws IOException {
        Path report = tmp.resolve("report-1-30.json");

        assertThat(run(replay(1, 30, "--report", report.toString())))
                .as(err.toString())
                .isZero();

        // devnet-a has a tipset at every epoch from 1 to 30, all under nv25
        List<String> lines = lines();
        assertThat(lines).hasSize(31);
        for (int epoch = 1; epoch <= 30; epoch++) {
            int messages = records.get(epoch + 1L).get("parent_messages").size();
            assertThat(lines.get(epoch - 1))
                    .isEqualTo("MATCH " + epoch + " nv25 state and receipts match (" + messages + " messages)");
        }
        assertThat(lines.get(30)).isEqualTo("30 matched, 0 mismatched, 0 skipped");
        assertThat(err.toString()).contains("replayed 30 tipsets (");

        JsonNode json = JSON.readTree(report.toFile());
        assertThat(json.get("summary").properties()).hasSize(1);
        assertThat(json.get("summary").get("MATCH").asInt()).isEqualTo(30);
        JsonNode tipsets = json.get("tipsets");
        assertThat(tipsets).hasSize(30);
        for (int i = 0; i < 30; i++) {
            JsonNode entry = tipsets.get(i);
            long epoch = i + 1;
            JsonNode child = records.get(epoch + 1);
            assertThat(entry.get("epoch").asLong()).isEqualTo(epoch);
            assertThat(entry.get("tipset")).isEqualTo(records.get(epoch).get("cids"));
            assertThat(entry.get("network_version").asInt()).isEqualTo(25);
            assertThat(entry.get("status").asText()).isEqualTo("MATCH");
            assertThat(entry.get("messages").asInt())
                    .isEqualTo(child.get("parent_messages").size());
            assertThat(entry.get("expected_state_root").asText())
                    .isEqualTo(child.get("parent_state_root").asText());
            assertThat(entry.get("computed_state_root").asText())
                    .isEqualTo(child.get("parent_state_root").asText());
            assertThat(entry.get("expected_receipts_root").asText())
                    .isEqualTo(child.get("parent_message_receipts").asText());
            assertThat(entry.get("computed_receipts_root").asText())
                    .isEqualTo(child.get("parent_message_receipts").asText());
            assertThat(entry.has("first_differing_receipt")).isFalse();
        }
        try (Stream<Path> files = Files.list(tmp)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void headHasNoChildAndIsSkipped() {
        // 723 is devnet-a's head: nothing records its results
        assertThat(run(replay(721, 800))).as(err.toString()).isZero();

        assertThat(lines())
                .containsExactly(
                        "MATCH 721 nv28 state and receipts match (0 messages)",
                        "MATCH 722 nv28 state and receipts match (0 messages)",
                        "MISSING_STATE 723 its child tipset is not in the store: the replay cannot be checked",
                        "2 matched, 0 mismatched, 1 skipped");
        assertThat(err.toString()).contains("1 MISSING_STATE");
    }

    private void assertUsageError(Path report, String message) {
        assertThat(err.toString()).contains(message);
        assertThat(out.toString()).isEmpty();
        assertThat(report).doesNotExist();
    }

    @Test
    void noSuchStore() {
        Path missing = tmp.resolve("no-such-store");
        Path report = tmp.resolve("r-missing.json");

        assertThat(run(
                        "replay",
                        "--store",
                        missing.toString(),
                        "--from",
                        "1",
                        "--to",
                        "2",
                        "--report",
                        report.toString()))
                .isEqualTo(2);

        assertUsageError(report, "--store " + missing + ": no such directory");
        assertThat(missing).doesNotExist();
    }

    @Test
    void directoryThatIsNotAStoreIsRefusedAndLeftEmpty() throws IOException {
        Path empty = Files.createDirectory(tmp.resolve("empty"));
        Path report = tmp.resolve("r-empty.json");

        assertThat(run(
                        "replay",
                        "--store",
                        empty.toString(),
                        "--from",
                        "1",
                        "--to",
                        "2",
                        "--report",
                        report.toString()))
                .isEqualTo(2);

        assertUsageError(report, "--store " + empty + ": not a store");
        try (Stream<Path> files = Files.list(empty)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void toBeforeFrom() {
        Path report = tmp.resolve("r-order.json");

        assertThat(run(replay(30, 1, "--report", report.toString()))).isEqualTo(2);

        assertUsageError(report, "--from 30 --to 1: expected 0 <= from <= to");
    }

    @Test
    void rangeWithoutTipsets() {
        // 318 and 319 are null rounds of devnet-a; genesis (0) is not executed; 900 is above the head
        for (long[] range : new long[][] {{318, 319}, {0, 0}, {900, 1000}}) {
            Path report = tmp.resolve("r-empty-range-" + range[0] + ".json");

            assertThat(run(replay(range[0], range[1], "--report", report.toString())))
                    .isEqualTo(2);

            assertUsageError(
                    report,
                    "error: the store's chain index has no tipset between epochs " + range[0] + " and " + range[1]);
        }
    }

    @Test
    void unknownNetworkWithoutNetworkFile() {
        Path report = tmp.resolve("r-network.json");

        assertThat(run(
                        "replay",
                        "--store",
                        store.toString(),
                        "--from",
                        "1",
                        "--to",
                        "2",
                        "--no-progress",
                        "--report",
                        report.toString()))
                .isEqualTo(2);

        assertUsageError(report, "error: the store's genesis is neither mainnet's nor calibnet's: pass --network FILE");
    }

    @Test
    void malformedNetworkFile() throws IOException {
        Path network = Files.writeString(tmp.resolve("network.json"), "{\"network_name\": \"testing\"}");
        Path report = tmp.resolve("r-bad-network.json");

        assertThat(run(
                        "replay",
                        "--store",
                        store.toString(),
                        "--from",
                        "1",
                        "--to",
                        "2",
                        "--network",
                        network.toString(),
                        "--no-progress",
                        "--report",
                        report.toString()))
                .isEqualTo(2);

        assertUsageError(
                report,
                "error: --network " + network + ": network configuration " + network
                        + ": upgrade_schedule (a list) is missing");
        assertThat(err.toString()).doesNotContain("Exception", "\tat ");
    }
}
