package org.fvmreplay.ipld.blockstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.fvmreplay.ipld.cbor.DagCbor;
import org.fvmreplay.ipld.cid.Cid;
import org.fvmreplay.ipld.cid.Multicodec;
import org.fvmreplay.ipld.cid.Multihash;
import org.fvmreplay.ipld.cid.MultihashCode;
import org.fvmreplay.ipld.model.IpldValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlockstoreTest {
    private static byte[] list(IpldValue... items) {
        return DagCbor.encode(new IpldValue.ListValue(List.of(items)));
    }

    private static void exercise(Blockstore store) {
        byte[] data = list(IpldValue.Int.of(1));
        Cid cid = store.putDagCbor(data);
        assertThat(cid).isEqualTo(Cid.forDagCbor(data));
        assertThat(store.get(cid)).isEqualTo(data);
        assertThat(store.has(cid)).isTrue();
        Cid absent = Cid.forDagCbor(list(IpldValue.Int.of(2)));
        assertThat(store.get(absent)).isNull();
        assertThat(store.has(absent)).isFalse();
        assertThatThrownBy(() -> store.getOrThrow(absent))
                .isInstanceOf(MissingBlockException.class)
                .hasMessageContaining(absent.toString());
        Cid inline = Cid.v1(Multicodec.RAW, Multihash.digest(MultihashCode.IDENTITY, new byte[] {9, 8}));
        assertThat(store.get(inline)).containsExactly(9, 8);
        List<Block> many = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            byte[] d = list(IpldValue.Int.of(1000 + i));
            many.add(new Block(Cid.forDagCbor(d), d));
        }
        store.putAll(many);
        assertThat(many).allSatisfy(b -> assertThat(store.get(b.cid())).isEqualTo(b.data()));
    }

    @Test
    void memoryStore() {
        exercise(new MemoryBlockstore());
    }

    @Test
    void rocksDbStorePersistsAcrossReopen(@TempDir Path dir) {
        byte[] data = list(IpldValue.Int.of(42));
        Cid cid;
        try (RocksDbBlockstore store = RocksDbBlockstore.open(dir.resolve("db"), 8 << 20)) {
            exercise(store);
            cid = store.putDagCbor(data);
            store.flushToDisk();
        }
        try (RocksDbBlockstore store = RocksDbBlockstore.openReadOnly(dir.resolve("db"), 8 << 20)) {
            assertThat(store.get(cid)).isEqualTo(data);
            assertThat(store.estimatedBlockCount()).isGreaterThanOrEqualTo(1000);
        }
        assertThatThrownBy(() -> RocksDbBlockstore.openReadOnly(dir.resolve("missing"), 1 << 20))
                .isInstanceOf(BlockstoreException.class)
                .hasMessageContaining("missing");
    }

    @Test
    void bufferedStoreFlushesOnlyWhatTheRootReaches() {
        MemoryBlockstore base = new MemoryBlockstore();
        Cid preexisting = base.putDagCbor(list(IpldValue.Int.of(7)));
        BufferedBlockstore buffered = new BufferedBlockstore(base);
        exercise(buffered);
        Cid leaf = buffered.putDagCbor(list(IpldValue.Int.of(3)));
        Cid garbage = buffered.putDagCbor(list(IpldValue.Int.of(4)));
        Cid root = buffered.putDagCbor(list(new IpldValue.Link(leaf), new IpldValue.Link(preexisting)));
        int before = base.size();

        int written = buffered.flush(root);

        assertThat(written).isEqualTo(2);
        assertThat(base.size()).isEqualTo(before + 2);
        assertThat(base.has(root)).isTrue();
        assertThat(base.has(leaf)).isTrue();
        assertThat(base.has(garbage)).isFalse();
        assertThat(buffered.bufferedCount()).isZero();
        assertThat(buffered.get(root)).isNotNull();
    }
}
