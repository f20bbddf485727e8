package org.fvmreplay.conformance;

import java.io.ByteArrayInputStream;
import org.fvmreplay.ipld.blockstore.Blockstore;
import org.fvmreplay.ipld.blockstore.MemoryBlockstore;
import org.fvmreplay.ipld.car.CarFormatException;
import org.fvmreplay.ipld.car.CarReader;

/** Loads a vector's embedded CAR (every block verified against its CID) into a blockstore. */
public final class VectorBlocks {
    private VectorBlocks() {}

    /** A fresh in-memory store holding the vector's pre-state blocks. */
    public static MemoryBlockstore load(TestVector vector) {
        MemoryBlockstore store = new MemoryBlockstore();
        loadInto(vector, store);
        return store;
    }

    /** Puts the vector's blocks into {@code store}; returns how many there were. */
    public static int loadInto(TestVector vector, Blockstore store) {
        String source = vector.source() + " (embedded CAR)";
        try (CarReader reader = CarReader.open(new ByteArrayInputStream(vector.car()), source)) {
            int[] count = {0};
            reader.forEachRemaining(b -> {
                store.put(b.cid(), b.data());
                count[0]++;
            });
            return count[0];
        } catch (CarFormatException e) {
            throw new VectorFormatException(vector.source(), "embedded CAR is corrupt: " + e.getMessage(), e);
        }
    }
}
