package org.fvmreplay.importer;

import static java.util.Objects.requireNonNull;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.fvmreplay.ipld.car.CarWriter;
import org.fvmreplay.ipld.cid.Cid;
import org.fvmreplay.ipld.cid.Multicodec;
import org.fvmreplay.ipld.cid.MultihashCode;

/**
 * Writes a CARv1 of random raw blocks with Filecoin-like sizes and hashes, for benchmarks and for
 * tests that need a big file. Sizes follow state trees: most blocks are small HAMT/AMT nodes, a few
 * are large (about 260 bytes on average; with CID and length a section takes about 300 bytes, so
 * 20 million blocks make a 5.6 GiB file). Every block is
 * unique and blake2b-256 hashed, as on mainnet. Deterministic for a given seed.
 */
public final class SyntheticCar {
    private SyntheticCar() {}

    /** What was written. */
    public record Stats(Path file, long blocks, long blockBytes, long fileBytes) {
        public Stats {
            requireNonNull(file, "file");
        }
    }

    /** Writes blocks until the file holds at least {@code targetBytes}. */
    public static Stats write(Path out, long targetBytes, long seed) {
        return write(out, targetBytes, 0, seed);
    }

    /** Writes blocks until the file holds at least {@code targetBytes} and at least {@code minBlocks} blocks. */
    public static Stats write(Path out, long targetBytes, long minBlocks, long seed) {
        requireNonNull(out, "out");
        SplittableRandom random = new SplittableRandom(seed);
        long blocks = 0;
        long bytes = 0;
        byte[] first = block(random);
        Cid root = Cid.compute(Multicodec.RAW, MultihashCode.BLAKE2B_256, first);
        try (CarWriter writer =
                new CarWriter(new BufferedOutputStream(Files.newOutputStream(out), 1 << 20), List.of(root))) {
            byte[] data = first;
            while (true) {
                writer.write(Cid.compute(Multicodec.RAW, MultihashCode.BLAKE2B_256, data), data);
                blocks++;
                bytes += data.length;
                if (writer.position() >= targetBytes && blocks >= minBlocks) {
                    return new Stats(out, blocks, bytes, writer.position());
                }
                data = block(random);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out, e);
        }
    }

    private static byte[] block(SplittableRandom random) {
        int roll = random.nextInt(100);
        int size =
                roll < 80 ? random.nextInt(40, 250) : roll < 98 ? random.nextInt(250, 800) : random.nextInt(800, 4000);
        byte[] data = new byte[size];
        for (int i = 0; i < size; i += 8) {
            long v = random.nextLong();
            for (int j = 0; j < 8 && i + j < size; j++) {
                data[i + j] = (byte) (v >>> (8 * j));
            }
        }
        return data;
    }
}
