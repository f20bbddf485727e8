package org.fvmreplay.ipld.blockstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.fvmreplay.ipld.cbor.CborWriter;
import org.fvmreplay.ipld.cid.Cid;
import org.fvmreplay.ipld.cid.Multicodec;
import org.fvmreplay.ipld.cid.Multihash;
import org.junit.jupiter.api.Test;

/** The flush of the VM's buffered store follows ref-fvm's {@code take_reachable}. */
class BufferedBlockstoreFlushTest {
    private static final long BLAKE2B_256 = 0xb220;

    private static Cid put(BufferedBlockstore store, long codec, byte[] data) {
        Cid cid = Cid.compute(codec, BLAKE2B_256, data);
        store.put(cid, data);
        return cid;
    }

    private static byte[] linking(Cid... links) {
        CborWriter w = new CborWriter(64).writeArrayHeader(links.length);
        for (Cid link : links) {
            w.writeCid(link);
        }
        return w.toByteArray();
    }

    @Test
    void writesABlockReachedOnlyThroughAnIdentityCidsInlineContent() {
        MemoryBlockstore base = new MemoryBlockstore();
        BufferedBlockstore buffered = new BufferedBlockstore(base);
        Cid leaf = put(buffered, Multicodec.RAW, "leaf".getBytes(StandardCharsets.UTF_8));
        Cid inline = Cid.v1(Multicodec.DAG_CBOR, Multihash.of(0x00, linking(leaf)));
        Cid root = put(buffered, Multicodec.DAG_CBOR, linking(inline));
        Cid garbage = put(buffered, Multicodec.RAW, "unreachable".getBytes(StandardCharsets.UTF_8));

        assertThat(buffered.flush(root)).isEqualTo(2);
        assertThat(base.has(root)).isTrue();
        assertThat(base.has(leaf)).isTrue();
        assertThat(base.has(garbage)).isFalse();
    }

    @Test
    void skipsSectorCommitmentsAndBlocksAlreadyInTheBase() {
        MemoryBlockstore base = new MemoryBlockstore();
        BufferedBlockstore buffered = new BufferedBlockstore(base);
        Cid commitment = Cid.v1(0xf101, Multihash.of(0x1012, new byte[32]));
        Cid root = put(
                buffered,
                Multicodec.DAG_CBOR,
                linking(commitment, Cid.compute(Multicodec.RAW, BLAKE2B_256, new byte[] {1})));
        assertThat(buffered.flush(root)).isEqualTo(1);
        assertThat(base.has(root)).isTrue();
    }

    @Test
    void failsOnAReachableLinkWithAForbiddenCodecAndWritesNothing() {
        MemoryBlockstore base = new MemoryBlockstore();
        BufferedBlockstore buffered = new BufferedBlockstore(base);
        Cid dagPb = Cid.compute(Multicodec.DAG_PB, BLAKE2B_256, new byte[] {1});
        Cid root = put(buffered, Multicodec.DAG_CBOR, linking(dagPb));
        assertThatThrownBy(() -> buffered.flush(root))
                .isInstanceOf(BlockstoreException.class)
                .hasMessageContaining("unexpected codec");
        assertThat(base.size()).isZero();
    }

    @Test
    void failsOnAReachableLinkWithAnotherHashThanBlake2b256() {
        MemoryBlockstore base = new MemoryBlockstore();
        BufferedBlockstore buffered = new BufferedBlockstore(base);
        Cid sha = Cid.compute(Multicodec.RAW, 0x12, new byte[] {1});
        Cid inline = Cid.v1(Multicodec.DAG_CBOR, Multihash.of(0x00, linking(sha)));
        Cid root = put(buffered, Multicodec.DAG_CBOR, linking(inline));
        assertThatThrownBy(() -> buffered.flush(root))
                .isInstanceOf(BlockstoreException.class)
                .hasMessageContaining("unexpected multihash");
        assertThat(base.size()).isZero();
    }
}
