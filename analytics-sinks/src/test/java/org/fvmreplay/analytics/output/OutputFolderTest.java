package org.fvmreplay.analytics.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.fvmreplay.analytics.DuckDb;
import org.fvmreplay.analytics.Fixtures;
import org.fvmreplay.analytics.parquet.ParquetSettings;
import org.fvmreplay.analytics.rows.CallRow;
import org.fvmreplay.analytics.rows.MessageRow;
import org.fvmreplay.analytics.schema.Schemas;
import org.fvmreplay.analytics.schema.Table;
import org.fvmreplay.analytics.schema.Tables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Commit, abort and resume: what a killed or rerun replay leaves in the folder. */
class OutputFolderTest {
    private static final Map<String, String> IDENTITY =
            Map.of("store", "/data/store", "engine", "chicory", "prices", "default", "chunk_size", "10");
    private static final List<Table<?>> TABLES = List.of(Tables.MESSAGES, Tables.CALLS);
    private static final EpochChunk CHUNK = new EpochChunk(0, 9);

    @TempDir
    Path dir;

    @Test
    void createsTheLayoutOnFirstUse() throws Exception {
        Path out = dir.resolve("out/run");
        OutputFolder folder = OutputFolder.open(out, IDENTITY, TABLES);
        assertThat(names(out)).containsExactly("SCHEMA.md", "_manifests", "_run.json", "calls", "messages");
        assertThat(Files.readString(out.resolve("SCHEMA.md"))).isEqualTo(Schemas.markdown());
        String run = Files.readString(out.resolve("_run.json"));
        assertThat(run)
                .contains("\"engine\" : \"chicory\"")
                .contains("\"tables\" : [ \"messages\", \"calls\" ]")
                .contains("\"schema_sha256\"");
        assertThat(folder.identity()).isEqualTo(new TreeMap<>(IDENTITY));
        assertThat(folder.finishedChunks()).isEmpty();
    }

    @Test
    void commitMovesEveryTableFileIntoPlaceAndWritesTheManifestLast() throws Exception {
        OutputFolder folder = OutputFolder.open(dir, IDENTITY, TABLES);
        ChunkManifest manifest;
        try (ChunkWriter chunk = folder.open(0, 9)) {
            assertThat(chunk.writes(Tables.MESSAGES)).isTrue();
            assertThat(chunk.writes(Tables.EVENTS)).isFalse();
            writeMessages(chunk, 0, 3);
            // not selected: dropped
            chunk.write(Tables.EVENTS, (org.fvmreplay.analytics.rows.EventRow) Fixtures.full(Tables.EVENTS, 1, 1));
            assertThat(folder.isFinished(CHUNK)).isFalse();
            assertThat(files(dir.resolve("messages"))).isEmpty();
            manifest = chunk.commit(List.of(
                    new ChunkManifest.TipsetRoots(0, "MATCH", "bafy-a", "bafy-a"),
                    new ChunkManifest.TipsetRoots(1, "MIGRATION", null, "bafy-b")));
        }
        assertThat(files(dir.resolve("messages"))).containsExactly("epochs-000000000-000000009.parquet");
        assertThat(files(dir.resolve("calls"))).containsExactly("epochs-000000000-000000009.parquet");
        assertThat(names(dir)).doesNotContain("events");
        assertThat(files(dir.resolve("_staging"))).isEmpty();
        assertThat(manifest.rows("messages")).isEqualTo(3);
        assertThat(manifest.rows("calls")).isZero();
        assertThat(manifest.tables().get("messages").file()).isEqualTo("messages/epochs-000000000-000000009.parquet");
        assertThat(folder.isFinished(CHUNK)).isTrue();
        assertThat(folder.finishedChunks()).containsExactly(manifest);
        assertThat(Files.readString(dir.resolve("_manifests/epochs-000000000-000000009.json")))
                .contains("\"from_epoch\" : 0")
                .contains("\"to_epoch\" : 9")
                .contains("\"computed_state_root\" : null")
                .contains("\"status\" : \"MIGRATION\"");
        assertThat(count("messages")).isEqualTo(3);
    }

    @Test
    void anAbortedChunkLeavesNothing() throws Exception {
        OutputFolder folder = OutputFolder.open(dir, IDENTITY, TABLES);
        try (ChunkWriter chunk = folder.open(0, 9)) {
            writeMessages(chunk, 0, 5);
            chunk.abort();
            assertThatThrownBy(() -> writeMessages(chunk, 5, 1))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("aborted");
        }
        try (ChunkWriter chunk = folder.open(10, 19)) {
            writeMessages(chunk, 0, 5);
            // closed without commit: aborted
        }
        assertThat(files(dir.resolve("messages"))).isEmpty();
        assertThat(files(dir.resolve("_staging"))).isEmpty();
        assertThat(folder.finishedChunks()).isEmpty();
    }

    @Test
    void reopeningDeletesWhatAKilledRunLeft() throws Exception {
        OutputFolder folder = OutputFolder.open(dir, IDENTITY, TABLES);
        try (ChunkWriter chunk = folder.open(0, 9)) {
            writeMessages(chunk, 0, 2);
            chunk.commit(List.of());
        }
        // killed while writing a chunk: its staging folder stays
        ChunkWriter killed = folder.open(10, 19);
        writeMessages(killed, 0, 4);
        // killed half-way through a commit: a file moved into place, no manifest
        Files.copy(folder.tableFile(Tables.MESSAGES, CHUNK), folder.tableFile(Tables.MESSAGES, new EpochChunk(20, 29)));
        assertThat(files(dir.resolve("_staging"))).hasSize(1);

        OutputFolder reopened = OutputFolder.open(dir, IDENTITY, TABLES);
        assertThat(files(dir.resolve("_staging"))).isEmpty();
        assertThat(files(dir.resolve("messages"))).containsExactly("epochs-000000000-000000009.parquet");
        assertThat(reopened.finishedChunkRanges()).containsExactly(CHUNK);
        assertThat(count("messages")).isEqualTo(2);
        killed.abort();
    }

    @Test
    void recommittingAChunkReplacesItsRows() throws Exception {
        OutputFolder folder = OutputFolder.open(dir, IDENTITY, TABLES);
        try (ChunkWriter chunk = folder.open(0, 9)) {
            writeMessages(chunk, 0, 3);
            chunk.write(Tables.CALLS, (CallRow) Fixtures.full(Tables.CALLS, 1, 1));
            chunk.commit(List.of());
        }
        OutputFolder rerun = OutputFolder.open(dir, IDENTITY, TABLES);
        assertThat(rerun.isFinished(CHUNK)).isTrue();
        try (ChunkWriter chunk = rerun.open(0, 9)) {
            writeMessages(chunk, 100, 2);
            chunk.commit(List.of());
        }
        assertThat(count("messages")).isEqualTo(2);
        assertThat(count("calls")).isZero();
        assertThat(DuckDb.query("SELECT min(nonce) FROM read_parquet("
                        + DuckDb.literal(dir.resolve("messages/*.parquet")) + ")"))
                .containsExactly(List.of(100L));
        assertThat(rerun.finishedChunks())
                .singleElement()
                .satisfies(m -> assertThat(m.rows("messages")).isEqualTo(2));
    }

    @Test
    void aFailedCommitLeavesTheChunkUnfinished() throws Exception {
        OutputFolder folder = OutputFolder.open(dir, IDENTITY, TABLES);
        try (ChunkWriter chunk = folder.open(0, 9)) {
            writeMessages(chunk, 0, 1);
            // a tipset outside the chunk is a caller's bug: the commit fails before anything is final
            assertThatThrownBy(() -> chunk.commit(List.of(new ChunkManifest.TipsetRoots(10, "MATCH", "a", "a"))))
                    .hasMessageContaining("not in chunk");
            assertThatThrownBy(() -> chunk.commit(List.of())).isInstanceOf(IllegalStateException.class);
        }
        assertThat(folder.isFinished(CHUNK)).isFalse();
        assertThat(files(dir.resolve("messages"))).isEmpty();
        assertThat(files(dir.resolve("_staging"))).isEmpty();
    }

    @Test
    void chunksMustNotOverlapFinishedOnes() throws Exception {
        OutputFolder folder = OutputFolder.open(dir, IDENTITY, TABLES);
        try (ChunkWriter chunk = folder.open(0, 9)) {
            chunk.commit(List.of());
        }
        assertThatThrownBy(() -> folder.open(5, 14))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("overlaps finished chunk epochs-000000000-000000009");
        assertThatThrownBy(() -> folder.open(9, 8)).isInstanceOf(IllegalArgumentException.class);
        folder.open(10, 19).abort();
    }

    @Test
    void anotherRunsFolderIsRefusedAndLeftAsItWas() throws Exception {
        OutputFolder folder = OutputFolder.open(dir, IDENTITY, TABLES);
        try (ChunkWriter chunk = folder.open(0, 9)) {
            writeMessages(chunk, 0, 1);
            chunk.commit(List.of());
        }
        // staging content of a killed run of the folder: a refused open must not clean it either
        folder.open(10, 19);
        Map<String, String> before = snapshot(dir);

        Map<String, String> otherEngine = new TreeMap<>(IDENTITY);
        otherEngine.put("engine", "wasmtime");
        otherEngine.remove("prices");
        assertThatThrownBy(() -> OutputFolder.open(dir, otherEngine, TABLES))
                .isInstanceOf(OutputFolderException.class)
                .hasMessageContaining("belongs to another run")
                .hasMessageContaining("engine: 'chicory' there, 'wasmtime' now")
                .hasMessageContaining("prices: 'default' there, (not set) now")
                .hasMessageContaining("choose another output folder (--out), or delete " + dir.toAbsolutePath());
        assertThatThrownBy(() -> OutputFolder.open(dir, IDENTITY, List.of(Tables.MESSAGES)))
                .isInstanceOf(OutputFolderException.class)
                .hasMessageContaining("tables: [messages, calls] there, [messages] now");
        assertThatThrownBy(() -> OutputFolder.attach(dir, otherEngine, TABLES, ParquetSettings.DEFAULT))
                .isInstanceOf(OutputFolderException.class);
        assertThat(snapshot(dir)).isEqualTo(before);
    }

    @Test
    void aNonEmptyFolderThatIsNoRunIsRefusedAndLeftAsItWas() throws Exception {
        Files.writeString(dir.resolve("notes.txt"), "mine");
        Files.createDirectories(dir.resolve("messages"));
        Map<String, String> before = snapshot(dir);
        assertThatThrownBy(() -> OutputFolder.open(dir, IDENTITY, TABLES))
                .isInstanceOf(OutputFolderException.class)
                .hasMessageContaining("is not empty and has no _run.json")
                .hasMessageContaining("messages, notes.txt")
                .hasMessageContaining("choose another output folder (--out)");
        assertThat(snapshot(dir)).isEqualTo(before);

        Path file = dir.resolve("notes.txt");
        assertThatThrownBy(() -> OutputFolder.open(file, IDENTITY, TABLES))
                .isInstanceOf(OutputFolderException.class)
                .hasMessageContaining("is a file");
    }

    @Test
    void attachedWritersLeaveEachOthersStagingAlone() throws Exception {
        assertThatThrownBy(() -> OutputFolder.attach(dir, IDENTITY, TABLES, ParquetSettings.DEFAULT))
                .isInstanceOf(OutputFolderException.class)
                .hasMessageContaining("has no _run.json");
        OutputFolder driver = OutputFolder.open(dir, IDENTITY, TABLES);
        OutputFolder first = OutputFolder.attach(dir, IDENTITY, TABLES, ParquetSettings.DEFAULT);
        ChunkWriter inProgress = first.open(0, 9);
        writeMessages(inProgress, 0, 2);
        OutputFolder second = OutputFolder.attach(dir, IDENTITY, TABLES, ParquetSettings.DEFAULT);
        try (ChunkWriter chunk = second.open(10, 19)) {
            writeMessages(chunk, 0, 1);
            chunk.commit(List.of());
        }
        inProgress.commit(List.of());
        assertThat(driver.finishedChunkRanges()).containsExactly(new EpochChunk(0, 9), new EpochChunk(10, 19));
        assertThat(count("messages")).isEqualTo(3);
    }

    @Test
    void manifestsReadBackAsWritten() throws Exception {
        OutputFolder folder = OutputFolder.open(dir, IDENTITY, Tables.ALL);
        ChunkManifest written;
        try (ChunkWriter chunk = folder.open(1000, 1099)) {
            written = chunk.commit(List.of(ChunkManifest.TipsetRoots.of(
                    (org.fvmreplay.analytics.rows.TipsetRow) Fixtures.full(Tables.TIPSETS, 1000, 1))));
        }
        assertThat(OutputFolder.open(dir, IDENTITY, Tables.ALL).manifest(new EpochChunk(1000, 1099)))
                .contains(written);
        assertThat(written.tables().keySet()).containsExactlyElementsOf(Tables.names());
    }

    private static void writeMessages(ChunkWriter chunk, int firstNonce, int count) throws IOException {
        for (int i = 0; i < count; i++) {
            MessageRow m =
                    (MessageRow) Fixtures.full(Tables.MESSAGES, chunk.chunk().fromEpoch(), i + 1);
            chunk.write(
                    Tables.MESSAGES,
                    new MessageRow(
                            m.messageCid(),
                            m.signedCid(),
                            m.blockCid(),
                            m.inclusionEpoch(),
                            m.executionEpoch(),
                            m.receiptEpoch(),
                            m.indexInTipset(),
                            m.executionIndex(),
                            m.implicit(),
                            m.implicitKind(),
                            m.fromAddress(),
                            m.fromId(),
                            m.toAddress(),
                            m.toId(),
                            m.toActorType(),
                            m.method(),
                            m.methodName(),
                            m.value(),
                            m.params(),
                            firstNonce + i,
                            m.gasLimit(),
                            m.gasFeeCap(),
                            m.gasPremium(),
                            m.exitCode(),
                            m.gasUsed(),
                            m.returnData(),
                            m.baseFeeBurn(),
                            m.overEstimationBurn(),
                            m.minerPenalty(),
                            m.minerTip(),
                            m.refund(),
                            m.eventsRoot(),
                            m.eventCount(),
                            m.failureInfo(),
                            m.decodeError()));
        }
    }

    private long count(String table) {
        return (Long) DuckDb.value("SELECT count(*) FROM read_parquet("
                + DuckDb.literal(dir.resolve(table).resolve("*.parquet")) + ")");
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static List<String> files(Path dir) throws IOException {
        return Files.isDirectory(dir) ? names(dir) : List.of();
    }

    /** Every path under {@code root} with the SHA-256 of its content ("dir" for folders). */
    private static Map<String, String> snapshot(Path root) throws Exception {
        Map<String, String> snapshot = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.toList()) {
                snapshot.put(
                        root.relativize(p).toString(),
                        Files.isDirectory(p)
                                ? "dir"
                                : HexFormat.of()
                                        .formatHex(MessageDigest.getInstance("SHA-256")
                                                .digest(Files.readAllBytes(p))));
            }
        }
        assertThat(snapshot.toString().getBytes(StandardCharsets.UTF_8)).isNotEmpty();
        return snapshot;
    }
}
