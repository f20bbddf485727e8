package org.fvmreplay.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.fvmreplay.ipld.car.CarBlock;
import org.fvmreplay.ipld.car.CarReader;
import org.fvmreplay.ipld.cbor.CborException;
import org.fvmreplay.ipld.cbor.DagCbor;
import org.fvmreplay.ipld.cid.Multicodec;

/** Real DAG-CBOR blocks for benchmarks: every dag-cbor block of a CAR under ../shared/snapshots. */
final class BlockCorpus {
    private BlockCorpus() {}

    static Path shared() {
        Path p = Path.of(System.getProperty("fvmreplay.shared", "../shared"));
        if (!Files.isDirectory(p)) {
            throw new IllegalStateException(
                    "reference data not found at " + p.toAbsolutePath() + "; pass -Dfvmreplay.shared=DIR");
        }
        return p;
    }

    /**
     * The dag-cbor blocks of a snapshot that are canonical DAG-CBOR (the genesis sentinel block
     * bafyreiaqpwbbyjo4a42saasj36kkrpv4tsherf2e7bvezkert2a7dhonoi has unsorted map keys and is left out).
     */
    static List<byte[]> dagCborBlocks(String snapshot) {
        List<byte[]> blocks = new ArrayList<>();
        try (CarReader reader = CarReader.open(shared().resolve("snapshots").resolve(snapshot))) {
            for (CarBlock b; (b = reader.next()) != null; ) {
                if (b.cid().codec() == Multicodec.DAG_CBOR && isCanonical(b.data())) {
                    blocks.add(b.data());
                }
            }
        }
        return blocks;
    }

    private static boolean isCanonical(byte[] block) {
        try {
            DagCbor.decode(block);
            return true;
        } catch (CborException e) {
            return false;
        }
    }

    static long totalBytes(List<byte[]> blocks) {
        return blocks.stream().mapToLong(b -> b.length).sum();
    }
}
