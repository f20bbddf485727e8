package org.fvmreplay.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.fvmreplay.ipld.cid.Cid;
import org.fvmreplay.snapshots.SnapshotRecord;
import org.fvmreplay.snapshots.SnapshotStatus;
import org.fvmreplay.snapshots.SnapshotStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kill -9 in the middle of an import, rerun: the store ends with exactly the blocks of an uninterrupted import. */
class KillAndResumeTest {
    @TempDir
    Path tmp;

    @Test
    void killedImportResumesToTheSameBlocks() throws Exception {
        Path car = tmp.resolve("synthetic.car");
        SyntheticCar.Stats stats = SyntheticCar.write(car, 40L << 20, 42);
        Path store = tmp.resolve("store");

        Process child = startChild(store, car, stats.blocks() / 3);
        long seen = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
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
        assertThat(seen).as("the child got half-way before it was killed").isGreaterThan(stats.blocks() / 2).isLessThan(stats.blocks());

        String key = car.toAbsolutePath().normalize().toString();
        Set<Cid> resumed;
        try (SnapshotStore opened = SnapshotStore.open(store)) {
            SnapshotRecord partial = opened.catalogue().get(key).orElseThrow();
            assertThat(partial.status()).isEqualTo(SnapshotStatus.PARTIAL);
            assertThat(partial.checkpointOffset()).isPositive().isLessThan(stats.fileBytes());
            ImportResult result = new SnapshotImporter(opened, ImportOptions.defaults()).importFile(car, ImportListener.NONE);
            assertThat(result.outcome()).isEqualTo(ImportResult.Outcome.RESUMED);
            assertThat(result.blocksWritten()).isLessThan(stats.blocks());
            assertThat(result.record().blockCount()).isEqualTo(stats.blocks());
            assertThat(result.record().blockBytes()).isEqualTo(stats.blockBytes());
            resumed = TestData.storedCids(opened);
        }
        Set<Cid> uninterrupted;
        try (SnapshotStore fresh = SnapshotStore.open(tmp.resolve("fresh"), 2)) {
            new SnapshotImporter(fresh, ImportOptions.defaults()).importFile(car, ImportListener.NONE);
            uninterrupted = TestData.storedCids(fresh);
        }
        assertThat(uninterrupted).hasSize((int) stats.blocks());
        assertThat(resumed).isEqualTo(uninterrupted);
    }

    private static Process startChild(Path store, Path car, long slowAfter) throws IOException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return new ProcessBuilder(List.of(java.toString(), "-cp", classpath, ImportChild.class.getName(), store.toString(),
                car.toString(), Long.toString(slowAfter)))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
    }
}
