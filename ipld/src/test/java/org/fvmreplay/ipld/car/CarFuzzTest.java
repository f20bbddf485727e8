package org.fvmreplay.ipld.car;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.github.luben.zstd.Zstd;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.fvmreplay.ipld.cbor.CborException;
import org.fvmreplay.ipld.cbor.DagCbor;
import org.fvmreplay.ipld.cid.Cid;
import org.fvmreplay.ipld.cid.Varint;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Seeded mutation fuzzing: damaged CARs and DAG-CBOR blocks must fail only with
 * {@link CarFormatException} / {@link CborException} carrying an offset, never anything else.
 */
class CarFuzzTest {
    private static final long SEED = 0x5EED_CA4L;
    private static final int CAR_MUTANTS = 6000;
    private static final int COMPRESSED_MUTANTS = 600;
    private static final int CBOR_MUTANTS = 20000;
    /** Mutants get a small section limit, so a length the fuzzer inflated cannot make the test slow. */
    private static final CarReadOptions OPTIONS = CarReadOptions.defaults().withMaxSectionLength(1 << 20);

    private static byte[] smallCar;
    private static List<byte[]> cborBlocks;

    @BeforeAll
    static void loadSeeds() throws IOException {
        byte[] chain4 = Files.readAllBytes(SharedData.snapshot("chain4.car"));
        // the header and the first 40 sections of a real chain: big enough to hold every structure, small enough to be
        // fast
        List<CarTestData.Section> sections = new ArrayList<>();
        cborBlocks = new ArrayList<>();
        try (CarReader reader = CarReader.open(new ByteArrayInputStream(chain4), "chain4.car")) {
            List<Cid> roots = reader.roots();
            for (CarBlock b = reader.next(); b != null; b = reader.next()) {
                if (sections.size() < 40) {
                    sections.add(new CarTestData.Section(b.cid(), b.data()));
                }
                if (cborBlocks.size() < 400 && b.data().length < 4096) {
                    cborBlocks.add(b.data());
                }
            }
            smallCar = CarTestData.car(roots, sections);
        }
    }

    @Test
    void mutatedCarsFailCleanly() {
        Random random = new Random(SEED);
        int failures = 0;
        for (int i = 0; i < CAR_MUTANTS; i++) {
            byte[] mutant = mutate(smallCar, random);
            if (i % 5 == 0) {
                mutant = CarFormatErrorsTest.carV2(mutant, 51, smallCar.length, 0, 0);
            }
            failures += readExpectingCleanFailure(mutant, i) ? 1 : 0;
        }
        // nearly every mutation must be caught (hash verification sees flipped block bytes)
        assertThat(failures).isGreaterThan(CAR_MUTANTS * 9 / 10);
    }

    @Test
    void mutatedCompressedCarsFailCleanly() {
        Random random = new Random(SEED + 1);
        byte[] compressed = Zstd.compress(smallCar);
        int failures = 0;
        for (int i = 0; i < COMPRESSED_MUTANTS; i++) {
            byte[] mutant = i % 2 == 0 ? mutate(compressed, random) : Zstd.compress(mutate(smallCar, random));
            failures += readExpectingCleanFailure(mutant, i) ? 1 : 0;
        }
        assertThat(failures).isGreaterThan(COMPRESSED_MUTANTS / 2);
    }

    @Test
    void mutatedCborBlocksFailCleanly() {
        Random random = new Random(SEED + 2);
        int failures = 0;
        for (int i = 0; i < CBOR_MUTANTS; i++) {
            byte[] mutant = mutate(cborBlocks.get(random.nextInt(cborBlocks.size())), random);
            for (int mode = 0; mode < 3; mode++) {
                try {
                    switch (mode) {
                        case 0 -> DagCbor.decode(mutant);
                        case 1 -> DagCbor.decodeLenient(mutant);
                        default -> DagCbor.forEachLink(mutant, cid -> {});
                    }
                } catch (CborException e) {
                    assertThat(e.getMessage()).contains("at byte");
                    assertThat(e.offset()).isBetween(0L, (long) mutant.length);
                    failures += mode == 0 ? 1 : 0;
                } catch (RuntimeException | StackOverflowError e) {
                    fail(
                            "CBOR mutant " + i + " (mode " + mode + ", seed " + SEED + ") threw " + e + " for "
                                    + java.util.HexFormat.of().formatHex(mutant),
                            e);
                }
            }
        }
        assertThat(failures).isGreaterThan(CBOR_MUTANTS / 2);
    }

    /** True when reading failed (cleanly); fails the test on any other exception. */
    private static boolean readExpectingCleanFailure(byte[] mutant, int index) {
        try (CarReader reader = CarReader.open(new ByteArrayInputStream(mutant), "mutant-" + index, OPTIONS)) {
            reader.forEachRemaining(b -> {});
            return false;
        } catch (CarFormatException e) {
            assertThat(e.getMessage()).startsWith("mutant-" + index + ": ").contains("at byte " + e.offset());
            assertThat(e.offset()).isGreaterThanOrEqualTo(0);
            return true;
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            fail("mutant " + index + " (seed " + SEED + ") threw " + e, e);
            return false;
        }
    }

    private static byte[] mutate(byte[] original, Random random) {
        byte[] data = original.clone();
        int rounds = 1 + random.nextInt(3);
        for (int r = 0; r < rounds; r++) {
            if (data.length == 0) {
                return data;
            }
            int at = random.nextInt(data.length);
            switch (random.nextInt(7)) {
                case 0 -> data[at] ^= (byte) (1 << random.nextInt(8));
                case 1 -> data[at] = (byte) random.nextInt(256);
                case 2 -> data = Arrays.copyOf(data, at);
                case 3 -> data = insert(data, at, randomBytes(random, 1 + random.nextInt(16)));
                case 4 ->
                    data = insert(
                            data,
                            at,
                            Varint.encode(random.nextBoolean() ? random.nextInt(1 << 20) : random.nextLong() >>> 1));
                case 5 ->
                    data = insert(data, at, new byte[] {
                        (byte) 0xff,
                        (byte) 0xff,
                        (byte) 0xff,
                        (byte) 0xff,
                        (byte) 0xff,
                        (byte) 0xff,
                        (byte) 0xff,
                        (byte) 0xff,
                        (byte) 0xff,
                        (byte) 0xff
                    });
                default -> {
                    // overwrite a stretch, as a corrupt CID or length would
                    int n = Math.min(data.length - at, 1 + random.nextInt(8));
                    System.arraycopy(randomBytes(random, n), 0, data, at, n);
                }
            }
        }
        return data;
    }

    private static byte[] insert(byte[] data, int at, byte[] extra) {
        byte[] out = new byte[data.length + extra.length];
        System.arraycopy(data, 0, out, 0, at);
        System.arraycopy(extra, 0, out, at, extra.length);
        System.arraycopy(data, at, out, at + extra.length, data.length - at);
        return out;
    }

    private static byte[] randomBytes(Random random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}
