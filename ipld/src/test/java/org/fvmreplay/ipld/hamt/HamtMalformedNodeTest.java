package org.fvmreplay.ipld.hamt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.util.HexFormat;
import org.fvmreplay.ipld.blockstore.MemoryBlockstore;
import org.fvmreplay.ipld.blockstore.MissingBlockException;
import org.fvmreplay.ipld.cid.Cid;
import org.junit.jupiter.api.Test;

/**
 * Hand-encoded nodes, after go-hamt-ipld's {@code TestMalformedHamt}: well-formed ones load, and
 * each malformation is rejected with an error naming the node's CID.
 */
class HamtMalformedNodeTest {
    private static final Cid NODE = Cid.parse("bafy2bzaceab7vkg5c3zti7ebqensb3onksjkc4wwktkiledkezgvnbvzs4cti");
    private static final HamtConfig IDENTITY_8 = new HamtConfig(8, 3, 0, HamtHasher.IDENTITY);

    private static byte[] cat(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object p : parts) {
            if (p instanceof Integer i) {
                out.write(i);
            } else {
                out.writeBytes((byte[]) p);
            }
        }
        return out.toByteArray();
    }

    /** A bucket of one-byte keys and one-byte byte-string values. */
    private static byte[] bucket(int... keyValues) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x80 + keyValues.length / 2);
        for (int i = 0; i < keyValues.length; i += 2) {
            out.writeBytes(cat(0x82, 0x41, keyValues[i], 0x41, keyValues[i + 1]));
        }
        return out.toByteArray();
    }

    private static MemoryBlockstore storeWith(byte[] node) {
        MemoryBlockstore store = new MemoryBlockstore();
        // The CID is deliberately not the block's hash: loading must not depend on it.
        store.put(NODE, node);
        return store;
    }

    private static void assertMalformed(byte[] node, HamtConfig conf, String why) {
        assertThatThrownBy(() -> Hamt.load(NODE, storeWith(node), conf))
                .isInstanceOf(HamtException.class)
                .hasMessageContaining(NODE.toString())
                .hasMessageContaining(why)
                .satisfies(e -> assertThat(((HamtException) e).cid()).isEqualTo(NODE));
    }

    @Test
    void minimalNodeLoads() {
        byte[] node = cat(0x82, 0x41, 0x01, 0x81, bucket(0x00, 0xff));
        Hamt hamt = Hamt.load(NODE, storeWith(node), IDENTITY_8);
        assertThat(hamt.get(new byte[] {0})).containsExactly(0x41, 0xff);
    }

    @Test
    void tenEntryNodeNeedsBitWidthAboveThree() {
        ByteArrayOutputStream buckets = new ByteArrayOutputStream();
        for (int i = 0; i < 10; i++) {
            buckets.writeBytes(bucket(i, 0xf0 + i));
        }
        byte[] node = cat(0x82, 0x42, 0x03, 0xff, 0x8a, buckets.toByteArray());
        Hamt hamt = Hamt.load(NODE, storeWith(node), IDENTITY_8);
        for (int i = 0; i < 10; i++) {
            assertThat(hamt.get(new byte[] {(byte) i})).containsExactly(0x41, 0xf0 + i);
        }
        assertMalformed(node, IDENTITY_8.bitWidth(3), "10 pointers exceed the 8");
    }

    @Test
    void bitfieldCountMustMatchPointers() {
        byte[] node = cat(0x82, 0x41, 0x03, 0x81, bucket(0x00, 0xff));
        assertMalformed(node, IDENTITY_8, "1 pointers but 2 bits set");
    }

    @Test
    void linksMustBeDagCbor() {
        byte[] good = HexFormat.of()
                .parseHex("000171a0e4022003faa8dd16f3347c81811b20edcd5492a172d654d485906a264d5686b9970534");
        byte[] dagPb = HexFormat.of()
                .parseHex("000170a0e4022003faa8dd16f3347c81811b20edcd5492a172d654d485906a264d5686b9970534");
        Hamt.load(NODE, storeWith(cat(0x82, 0x41, 0x01, 0x81, 0xd8, 0x2a, 0x58, 0x27, good)), IDENTITY_8);
        assertMalformed(
                cat(0x82, 0x41, 0x01, 0x81, 0xd8, 0x2a, 0x58, 0x27, dagPb), IDENTITY_8, "not dag-cbor but dag-pb");
    }

    @Test
    void bucketsMustBeNonEmptySmallSortedAndUnique() {
        assertMalformed(cat(0x82, 0x41, 0x01, 0x81, bucket()), IDENTITY_8, "empty bucket");
        assertMalformed(
                cat(0x82, 0x41, 0x01, 0x81, bucket(0, 0xff, 1, 0xff, 2, 0xff, 3, 0xff)),
                IDENTITY_8,
                "bucket of 4 entries exceeds the maximum 3");
        assertMalformed(cat(0x82, 0x41, 0x01, 0x81, bucket(1, 0xff, 0, 0xff)), IDENTITY_8, "unsorted");
        assertMalformed(cat(0x82, 0x41, 0x01, 0x81, bucket(0, 0x01, 0, 0x02)), IDENTITY_8, "duplicate");
    }

    @Test
    void structuralGarbageIsReportedWithTheCid() {
        assertMalformed(cat(0x83, 0x40, 0x80, 0x80), IDENTITY_8, "tuple of 2 fields");
        assertMalformed(cat(0x82, 0x40), IDENTITY_8, "exceeds the input");
        assertMalformed(cat(0x82, 0x41, 0x01, 0x81, 0x01), IDENTITY_8, "expected tag");
        assertMalformed(cat(0x82, 0x40, 0x80, 0x00), IDENTITY_8, "trailing");
        assertMalformed(cat(0x82, 0x58, 0x21, new byte[33], 0x80), IDENTITY_8, "bitfield of 33 bytes");
    }

    @Test
    void emptyChildNodesAreRejected() {
        MemoryBlockstore store = new MemoryBlockstore();
        Cid child = store.putDagCbor(cat(0x82, 0x40, 0x80));
        byte[] childRef = child.toBytes();
        Cid root = store.putDagCbor(cat(0x82, 0x41, 0x01, 0x81, 0xd8, 0x2a, 0x58, childRef.length + 1, 0x00, childRef));
        Hamt hamt = Hamt.load(root, store, IDENTITY_8);
        assertThatThrownBy(() -> hamt.get(new byte[] {0}))
                .isInstanceOf(HamtException.class)
                .hasMessageContaining(child.toString())
                .hasMessageContaining("non-root node has no pointers");
    }

    @Test
    void missingBlocksNameTheCid() {
        MemoryBlockstore store = new MemoryBlockstore();
        assertThatThrownBy(() -> Hamt.load(NODE, store))
                .isInstanceOf(MissingBlockException.class)
                .hasMessageContaining(NODE.toString());

        // A root whose child is absent: every traversal reports the child's CID.
        byte[] childRef = NODE.toBytes();
        Cid root = store.putDagCbor(cat(0x82, 0x41, 0x01, 0x81, 0xd8, 0x2a, 0x58, childRef.length + 1, 0x00, childRef));
        Hamt hamt = Hamt.load(root, store, IDENTITY_8);
        assertThatThrownBy(() -> hamt.get(new byte[] {0}))
                .isInstanceOf(MissingBlockException.class)
                .satisfies(e -> assertThat(((MissingBlockException) e).cid()).isEqualTo(NODE));
        assertThatThrownBy(() -> hamt.set(new byte[] {0}, Cbor.uint(1))).isInstanceOf(MissingBlockException.class);
        assertThatThrownBy(() -> hamt.delete(new byte[] {0})).isInstanceOf(MissingBlockException.class);
        assertThatThrownBy(() -> hamt.iterator().hasNext()).isInstanceOf(MissingBlockException.class);
        // Keys routed elsewhere never touch the missing child.
        assertThat(hamt.get(new byte[] {1})).isNull();
    }

    @Test
    void badValuesAreRejectedBeforeTheyReachABlock() {
        Hamt hamt = Hamt.create(new MemoryBlockstore());
        assertThatThrownBy(() -> hamt.set(new byte[] {1}, new byte[] {0x18}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("exactly one DAG-CBOR item");
        assertThatThrownBy(() -> hamt.set(new byte[] {1}, new byte[] {0x01, 0x02}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(hamt.isEmpty()).isTrue();
    }

    @Test
    void hashExhaustionIsAClearError() {
        // With the identity hasher, keys sharing 32 bytes collide completely; the fourth overflows.
        Hamt hamt = Hamt.create(new MemoryBlockstore(), IDENTITY_8);
        byte[] prefix = new byte[32];
        for (int i = 0; i < 3; i++) {
            byte[] key = java.util.Arrays.copyOf(prefix, 33);
            key[32] = (byte) i;
            hamt.set(key, Cbor.uint(i));
        }
        byte[] fourth = java.util.Arrays.copyOf(prefix, 33);
        fourth[32] = 3;
        assertThatThrownBy(() -> hamt.set(fourth, Cbor.uint(3)))
                .isInstanceOf(HamtException.class)
                .hasMessageContaining("maximum depth");
    }
}
