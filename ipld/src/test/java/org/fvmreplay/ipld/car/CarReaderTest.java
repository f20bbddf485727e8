package org.fvmreplay.ipld.car;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.luben.zstd.ZstdInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.fvmreplay.ipld.cid.Cid;
import org.fvmreplay.ipld.cid.Multicodec;
import org.fvmreplay.ipld.cid.MultihashCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CarReaderTest {
    // counted independently (a throwaway script walking the varint sections of chain4.car)
    private static final Cid CHAIN4_ROOT = Cid.parse("bafy2bzacedjrqan2fwfvhfopi64yickki7miiksecglpeiavf7xueytnzevlu");
    private static final int CHAIN4_BLOCKS = 1222;
    private static final long CHAIN4_DATA_BYTES = 1_059_169;

    @Test
    void readsChain4CarV1() {
        try (CarReader reader = CarReader.open(SharedData.snapshot("chain4.car"))) {
            assertThat(reader.format()).isEqualTo(CarFormat.CARV1);
            assertThat(reader.roots()).containsExactly(CHAIN4_ROOT);
            List<CarBlock> blocks = reader.readAll();
            assertThat(blocks).hasSize(CHAIN4_BLOCKS);
            assertThat(blocks.stream().mapToLong(b -> b.data().length).sum()).isEqualTo(CHAIN4_DATA_BYTES);
            assertThat(blocks).allMatch(b -> b.verification() == BlockVerification.VERIFIED);
            assertThat(blocks.stream().filter(b -> b.cid().multihash().code() == MultihashCode.SHA2_256))
                    .hasSize(1);
            assertThat(blocks).allMatch(b -> b.cid().codec() == Multicodec.DAG_CBOR);
            // sections are contiguous, and the last one ends at the end of the file
            for (int i = 1; i < blocks.size(); i++) {
                CarBlock previous = blocks.get(i - 1);
                assertThat(blocks.get(i).sectionOffset())
                        .isEqualTo(previous.sectionOffset() + previous.sectionLength());
            }
            CarBlock last = blocks.get(blocks.size() - 1);
            assertThat(last.dataOffset() + last.data().length)
                    .isEqualTo(1_107_835L)
                    .isEqualTo(reader.position());
            assertThat(reader.next()).isNull();
        }
    }

    @Test
    void compressedAndForestVariantsHoldTheSameBlocks() {
        List<CarBlock> plain = readAll(SharedData.snapshot("chain4.car"));
        try (CarReader zstd = CarReader.open(SharedData.snapshot("chain4.car.zst"));
                CarReader forest = CarReader.open(SharedData.snapshot("chain4.forest.car.zst"))) {
            assertThat(zstd.format()).isEqualTo(CarFormat.ZSTD_CARV1);
            assertThat(forest.format()).isEqualTo(CarFormat.FOREST);
            assertThat(zstd.roots()).containsExactly(CHAIN4_ROOT);
            assertThat(forest.roots()).containsExactly(CHAIN4_ROOT);
            assertThat(zstd.readAll()).isEqualTo(plain);
            assertThat(forest.readAll()).isEqualTo(plain);
        }
    }

    @Test
    void forestFileReadAsAPlainStreamIsZstd() throws IOException {
        try (CarReader reader =
                CarReader.open(Files.newInputStream(SharedData.snapshot("chain4.forest.car.zst")), "forest stream")) {
            assertThat(reader.format()).isEqualTo(CarFormat.ZSTD_CARV1);
            assertThat(reader.readAll()).hasSize(CHAIN4_BLOCKS);
        }
    }

    @Test
    void readsCompressedCarV2AndValidatesItsHeader() {
        try (CarReader reader = CarReader.open(SharedData.snapshot("carv2.car.zst"))) {
            assertThat(reader.format()).isEqualTo(CarFormat.ZSTD_CARV2);
            CarV2Header header = reader.v2Header().orElseThrow();
            // values from the file's 40-byte header (little-endian u64s at bytes 27, 35 and 43)
            assertThat(header.dataOffset()).isEqualTo(51);
            assertThat(header.dataSize()).isEqualTo(0x130103);
            assertThat(header.indexOffset()).isEqualTo(51 + 0x130103);
            assertThat(header.isFullyIndexed()).isFalse();
            assertThat(reader.payloadOffset()).isEqualTo(51);
            List<CarBlock> blocks = reader.readAll();
            assertThat(blocks).isNotEmpty().allMatch(b -> b.verification() == BlockVerification.VERIFIED);
            CarBlock last = blocks.get(blocks.size() - 1);
            assertThat(last.dataOffset() + last.data().length).isEqualTo(header.dataSize());
            assertThat(reader.roots()).hasSize(1);
            assertThat(blocks.stream().map(CarBlock::cid))
                    .contains(reader.roots().get(0));
        }
    }

    @Test
    void readsUncompressedCarV2(@TempDir Path dir) throws IOException {
        Path carV2 = decompress(SharedData.snapshot("carv2.car.zst"), dir.resolve("v2.car"));
        List<CarBlock> fromZstd = readAll(SharedData.snapshot("carv2.car.zst"));
        try (CarReader reader = CarReader.open(carV2)) {
            assertThat(reader.format()).isEqualTo(CarFormat.CARV2);
            assertThat(reader.readAll()).isEqualTo(fromZstd);
        }
    }

    @Test
    void reportsBlocksWithUncomputableHashesAsUnverifiable() {
        Cid commP = Cid.v1(
                Multicodec.RAW,
                org.fvmreplay.ipld.cid.Multihash.of(MultihashCode.SHA2_256_TRUNC254_PADDED, new byte[32]));
        Cid good = Cid.compute(Multicodec.RAW, MultihashCode.SHA2_256, new byte[] {1, 2, 3});
        byte[] car = CarTestData.car(
                List.of(good),
                List.of(
                        new CarTestData.Section(commP, new byte[] {9}),
                        new CarTestData.Section(good, new byte[] {1, 2, 3})));
        try (CarReader reader = CarReader.open(new ByteArrayInputStream(car), "mem")) {
            assertThat(reader.readAll())
                    .extracting(CarBlock::verification)
                    .containsExactly(BlockVerification.UNVERIFIABLE, BlockVerification.VERIFIED);
        }
    }

    @Test
    void verificationCanBeSwitchedOff() {
        Cid cid = Cid.compute(Multicodec.RAW, MultihashCode.SHA2_256, new byte[] {1});
        byte[] car = CarTestData.car(List.of(cid), List.of(new CarTestData.Section(cid, new byte[] {2})));
        try (CarReader reader = CarReader.open(
                new ByteArrayInputStream(car), "mem", CarReadOptions.defaults().withVerifyBlocks(false))) {
            assertThat(reader.next().verification()).isEqualTo(BlockVerification.NOT_CHECKED);
        }
    }

    @Test
    void identityCidsVerifyAgainstTheirInlineDigest() {
        byte[] data = {0x42, 0x43};
        Cid identity = Cid.compute(Multicodec.RAW, MultihashCode.IDENTITY, data);
        byte[] car = CarTestData.car(List.of(identity), List.of(new CarTestData.Section(identity, data)));
        try (CarReader reader = CarReader.open(new ByteArrayInputStream(car), "mem")) {
            assertThat(reader.next().verification()).isEqualTo(BlockVerification.VERIFIED);
        }
    }

    static List<CarBlock> readAll(Path path) {
        try (CarReader reader = CarReader.open(path)) {
            return reader.readAll();
        }
    }

    static Path decompress(Path zst, Path target) throws IOException {
        try (InputStream in = new ZstdInputStream(Files.newInputStream(zst))) {
            Files.copy(in, target);
        }
        return target;
    }
}
