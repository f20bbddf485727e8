package org.fvmreplay.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.fvmreplay.ipld.car.CarBlock;
import org.fvmreplay.ipld.car.CarReader;
import org.fvmreplay.ipld.car.CarWriter;
import org.fvmreplay.ipld.cid.Cid;
import org.fvmreplay.ipld.cid.Multicodec;
import org.fvmreplay.ipld.cid.Multihash;
import org.fvmreplay.ipld.cid.MultihashCode;
import org.fvmreplay.snapshots.SnapshotRecord;
import org.fvmreplay.snapshots.SnapshotStatus;
import org.fvmreplay.snapshots.SnapshotStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Idempotency, bad input and write failures, in both bulk modes: clear errors, a consistent store, a rerun that completes. */
class ImportRobustnessTest {
    /** Small batches and frequent checkpoints, so that a 1 MB file crosses many of them. */
    private static final ImportOptions SMALL = new ImportOptions(2, 16 << 10, 4, 64 << 10);

    private static ImportOptions small(BulkMode mode) {
        return SMALL.withBulkMode(mode);
    }

    @TempDir
    Path tmp;

    private final Path chain4 = TestData.snapshot("chain4.car");

    @ParameterizedTest
    @EnumSource(BulkMode.class)
    void importingTwiceChangesNothing(BulkMode mode) {
        try (SnapshotStore store = SnapshotStore.open(tmp.resolve("store"), 2)) {
            SnapshotImporter importer = new SnapshotImporter(store, small(mode));
            ImportResult first = importer.importFile(chain4, ImportListener.NONE);
            Set<Cid> keys = TestData.storedCids(store);
            List<SnapshotRecord> catalogue = store.catalogue().list();
            var chain = store.chainIndex().all();
            ImportResult second = importer.importFile(chain4, ImportListener.NONE);
            assertThat(first.outcome()).isEqualTo(ImportResult.Outcome.IMPORTED);
            assertThat(second.outcome()).isEqualTo(ImportResult.Outcome.ALREADY_COMPLETE);
            assertThat(second.blocksWritten()).isZero();
            assertThat(TestData.storedCids(store)).isEqualTo(keys).hasSize(1222);
            assertThat(store.catalogue().list()).isEqualTo(catalogue);
            assertThat(store.chainIndex().all()).isEqualTo(chain);
        }
        // a reopened store still knows the snapshot is complete
        try (SnapshotStore store = SnapshotStore.open(tmp.resolve("store"))) {
            assertThat(new SnapshotImporter(store, small(mode))
                            .importFile(chain4, ImportListener.NONE)
                            .outcome())
                    .isEqualTo(ImportResult.Outcome.ALREADY_COMPLETE);
            assertThat(store.manifest().shards()).isEqualTo(2);
        }
    }

    @ParameterizedTest
    @EnumSource(BulkMode.class)
    void truncatedFileFailsWithOffsetAndTheRerunCompletes(BulkMode mode) throws IOException {
        Path file = tmp.resolve("snapshot.car");
        byte[] full = Files.readAllBytes(chain4);
        Files.write(file, Arrays.copyOf(full, 600_000));
        try (SnapshotStore store = SnapshotStore.open(tmp.resolve("store"), 2)) {
            SnapshotImporter importer = new SnapshotImporter(store, small(mode));
            assertThatThrownBy(() -> importer.importFile(file, ImportListener.NONE))
                    .isInstanceOf(ImportException.class)
                    .hasMessageContaining(file.toString())
                    .hasMessageContaining("(at byte ")
                    .hasMessageContaining("rerun")
                    .satisfies(e -> assertThat(((ImportException) e).offset()).isBetween(500_000L, 600_000L));
            SnapshotRecord partial = store.catalogue().get(file.toString()).orElseThrow();
            assertThat(partial.status()).isEqualTo(SnapshotStatus.PARTIAL);
            assertThat(partial.checkpointOffset()).isPositive().isLessThanOrEqualTo(600_000L);
            assertThat(store.chainIndex().all()).isEmpty();
            // the complete file replaces the truncated one: the import starts over and completes
            Files.copy(chain4, file, StandardCopyOption.REPLACE_EXISTING);
            ImportResult result = importer.importFile(file, ImportListener.NONE);
            assertThat(result.record().status()).isEqualTo(SnapshotStatus.COMPLETE);
            assertThat(result.record().blockCount()).isEqualTo(1222);
            assertThat(TestData.storedCids(store)).isEqualTo(TestData.cidsOf(chain4));
        }
    }

    @ParameterizedTest
    @EnumSource(BulkMode.class)
    void flippedByteIsReportedWithTheBlockAndOffset(BulkMode mode) throws IOException {
        byte[] bytes = Files.readAllBytes(chain4);
        CarBlock victim;
        try (CarReader reader = CarReader.open(chain4)) {
            List<CarBlock> blocks = reader.readAll();
            victim = blocks.get(700);
        }
        int at = (int) (victim.dataOffset() + victim.data().length / 2);
        bytes[at] ^= 0x01;
        Path file = Files.write(tmp.resolve("flipped.car"), bytes);
        try (SnapshotStore store = SnapshotStore.open(tmp.resolve("store"), 2)) {
            assertThatThrownBy(() -> new SnapshotImporter(store, small(mode)).importFile(file, ImportListener.NONE))
                    .isInstanceOf(ImportException.class)
                    .hasMessageContaining(file.toString())
                    .hasMessageContaining("does not match its CID " + victim.cid())
                    .satisfies(e -> assertThat(((ImportException) e).offset()).isEqualTo(victim.dataOffset()));
            assertThat(store.blocks().has(victim.cid())).isFalse();
            SnapshotRecord partial = store.catalogue().get(file.toString()).orElseThrow();
            assertThat(partial.complete()).isFalse();
            assertThat(partial.checkpointOffset()).isLessThanOrEqualTo(victim.sectionOffset());
            // the repaired file has the same size and roots: the rerun resumes at the checkpoint and completes
            Files.copy(chain4, file, StandardCopyOption.REPLACE_EXISTING);
            ImportResult rerun = new SnapshotImporter(store, small(mode)).importFile(file, ImportListener.NONE);
            assertThat(rerun.outcome())
                    .isEqualTo(
                            partial.checkpointOffset() > 0
                                    ? ImportResult.Outcome.RESUMED
                                    : ImportResult.Outcome.IMPORTED);
            assertThat(rerun.record().blockCount()).isEqualTo(1222);
            assertThat(TestData.storedCids(store)).isEqualTo(TestData.cidsOf(chain4));
        }
    }

    @ParameterizedTest
    @EnumSource(BulkMode.class)
    void blockUnderTheWrongCidIsRejected(BulkMode mode) throws IOException {
        List<CarBlock> blocks;
        try (CarReader reader = CarReader.open(chain4)) {
            blocks = reader.readAll();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CarWriter writer = new CarWriter(out, List.of(blocks.get(0).cid()))) {
            writer.write(blocks.get(0).cid(), blocks.get(0).data());
            writer.write(blocks.get(1).cid(), blocks.get(2).data()); // wrong data for this CID
        }
        Path file = Files.write(tmp.resolve("wrong-hash.car"), out.toByteArray());
        try (SnapshotStore store = SnapshotStore.open(tmp.resolve("store"), 1)) {
            assertThatThrownBy(() -> new SnapshotImporter(store, small(mode)).importFile(file, ImportListener.NONE))
                    .isInstanceOf(ImportException.class)
                    .hasMessageContaining(file.toString())
                    .hasMessageContaining(blocks.get(1).cid().toString());
            assertThat(store.blocks().has(blocks.get(1).cid())).isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(BulkMode.class)
    void carV2WithBadHeaderOrIndexIsRejected(BulkMode mode) throws IOException {
        byte[] v1 = Files.readAllBytes(chain4);
        Path badOffset = Files.write(tmp.resolve("bad-offset.car"), carV2(v1, 10, v1.length, 0));
        Path badIndex = Files.write(tmp.resolve("bad-index.car"), carV2(v1, 51, v1.length, 60));
        try (SnapshotStore store = SnapshotStore.open(tmp.resolve("store"), 1)) {
            SnapshotImporter importer = new SnapshotImporter(store, small(mode));
            assertThatThrownBy(() -> importer.importFile(badOffset, ImportListener.NONE))
                    .isInstanceOf(ImportException.class)
                    .hasMessageContaining(badOffset.toString())
                    .hasMessageContaining("data offset");
            assertThatThrownBy(() -> importer.importFile(badIndex, ImportListener.NONE))
                    .isInstanceOf(ImportException.class)
                    .hasMessageContaining(badIndex.toString())
                    .hasMessageContaining("index offset");
            // a well-formed CARv2 around the same payload imports
            Path good = Files.write(tmp.resolve("good.car"), carV2(v1, 51, v1.length, 0));
            assertThat(importer.importFile(good, ImportListener.NONE).record().blockCount())
                    .isEqualTo(1222);
        }
    }

    /** pragma, 40-byte header (no characteristics), then the CARv1 payload right at byte 51. */
    private static byte[] carV2(byte[] v1, long dataOffset, long dataSize, long indexOffset) {
        byte[] pragma = {0x0a, (byte) 0xa1, 0x67, 0x76, 0x65, 0x72, 0x73, 0x69, 0x6f, 0x6e, 0x02};
        ByteBuffer b = ByteBuffer.allocate(pragma.length + 40 + v1.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(pragma)
                .putLong(0)
                .putLong(0)
                .putLong(dataOffset)
                .putLong(dataSize)
                .putLong(indexOffset)
                .put(v1);
        return b.array();
    }

    @ParameterizedTest
    @EnumSource(BulkMode.class)
    void fileThatIsNotACarIsRejected(BulkMode mode) throws IOException {
        Path file = Files.writeString(tmp.resolve("notes.txt"), "these are not the blocks you are looking for\n");
        Path empty = Files.write(tmp.resolve("empty.car"), new byte[0]);
        try (SnapshotStore store = SnapshotStore.open(tmp.resolve("store"), 1)) {
            SnapshotImporter importer = new SnapshotImporter(store, small(mode));
            assertThatThrownBy(() -> importer.importFile(file, ImportListener.NONE))
                    .isInstanceOf(ImportException.class)
                    .hasMessageContaining(file.toString())
                    .hasMessageContaining("(at byte ");
            assertThatThrownBy(() -> importer.importFile(empty, ImportListener.NONE))
                    .isInstanceOf(ImportException.class)
                    .hasMessageContaining(empty.toString())
                    .hasMessageContaining("not a CAR");
            assertThat(store.catalogue().list()).isEmpty();
            assertThat(TestData.storedCids(store)).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(BulkMode.class)
    void fullDiskStopsTheImportAndTheRerunResumes(BulkMode mode) {
        AtomicInteger allowedWrites = new AtomicInteger(25);
        Path dir = tmp.resolve("store");
        long checkpoint;
        try (SnapshotStore store = SnapshotStore.open(dir, 2, shard -> new FailingBlockstore(shard, allowedWrites))) {
            assertThatThrownBy(() -> new SnapshotImporter(store, small(mode)).importFile(chain4, ImportListener.NONE))
                    .isInstanceOf(ImportException.class)
                    .hasMessageContaining(chain4.toString())
                    .hasMessageContaining("No space left on device")
                    .hasMessageContaining("rerun the same import");
            SnapshotRecord partial = store.catalogue().get(chain4.toString()).orElseThrow();
            assertThat(partial.status()).isEqualTo(SnapshotStatus.PARTIAL);
            checkpoint = partial.checkpointOffset();
            assertThat(checkpoint).isPositive();
            assertThat(partial.blockCount()).isPositive().isLessThan(1222);
        }
        try (SnapshotStore store = SnapshotStore.open(dir)) {
            ImportResult result = new SnapshotImporter(store, small(mode)).importFile(chain4, ImportListener.NONE);
            assertThat(result.outcome()).isEqualTo(ImportResult.Outcome.RESUMED);
            assertThat(result.blocksWritten()).isLessThan(1222); // started at the checkpoint, not at zero
            assertThat(result.record().blockCount()).isEqualTo(1222);
            assertThat(result.record().checkpointOffset()).isGreaterThan(checkpoint);
            assertThat(TestData.storedCids(store)).isEqualTo(TestData.cidsOf(chain4));
            assertThat(store.chainIndex().all()).hasSize(4);
        }
    }

    @ParameterizedTest
    @EnumSource(BulkMode.class)
    void sameSizeButDifferentRootsIsANewSnapshot(BulkMode mode) throws IOException {
        List<CarBlock> blocks;
        try (CarReader reader = CarReader.open(chain4)) {
            blocks = reader.readAll();
        }
        Path file = tmp.resolve("snapshot.car");
        Cid epoch3 = Cid.parse("bafy2bzacedjrqan2fwfvhfopi64yickki7miiksecglpeiavf7xueytnzevlu");
        Cid epoch2 = Cid.parse("bafy2bzaceb5xzclgvwgobsog4qckrkimthkisozhw3bkaxg7iiruajhmym5va");
        writeCar(file, List.of(epoch3), blocks);
        long size = Files.size(file);
        try (SnapshotStore store = SnapshotStore.open(tmp.resolve("store"), 2)) {
            SnapshotImporter importer = new SnapshotImporter(store, small(mode));
            assertThat(importer.importFile(file, ImportListener.NONE).tipsetsIndexed())
                    .isEqualTo(4);
            writeCar(file, List.of(epoch2), blocks); // same length CID: same file size
            assertThat(Files.size(file)).isEqualTo(size);
            ImportResult again = importer.importFile(file, ImportListener.NONE);
            assertThat(again.outcome()).isEqualTo(ImportResult.Outcome.IMPORTED);
            assertThat(again.record().roots()).containsExactly(epoch2);
            assertThat(again.tipsetsIndexed()).isEqualTo(3);
        }
    }

    @ParameterizedTest
    @EnumSource(BulkMode.class)
    void rootsThatAreNotATipsetStillImport(BulkMode mode) throws IOException {
        List<CarBlock> blocks;
        try (CarReader reader = CarReader.open(chain4)) {
            blocks = reader.readAll();
        }
        Path file = tmp.resolve("odd-roots.car");
        // headers of epochs 3 and 2 as one "tipset": they differ in height and parents
        writeCar(
                file,
                List.of(
                        Cid.parse("bafy2bzacedjrqan2fwfvhfopi64yickki7miiksecglpeiavf7xueytnzevlu"),
                        Cid.parse("bafy2bzaceb5xzclgvwgobsog4qckrkimthkisozhw3bkaxg7iiruajhmym5va")),
                blocks);
        try (SnapshotStore store = SnapshotStore.open(tmp.resolve("store"), 2)) {
            ImportResult result = new SnapshotImporter(store, small(mode)).importFile(file, ImportListener.NONE);
            assertThat(result.record().complete()).isTrue();
            assertThat(result.tipsetsIndexed()).isZero();
            assertThat(result.chainIndexProblem())
                    .hasValueSatisfying(p -> assertThat(p).contains("do not form a tipset"));
            assertThat(TestData.storedCids(store)).hasSize(1222);
        }
    }

    private static void writeCar(Path file, List<Cid> roots, List<CarBlock> blocks) throws IOException {
        try (CarWriter writer = new CarWriter(Files.newOutputStream(file), roots)) {
            blocks.forEach(b -> writer.write(b.cid(), b.data()));
        }
    }

    @ParameterizedTest
    @EnumSource(BulkMode.class)
    void blocksWithAHashWeCannotComputeAreStoredAndCounted(BulkMode mode) throws IOException {
        byte[] data = "a block hashed with sha2-512".getBytes(StandardCharsets.UTF_8);
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("SHA-512").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
        Cid sha512 = Cid.v1(Multicodec.RAW, Multihash.of(0x13, digest)); // sha2-512: not computable here
        Cid plain = Cid.compute(Multicodec.RAW, MultihashCode.BLAKE2B_256, data);
        Path file = tmp.resolve("sha512.car");
        try (CarWriter writer = new CarWriter(Files.newOutputStream(file), List.of(sha512))) {
            writer.write(sha512, data);
            writer.write(plain, data);
        }
        try (SnapshotStore store = SnapshotStore.open(tmp.resolve("store"), 2)) {
            ImportResult result = new SnapshotImporter(store, small(mode)).importFile(file, ImportListener.NONE);
            assertThat(result.unverifiableBlocks()).isEqualTo(1);
            assertThat(result.record().blockCount()).isEqualTo(2);
            assertThat(store.blocks().get(sha512)).isEqualTo(data);
            assertThat(store.blocks().get(plain)).isEqualTo(data);
        }
    }

    @Test
    void shardCountIsFixedAtCreation() {
        Path dir = tmp.resolve("store");
        SnapshotStore.open(dir, 3).close();
        assertThatThrownBy(() -> SnapshotStore.open(dir, 5))
                .hasMessageContaining("has 3 shards")
                .hasMessageContaining(dir.toString());
    }
}
