package org.fvmreplay.snapshots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.fvmreplay.ipld.blockstore.Block;
import org.fvmreplay.ipld.cid.Cid;
import org.fvmreplay.ipld.cid.Multicodec;
import org.fvmreplay.ipld.cid.MultihashCode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotStoreReadOnlyTest {
    private static final String READ_ONLY = "was opened read-only";

    @TempDir
    Path tmp;

    private Path dir;
    private List<Block> blocks;
    private List<TipsetEntry> tipsets;
    private SnapshotRecord record;

    /** A 3-shard store filled through the normal open: 1000 blocks, Chain4's headers, its index and a catalogue record. */
    @BeforeEach
    void createStore() {
        dir = tmp.resolve("store");
        blocks = randomBlocks(1000, 5);
        tipsets = ChainIndex.walk(Chain4.load(), List.of(Chain4.EPOCH3));
        record = new SnapshotRecord(
                "/data/chain4.car",
                1107835,
                "CARV1",
                List.of(Chain4.EPOCH3),
                SnapshotStatus.COMPLETE,
                4,
                2000,
                1107835);
        try (SnapshotStore store = SnapshotStore.open(dir, 3)) {
            store.blocks().putAll(blocks.subList(0, 600));
            store.blocks().makeDurable();
            // not flushed: the rest stays in the write-ahead logs, which a read-only open replays in memory
            blocks.subList(600, 1000).forEach(b -> store.blocks().put(b.cid(), b.data()));
            Chain4.load().asMap().forEach(store.blocks()::put);
            store.chainIndex().putAll(tipsets);
            store.catalogue().put(record);
        }
    }

    @Test
    void readOnlyOpenReadsWhatANormalOpenWrote() throws Exception {
        try (SnapshotStore store = SnapshotStore.openReadOnly(dir)) {
            assertThat(store.readOnly()).isTrue();
            assertThat(store.blocks().readOnly()).isTrue();
            assertThat(store.manifest().shards()).isEqualTo(3);
            assertThat(store.blocks().shardCount()).isEqualTo(3);
            assertAllReadable(store);
            Set<Cid> keys = new HashSet<>();
            store.blocks().forEachCid(keys::add);
            assertThat(keys)
                    .containsAll(blocks.stream().map(Block::cid).toList())
                    .contains(Chain4.EPOCH0, Chain4.EPOCH3);
            Cid absent = Cid.compute(Multicodec.RAW, MultihashCode.BLAKE2B_256, new byte[] {42});
            assertThat(store.blocks().get(absent)).isNull();
            assertThat(store.blocks().has(absent)).isFalse();
            assertThat(store.catalogue().list()).containsExactly(record);

            // reads stay thread-safe on a read-only handle
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<Integer>> results = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    int seed = t;
                    results.add(pool.submit(() -> {
                        Random r = new Random(seed);
                        int ok = 0;
                        for (int i = 0; i < 3000; i++) {
                            Block b = blocks.get(r.nextInt(blocks.size()));
                            if (Arrays.equals(store.blocks().get(b.cid()), b.data())
                                    && store.chainIndex().at(i % 4).isPresent()) {
                                ok++;
                            }
                        }
                        return ok;
                    }));
                }
                for (Future<Integer> f : results) {
                    assertThat(f.get()).isEqualTo(3000);
                }
            } finally {
                pool.shutdown();
            }
        }
        try (SnapshotStore store = SnapshotStore.open(dir)) {
            assertThat(store.readOnly()).isFalse();
            assertThat(store.blocks().readOnly()).isFalse();
        }
    }

    @Test
    void severalReadOnlyHandlesAtOnce() {
        try (SnapshotStore first = SnapshotStore.openReadOnly(dir);
                SnapshotStore second = SnapshotStore.openReadOnly(dir)) {
            assertAllReadable(first);
            assertAllReadable(second);
            try (SnapshotStore third = SnapshotStore.openReadOnly(tmp.resolve("store/../store"))) {
                assertAllReadable(third);
            }
            // closing one handle leaves the others working
            assertAllReadable(first);
        }
    }

    @Test
    void readOnlyOpenNextToAWriter() {
        Block later = randomBlocks(1, 99).get(0);
        try (SnapshotStore writer = SnapshotStore.open(dir)) {
            // a second writable open is refused (RocksDB's lock), a read-only one is not
            assertThatThrownBy(() -> SnapshotStore.open(dir)).isInstanceOf(SnapshotStoreException.class);
            try (SnapshotStore reader = SnapshotStore.openReadOnly(dir)) {
                assertAllReadable(reader);
                writer.blocks().put(later.cid(), later.data());
                writer.blocks().makeDurable();
                writer.catalogue().put(record.withStatus(SnapshotStatus.PARTIAL));
                // a read-only handle sees the store as it was when it was opened
                assertThat(reader.blocks().get(later.cid())).isNull();
                assertThat(reader.catalogue().get(record.path())).contains(record);
                try (SnapshotStore reopened = SnapshotStore.openReadOnly(dir)) {
                    assertThat(reopened.blocks().get(later.cid())).isEqualTo(later.data());
                    assertThat(reopened.catalogue().get(record.path()))
                            .contains(record.withStatus(SnapshotStatus.PARTIAL));
                }
            }
            assertThat(writer.blocks().get(later.cid())).isEqualTo(later.data());
        }
    }

    @Test
    void readOnlyOpenInOtherProcessesWhileThisOneWrites() throws Exception {
        try (SnapshotStore writer = SnapshotStore.open(dir);
                SnapshotStore reader = SnapshotStore.openReadOnly(dir)) {
            Set<Cid> keys = new HashSet<>();
            reader.blocks().forEachCid(keys::add);
            // RocksDB's lock is per process (fcntl): only other processes show that readers do without it
            List<Process> children = List.of(startChild(dir), startChild(dir));
            for (Process child : children) {
                String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                assertThat(child.waitFor(120, TimeUnit.SECONDS))
                        .as("child finished")
                        .isTrue();
                assertThat(child.exitValue()).as(out).isZero();
                assertThat(out).isEqualTo(ReadOnlyChild.report(keys.size(), tipsets.size(), 3));
            }
            assertAllReadable(reader);
            assertAllReadable(writer);
        }
    }

    @Test
    void writesThroughAReadOnlyStoreAreRejected() throws IOException {
        Block extra = randomBlocks(1, 77).get(0);
        Path outside = tmp.resolve("table.sst");
        Map<String, String> before = tree(dir);
        try (SnapshotStore store = SnapshotStore.openReadOnly(dir)) {
            ShardedBlockstore shards = store.blocks();
            List<ThrowingCallable> writes = List.of(
                    () -> shards.put(extra.cid(), extra.data()),
                    () -> shards.putAll(List.of(extra)),
                    () -> shards.putDagCbor(new byte[] {(byte) 0x80}),
                    () -> shards.beginBulkLoad(1 << 20),
                    () -> shards.endBulkLoad(true),
                    () -> shards.makeDurable(),
                    () -> shards.clearStagingDirectory(),
                    () -> shards.writeSortedTable(0, List.of(extra), outside),
                    () -> shards.ingestTables(0, List.of(outside)),
                    () -> store.catalogue().put(record.withStatus(SnapshotStatus.PARTIAL)),
                    () -> store.chainIndex().putAll(tipsets));
            for (ThrowingCallable write : writes) {
                assertThatThrownBy(write)
                        .isInstanceOf(SnapshotStoreException.class)
                        .hasMessageContaining(READ_ONLY)
                        .hasMessageContaining(dir.toString());
            }
            assertThat(shards.get(extra.cid())).isNull();
            assertThat(store.catalogue().get(record.path())).contains(record);
            assertAllReadable(store);
        }
        assertThat(outside).doesNotExist();
        assertThat(shardsStagingDirectory()).doesNotExist();
        assertThat(tree(dir)).isEqualTo(before);
        try (SnapshotStore store = SnapshotStore.open(dir)) {
            assertThat(store.blocks().get(extra.cid())).isNull();
            assertThat(store.catalogue().list()).containsExactly(record);
        }
    }

    @Test
    void noStoreGivesAClearErrorAndCreatesNothing() throws IOException {
        Path missing = tmp.resolve("missing/store");
        assertThatThrownBy(() -> SnapshotStore.openReadOnly(missing))
                .isInstanceOf(SnapshotStoreException.class)
                .hasMessageContaining("no snapshot store at " + missing)
                .hasMessageContaining("no such directory")
                .hasMessageContaining("does not create one");
        assertThat(tmp.resolve("missing")).doesNotExist();

        Path empty = Files.createDirectory(tmp.resolve("empty"));
        Files.writeString(empty.resolve("notes.txt"), "not a store");
        Map<String, String> emptyBefore = tree(empty);
        assertThatThrownBy(() -> SnapshotStore.openReadOnly(empty))
                .isInstanceOf(SnapshotStoreException.class)
                .hasMessageContaining("no snapshot store at " + empty)
                .hasMessageContaining("no " + StoreManifest.FILE_NAME);
        assertThat(tree(empty)).isEqualTo(emptyBefore);

        // store data whose manifest was lost: refused as well, and left as it was
        Files.delete(dir.resolve(StoreManifest.FILE_NAME));
        Map<String, String> before = tree(dir);
        assertThatThrownBy(() -> SnapshotStore.openReadOnly(dir))
                .isInstanceOf(SnapshotStoreException.class)
                .hasMessageContaining("no " + StoreManifest.FILE_NAME);
        assertThat(tree(dir)).isEqualTo(before);
    }

    @Test
    void anIncompleteStoreIsRefusedWithoutCreatingWhatIsMissing() throws IOException {
        Path partial = tmp.resolve("partial");
        StoreManifest.create(2).write(partial);
        Map<String, String> before = tree(partial);
        assertThatThrownBy(() -> SnapshotStore.openReadOnly(partial))
                .isInstanceOf(SnapshotStoreException.class)
                .hasMessageContaining(partial.resolve("meta").toString())
                .hasMessageContaining("does not exist");
        assertThat(tree(partial)).isEqualTo(before);

        // the shards' turn: a store whose shard 001 is gone
        SnapshotStore.open(partial).close();
        deleteTree(ShardedBlockstore.shardDirectory(partial, 1));
        Map<String, String> withoutShard = tree(partial);
        assertThatThrownBy(() -> SnapshotStore.openReadOnly(partial))
                .isInstanceOf(SnapshotStoreException.class)
                .hasMessageContaining("read-only")
                .hasMessageContaining(
                        ShardedBlockstore.shardDirectory(partial, 1).toString());
        assertThat(tree(partial)).isEqualTo(withoutShard);
    }

    @Test
    void aReadOnlySessionLeavesTheStoreDirectoryUnchanged() throws IOException {
        Map<String, String> before = tree(dir);
        // what the writer left: RocksDB's LOCK, LOG and OPTIONS files among others, which readers must not touch
        assertThat(before.keySet())
                .contains("meta/LOCK", "meta/LOG", "meta/CURRENT", "shards/000/LOCK", "shards/000/LOG");
        assertThat(before.keySet()).anyMatch(f -> f.startsWith("meta/OPTIONS-"));
        try (SnapshotStore first = SnapshotStore.openReadOnly(dir);
                SnapshotStore second = SnapshotStore.openReadOnly(dir)) {
            assertAllReadable(first);
            assertAllReadable(second);
            Set<Cid> keys = new HashSet<>();
            first.blocks().forEachCid(keys::add);
            first.blocks().estimatedBlocksPerShard();
        }
        // RocksDB's read-only open writes nothing here (no info LOG, no OPTIONS file, no lock): every file and
        // directory is as it was
        assertThat(tree(dir)).isEqualTo(before);
    }

    private void assertAllReadable(SnapshotStore store) {
        for (Block b : blocks) {
            assertThat(store.blocks().get(b.cid())).isEqualTo(b.data());
            assertThat(store.blocks().has(b.cid())).isTrue();
        }
        List<TipsetEntry> oldestFirst = new ArrayList<>(tipsets);
        Collections.reverse(oldestFirst);
        assertThat(store.chainIndex().all()).isEqualTo(oldestFirst);
        assertThat(store.chainIndex().at(3)).contains(tipsets.get(0));
        assertThat(store.chainIndex().range(1, 2))
                .extracting(t -> t.key().get(0))
                .containsExactly(Chain4.EPOCH1, Chain4.EPOCH2);
        assertThat(ChainIndex.walk(store.blocks(), List.of(Chain4.EPOCH3))).isEqualTo(tipsets);
        assertThat(store.catalogue().get(record.path())).isPresent();
    }

    private Path shardsStagingDirectory() {
        return dir.resolve("ingest");
    }

    private static List<Block> randomBlocks(int count, long seed) {
        List<Block> out = new ArrayList<>();
        Random random = new Random(seed);
        for (int i = 0; i < count; i++) {
            byte[] data = new byte[20 + random.nextInt(500)];
            random.nextBytes(data);
            out.add(new Block(Cid.compute(Multicodec.RAW, MultihashCode.BLAKE2B_256, data), data));
        }
        return out;
    }

    private static Process startChild(Path store) throws IOException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return new ProcessBuilder(java.toString(), "-cp", classpath, ReadOnlyChild.class.getName(), store.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
    }

    /** Every file and directory under {@code root}: size, modification time and content hash (directories: modification time). */
    private static Map<String, String> tree(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        if (!Files.exists(root)) {
            return out;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.toList()) {
                String name = root.relativize(p).toString().replace('\\', '/');
                if (Files.isDirectory(p)) {
                    out.put(name + "/", "dir " + Files.getLastModifiedTime(p));
                } else {
                    out.put(name, Files.size(p) + " bytes " + Files.getLastModifiedTime(p) + " " + sha256(p));
                }
            }
        }
        return out;
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p :
                    paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(p);
            }
        }
    }
}
