package org.fvmreplay.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.fvmreplay.ipld.cid.Cid;
import org.fvmreplay.snapshots.SnapshotRecord;
import org.fvmreplay.snapshots.SnapshotStatus;
import org.fvmreplay.snapshots.SnapshotStore;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** kill -9 in the middle of an import, rerun: the store ends with exactly the blocks of an uninterrupted import. */
class KillAndResumeTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(BulkMode.class)
    void killedImportResumesToTheSameBlocks(BulkMode mode) throws Exception {
        Path car = tmp.resolve("synthetic.car");
        SyntheticCar.Stats stats = SyntheticCar.write(car, 40L << 20, 42);
        Path store = tmp.resolve("store");

        Process child = startChild(store, car, stats.blocks() / 3, mode);
        long seen = 0;
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("progress ")) {
                    seen = Long.parseLong(line.substring(9));
                    if (seen > stats.blocks() / 2) {
                        break;
                    }
                }
            }
            child.destroyForcibly(); // SIGKILL: no shutdown hooks, no RocksDB close
            child.waitFor();
        }
        assertThat(seen)
                .as("the child got half-way before it was killed")
                .isGreaterThan(stats.blocks() / 2)
                .isLessThan(stats.blocks());
        assertResumesToTheSameBlocks(car, stats, store, mode, Long.MAX_VALUE);
    }

    /**
     * The SST path's crash windows: the process dies after the SST files of its third load are
     * written but before they are ingested (they stay in the staging directory), or after they are
     * ingested but before the checkpoint records them. Either way the checkpoint is the previous
     * load's, and the resumed import ends with the blocks of an uninterrupted one.
     */
    @ParameterizedTest
    @ValueSource(strings = {"written", "ingested"})
    void sstLoadKilledBeforeItsCheckpointResumesToTheSameBlocks(String step) throws Exception {
        Path car = tmp.resolve("synthetic.car");
        SyntheticCar.Stats stats = SyntheticCar.write(car, 8L << 20, 7);
        Path store = tmp.resolve("store");

        Process child = startChild(store, car, Long.MAX_VALUE, BulkMode.SST, step + ":3");
        List<String> lines = new ArrayList<>();
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                lines.add(line);
            }
        }
        assertThat(child.waitFor()).isEqualTo(137);
        String halt =
                lines.stream().filter(l -> l.startsWith("halt ")).findFirst().orElseThrow();
        long haltedAt = Long.parseLong(halt.substring(halt.lastIndexOf(' ') + 1));
        assertThat(lines).doesNotContain("done");

        Path staging = store.resolve("ingest");
        try (Stream<Path> files = Files.list(staging)) {
            long sstFiles = files.filter(p -> p.toString().endsWith(".sst")).count();
            // written: one file per shard waits for ingestion; ingested: RocksDB moved them away
            assertThat(sstFiles).isEqualTo(step.equals("written") ? 2 : 0);
        }
        assertResumesToTheSameBlocks(car, stats, store, BulkMode.SST, haltedAt);
        try (Stream<Path> files = Files.list(staging)) {
            assertThat(files.count())
                    .as("staging directory after the resumed import")
                    .isZero();
        }
    }

    /** Resumes the import in {@code store} and compares its blocks with a fresh, uninterrupted import. */
    private void assertResumesToTheSameBlocks(
            Path car, SyntheticCar.Stats stats, Path store, BulkMode mode, long checkpointBefore) {
        String key = car.toAbsolutePath().normalize().toString();
        Set<Cid> resumed;
        try (SnapshotStore opened = SnapshotStore.open(store)) {
            SnapshotRecord partial = opened.catalogue().get(key).orElseThrow();
            assertThat(partial.status()).isEqualTo(SnapshotStatus.PARTIAL);
            assertThat(partial.checkpointOffset())
                    .isPositive()
                    .isLessThan(stats.fileBytes())
                    .isLessThan(checkpointBefore);
            ImportResult result = new SnapshotImporter(
                            opened, ImportOptions.defaults().withBulkMode(mode))
                    .importFile(car, ImportListener.NONE);
            assertThat(result.outcome()).isEqualTo(ImportResult.Outcome.RESUMED);
            assertThat(result.blocksWritten()).isLessThan(stats.blocks());
            assertThat(result.record().blockCount()).isEqualTo(stats.blocks());
            assertThat(result.record().blockBytes()).isEqualTo(stats.blockBytes());
            resumed = TestData.storedCids(opened);
        }
        Set<Cid> uninterrupted;
        try (SnapshotStore fresh = SnapshotStore.open(tmp.resolve("fresh"), 2)) {
            new SnapshotImporter(fresh, ImportOptions.defaults().withBulkMode(mode))
                    .importFile(car, ImportListener.NONE);
            uninterrupted = TestData.storedCids(fresh);
        }
        assertThat(uninterrupted).hasSize((int) stats.blocks());
        assertThat(resumed).isEqualTo(uninterrupted);
    }

    private static Process startChild(Path store, Path car, long slowAfter, BulkMode mode, String... extra)
            throws IOException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(
                java.toString(),
                "-cp",
                classpath,
                ImportChild.class.getName(),
                store.toString(),
                car.toString(),
                Long.toString(slowAfter),
                mode.toString()));
        command.addAll(List.of(extra));
        return new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
    }
}
