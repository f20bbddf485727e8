package org.fvmreplay.snapshots;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.fvmreplay.ipld.blockstore.MemoryBlockstore;
import org.fvmreplay.ipld.car.CarReader;
import org.fvmreplay.ipld.cid.Cid;

/** {@code ../shared/snapshots/chain4.car} (mainnet genesis and epochs 1-3) loaded into memory. */
final class Chain4 {
    static final Cid EPOCH0 = Cid.parse("bafy2bzacecnamqgqmifpluoeldx7zzglxcljo6oja4vrmtj7432rphldpdmm2");
    static final Cid EPOCH1 = Cid.parse("bafy2bzacechdx6xd62lcyy7rnyc4uxcxhuwqslcxfvj77fxlwafij3nhzchpy");
    static final Cid EPOCH2 = Cid.parse("bafy2bzaceb5xzclgvwgobsog4qckrkimthkisozhw3bkaxg7iiruajhmym5va");
    static final Cid EPOCH3 = Cid.parse("bafy2bzacedjrqan2fwfvhfopi64yickki7miiksecglpeiavf7xueytnzevlu");
    /** The mainnet genesis block's parent: the block of the genesis filler, not a header. */
    static final Cid GENESIS_PARENT = Cid.parse("bafyreiaqpwbbyjo4a42saasj36kkrpv4tsherf2e7bvezkert2a7dhonoi");

    private Chain4() {}

    static Path file() {
        String property = System.getProperty("fvmreplay.shared");
        Path dir = property != null && !property.isBlank()
                ? Path.of(property)
                : Path.of("").toAbsolutePath().resolve("../../shared");
        Path file = dir.resolve("snapshots/chain4.car");
        assertThat(file)
                .as("chain4.car in the shared data (set -Dfvmreplay.shared)")
                .isRegularFile();
        return file;
    }

    static MemoryBlockstore load() {
        MemoryBlockstore store = new MemoryBlockstore();
        try (CarReader reader = CarReader.open(file())) {
            reader.forEachRemaining(b -> store.put(b.cid(), b.data()));
            assertThat(reader.roots()).isEqualTo(List.of(EPOCH3));
        }
        return store;
    }
}
