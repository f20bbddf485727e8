package org.fvmreplay.ipld.amt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.fvmreplay.ipld.blockstore.MemoryBlockstore;
import org.fvmreplay.ipld.blockstore.MissingBlockException;
import org.fvmreplay.ipld.cid.Cid;
import org.fvmreplay.ipld.hamt.Cbor;
import org.junit.jupiter.api.Test;

/** Limits, malformed blocks, missing blocks, and roots encoded by hand as the reference writes them. */
class AmtBehaviourTest {
    private static final Cid SOME_CID = Cid.parse("bafy2bzaceab7vkg5c3zti7ebqensb3onksjkc4wwktkiledkezgvnbvzs4cti");

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }

    @Test
    void loadsRootsEncodedByTheReference() {
        MemoryBlockstore store = new MemoryBlockstore();
        // [3, 0, 0, [h'00', [], []]]
        Cid empty = store.putDagCbor(hex("8403000083410080" + "80"));
        assertThat(empty).isEqualTo(Cid.parse("bafy2bzacedijw74yui7otvo63nfl3hdq2vdzuy7wx2tnptwed6zml4vvz7wee"));
        assertThat(Amt.load(empty, store).count()).isZero();

        // basic_get_set: [3, 0, 1, [h'04', [], [h'666f6f']]]
        Cid basic = store.putDagCbor(hex("840300018341048081" + "43666f6f"));
        assertThat(basic).isEqualTo(Cid.parse("bafy2bzacedv5uu5za6oqtnozjvju5lhbgaybayzhw4txiojw7hd47ktgbv5wc"));
        Amt amt = Amt.load(basic, store);
        assertThat(amt.get(2)).isEqualTo(hex("43666f6f"));
        assertThat(amt.get(3)).isNull();
        assertThat(amt.iterator()).toIterable().containsExactly(new AmtEntry(2, hex("43666f6f")));

        // The legacy v0 root drops the bit width: [0, 1, [h'04', [], [h'666f6f']]]
        Cid legacy = store.putDagCbor(hex("8300018341048081" + "43666f6f"));
        assertThat(legacy).isEqualTo(Cid.parse("bafy2bzaceansvim5z2rzifilsbzsjuoul2adx7iad7x3b4paj3qsexqf6ovxk"));
        assertThat(Amt.load(legacy, store, AmtFormat.V0).get(2)).isEqualTo(hex("43666f6f"));
        assertThatThrownBy(() -> Amt.load(legacy, store))
                .isInstanceOf(AmtException.class)
                .hasMessageContaining(legacy.toString());
    }

    @Test
    void indexLimits() {
        Amt amt = Amt.create(new MemoryBlockstore());
        assertThatThrownBy(() -> amt.get(-1L))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("18446744073709551615 is above the maximum");
        assertThatThrownBy(() -> amt.delete(-1L)).isInstanceOf(IllegalArgumentException.class);
        assertThat(amt.get(Amt.MAX_INDEX)).isNull();
        assertThat(amt.delete(Amt.MAX_INDEX)).isNull();
        amt.set(Amt.MAX_INDEX, Cbor.uint(1));
        assertThat(amt.get(Amt.MAX_INDEX)).isEqualTo(Cbor.uint(1));
        assertThat(amt.iteratorFrom(Amt.MAX_INDEX))
                .toIterable()
                .containsExactly(new AmtEntry(Amt.MAX_INDEX, Cbor.uint(1)));
        amt.delete(Amt.MAX_INDEX);
        assertThat(amt.height()).isZero();
    }

    @Test
    void rootHeightAboveTheLimitIsRejected() {
        MemoryBlockstore store = new MemoryBlockstore();
        // [3, 65, 0, [h'00', [], []]]
        Cid root = store.putDagCbor(hex("8403184100834100" + "8080"));
        assertThatThrownBy(() -> Amt.load(root, store))
                .isInstanceOf(AmtException.class)
                .hasMessageContaining(root.toString())
                .hasMessageContaining("height 65 exceeds the maximum 64");
    }

    @Test
    void malformedNodesNameTheirCid() {
        MemoryBlockstore store = new MemoryBlockstore();
        String[][] cases = {
            {"84030000834200008080", "expected a bitmap of 1 bytes"},
            {"84030000" + "8441018081" + "01" + "80", "tuple of 3 fields"},
            {"8403000083410380" + "8101", "more set bits than the 1 values"},
            {"8403000083410180" + "820102", "fewer set bits than the 2 values"},
            {
                "84030000834101" + "81d82a5827"
                        + "000171a0e4022003faa8dd16f3347c81811b20edcd5492a172d654d485906a264d5686b9970534" + "80",
                "leaf (height 0) node has links"
            },
            {"8400000083410080" + "80", "bit width 0 is outside"},
        };
        for (String[] c : cases) {
            Cid root = store.putDagCbor(hex(c[0]));
            assertThatThrownBy(() -> Amt.load(root, store))
                    .as(c[1])
                    .isInstanceOf(AmtException.class)
                    .hasMessageContaining(root.toString())
                    .hasMessageContaining(c[1]);
        }
    }

    @Test
    void malformedChildNamesTheChild() {
        MemoryBlockstore store = new MemoryBlockstore();
        Cid child = store.putDagCbor(hex("83410180" + "820102"));
        byte[] ref = child.toBytes();
        String link = "d82a58" + String.format("%02x", ref.length + 1) + "00"
                + HexFormat.of().formatHex(ref);
        // [3, 1, 2, [h'01', [child], []]]
        Cid root = store.putDagCbor(hex("84030102834101" + "81" + link + "80"));
        Amt amt = Amt.load(root, store);
        assertThatThrownBy(() -> amt.get(0))
                .isInstanceOf(AmtException.class)
                .hasMessageContaining(child.toString())
                .hasMessageContaining("at height 0");
    }

    @Test
    void missingBlocksNameTheCid() {
        MemoryBlockstore store = new MemoryBlockstore();
        assertThatThrownBy(() -> Amt.load(SOME_CID, store))
                .isInstanceOf(MissingBlockException.class)
                .hasMessageContaining(SOME_CID.toString());
        byte[] ref = SOME_CID.toBytes();
        String link = "d82a58" + String.format("%02x", ref.length + 1) + "00"
                + HexFormat.of().formatHex(ref);
        Cid root = store.putDagCbor(hex("84030101834101" + "81" + link + "80"));
        Amt amt = Amt.load(root, store);
        assertThatThrownBy(() -> amt.get(3))
                .isInstanceOf(MissingBlockException.class)
                .satisfies(e -> assertThat(((MissingBlockException) e).cid()).isEqualTo(SOME_CID));
        assertThatThrownBy(() -> amt.set(3, Cbor.uint(1))).isInstanceOf(MissingBlockException.class);
        assertThatThrownBy(() -> amt.delete(3)).isInstanceOf(MissingBlockException.class);
        assertThatThrownBy(() -> amt.iterator().hasNext()).isInstanceOf(MissingBlockException.class);
        assertThat(amt.get(9)).isNull();
    }

    @Test
    void badArgumentsAreRejected() {
        MemoryBlockstore store = new MemoryBlockstore();
        assertThatThrownBy(() -> Amt.create(store, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bit width");
        assertThatThrownBy(() -> Amt.create(store, AmtFormat.V0, 5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("legacy v0");
        Amt amt = Amt.create(store);
        assertThatThrownBy(() -> amt.set(0, new byte[] {(byte) 0x82, 0x01}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("exactly one DAG-CBOR item");
        assertThat(amt.count()).isZero();
    }

    @Test
    void reloadedContentsRoundTrip() {
        MemoryBlockstore store = new MemoryBlockstore();
        Amt amt = Amt.create(store, 5);
        for (long i = 0; i < 3000; i += 7) {
            amt.set(i * i, Cbor.uint(i));
        }
        Cid root = amt.flush();
        MemoryBlockstore copy = new MemoryBlockstore();
        store.asMap().forEach((cid, data) -> {
            assertThat(cid.verifies(data)).isTrue();
            copy.put(cid, data);
        });
        Amt reloaded = Amt.load(root, copy);
        assertThat(reloaded.bitWidth()).isEqualTo(5);
        assertThat(reloaded.count()).isEqualTo(amt.count());
        for (long i = 0; i < 3000; i += 7) {
            assertThat(reloaded.get(i * i)).isEqualTo(Cbor.uint(i));
        }
        assertThat(reloaded.flush()).isEqualTo(root);
    }
}
