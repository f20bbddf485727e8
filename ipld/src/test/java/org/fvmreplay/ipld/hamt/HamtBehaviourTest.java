package org.fvmreplay.ipld.hamt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.fvmreplay.ipld.hamt.Cbor.tbytes;
import static org.fvmreplay.ipld.hamt.Cbor.tstring;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.fvmreplay.ipld.blockstore.MemoryBlockstore;
import org.fvmreplay.ipld.cid.Cid;
import org.junit.jupiter.api.Test;

/** The reference's CID-free HAMT tests, and loading blocks encoded by hand as the reference writes them. */
class HamtBehaviourTest {
    private static final HamtConfig REF_DEFAULT = new HamtConfig(8, 3, 0, HamtHasher.SHA2_256);

    @Test
    void basics() {
        Hamt hamt = Hamt.create(new MemoryBlockstore(), REF_DEFAULT);
        assertThat(hamt.set(tstring(1), Cbor.text("world"))).isNull();
        assertThat(hamt.get(tstring(1))).isEqualTo(Cbor.text("world"));
        assertThat(hamt.set(tstring(1), Cbor.text("world2"))).isEqualTo(Cbor.text("world"));
        assertThat(hamt.get(tstring(1))).isEqualTo(Cbor.text("world2"));
        assertThat(hamt.get(tstring(2))).isNull();
        assertThat(hamt.containsKey(tstring(2))).isFalse();
    }

    /** ref-fvm's test_n_keys, on fewer sizes: flush, flush-and-reload and set_root mid-way. */
    @Test
    void sequentialKeysSurviveFlushAndReload() {
        MemoryBlockstore store = new MemoryBlockstore();
        for (int n : new int[] {0, 1, 3, 4, 17, 100, 300}) {
            Hamt hamt = Hamt.create(store, REF_DEFAULT);
            for (int j = 0; j < n; j++) {
                if (j == n / 3) {
                    hamt.flush();
                } else if (j == 2 * n / 3) {
                    Cid mid = hamt.flush();
                    hamt.set(key(0), tbytes("yolo"));
                    hamt.setRoot(mid);
                }
                hamt.set(key(j), tbytes(j));
            }
            assertThat(hamt.get(key(n + 1))).isNull();
            Cid root = hamt.flush();
            Hamt reloaded = Hamt.load(root, store, REF_DEFAULT);
            List<HamtEntry> a = new ArrayList<>();
            List<HamtEntry> b = new ArrayList<>();
            hamt.forEach((k, v) -> a.add(new HamtEntry(k, v)));
            reloaded.forEach((k, v) -> b.add(new HamtEntry(k, v)));
            assertThat(b).hasSize(n).isEqualTo(a);
            for (int j = 0; j < n; j++) {
                assertThat(Hamt.load(root, store, REF_DEFAULT).get(key(j))).isEqualTo(tbytes(j));
            }
        }
    }

    private static byte[] key(long j) {
        byte[] k = new byte[32];
        for (int i = 0; i < 8; i++) {
            k[31 - i] = (byte) (j >>> (8 * i));
        }
        return k;
    }

    @Test
    void setRootSwitchesContents() {
        MemoryBlockstore store = new MemoryBlockstore();
        Hamt hamt = Hamt.create(store, REF_DEFAULT);
        hamt.set(tstring(1), Cbor.text("world"));
        Cid c1 = hamt.flush();
        hamt.set(tstring(2), Cbor.text("world2"));
        Cid c2 = hamt.flush();

        Hamt other = Hamt.load(c1, store, REF_DEFAULT);
        assertThat(other.get(tstring(2))).isNull();
        other.setRoot(c2);
        assertThat(other.get(tstring(2))).isEqualTo(Cbor.text("world2"));
        assertThat(other.flush()).isEqualTo(c2);
        assertThat(Hamt.load(c1, store, REF_DEFAULT).flush()).isEqualTo(c1);
    }

    @Test
    void clearEmptiesTheHamt() {
        MemoryBlockstore store = new MemoryBlockstore();
        Hamt hamt = Hamt.create(store, REF_DEFAULT);
        Cid empty = hamt.flush();
        hamt.clear();
        assertThat(hamt.isEmpty()).isTrue();
        hamt.set(tstring(1), Cbor.text("a"));
        hamt.set(tstring(2), Cbor.text("b"));
        assertThat(hamt.isEmpty()).isFalse();
        hamt.clear();
        assertThat(hamt.isEmpty()).isTrue();
        assertThat(hamt.get(tstring(1))).isNull();
        assertThat(hamt.flush()).isEqualTo(empty);
        hamt.set(tstring(3), Cbor.text("c"));
        assertThat(hamt.get(tstring(3))).isEqualTo(Cbor.text("c"));
    }

    @Test
    void iterationFromAnAbsentKeyFails() {
        Hamt hamt = Hamt.create(new MemoryBlockstore());
        for (int i = 0; i < 50; i++) {
            hamt.set(tstring(i), Cbor.uint(i));
        }
        assertThatThrownBy(() -> hamt.iteratorFrom(tstring("nope")))
                .isInstanceOf(HamtException.class)
                .hasMessageContaining("not in the HAMT");
    }

    /**
     * Blocks written byte by byte from the format description (as ref-fvm/go-hamt-ipld write them)
     * hash to the reference's CIDs and load with the expected contents.
     */
    @Test
    void loadsRootsEncodedByTheReference() {
        MemoryBlockstore store = new MemoryBlockstore();
        // Empty node: [h'', []].
        Cid empty = store.putDagCbor(HexFormat.of().parseHex("824080"));
        assertThat(empty).isEqualTo(Cid.parse("bafy2bzaceamp42wmmgr2g2ymg46euououzfyck7szknvfacqscohrvaikwfay"));
        assertThat(Hamt.load(empty, store, REF_DEFAULT).isEmpty()).isTrue();

        // ref-fvm delete_case: key h'00' -> h'Test data'. sha256(00) starts 0x6e, so with bit
        // width 8 bit 110 is set: a 14-byte bitfield 0x40 followed by 13 zero bytes.
        String node = "82" + "4e" + "40" + "00".repeat(13) + "81" + "81" + "82" + "4100" + "49"
                + HexFormat.of().formatHex("Test data".getBytes(StandardCharsets.US_ASCII));
        Cid one = store.putDagCbor(HexFormat.of().parseHex(node));
        assertThat(one).isEqualTo(Cid.parse("bafy2bzaceb2hikcc6tfuuuuehjstbiq356oruwx6ejyse77zupq445unranv6"));
        Hamt hamt = Hamt.load(one, store, REF_DEFAULT);
        assertThat(hamt.get(new byte[] {0})).isEqualTo(Cbor.bytes("Test data".getBytes(StandardCharsets.US_ASCII)));
        assertThat(hamt.iterator()).toIterable().hasSize(1);
        assertThat(hamt.delete(new byte[] {0})).isNotNull();
        assertThat(hamt.flush()).isEqualTo(empty);
    }

    @Test
    void roundTripThroughAMemoryBlockstoreKeepsEveryBlockReachable() {
        MemoryBlockstore store = new MemoryBlockstore();
        Hamt hamt = Hamt.create(store);
        for (int i = 0; i < 2000; i++) {
            hamt.set(tstring("key-" + i), Cbor.uint(i));
        }
        Cid root = hamt.flush();
        // Copy only the blocks into a fresh store, verifying each against its CID on the way.
        MemoryBlockstore copy = new MemoryBlockstore();
        store.asMap().forEach((cid, data) -> {
            assertThat(cid.verifies(data)).isTrue();
            copy.put(cid, data);
        });
        Hamt reloaded = Hamt.load(root, copy);
        for (int i = 0; i < 2000; i++) {
            assertThat(reloaded.get(tstring("key-" + i))).isEqualTo(Cbor.uint(i));
        }
        assertThat(reloaded.iterator()).toIterable().hasSize(2000);
        assertThat(reloaded.flush()).isEqualTo(root);
    }

    @Test
    void keyHelpers() {
        assertThat(HamtKeys.uvarint(0)).containsExactly(0x00);
        assertThat(HamtKeys.uvarint(300)).containsExactly(0xac, 0x02);
        assertThat(HamtKeys.parseUvarint(HamtKeys.uvarint(1L << 40))).isEqualTo(1L << 40);
        assertThatThrownBy(() -> HamtKeys.uvarint(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HamtKeys.parseUvarint(new byte[] {0x01, 0x02}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(HamtKeys.utf8("é")).containsExactly(0xc3, 0xa9);
    }
}
