package org.fvmreplay.ipld.cid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class CidTest {
    @Test
    void rawSha256OfHelloWorldHasItsWellKnownCid() {
        Cid cid = Cid.compute(Multicodec.RAW, MultihashCode.SHA2_256, "hello world".getBytes(StandardCharsets.UTF_8));
        assertThat(cid).hasToString("bafkreifzjut3te2nhyekklss27nh3k72ysco7y32koao5eei66wof36n5e");
    }

    @Test
    void emptyHamtNodeHasFilecoinsEmptyMapCid() {
        // the DAG-CBOR block [h'', []] is the root of every empty Filecoin HAMT
        Cid cid = Cid.forDagCbor(HexFormat.of().parseHex("824080"));
        assertThat(cid).hasToString("bafy2bzaceamp42wmmgr2g2ymg46euououzfyck7szknvfacqscohrvaikwfay");
        assertThat(cid.version()).isEqualTo(1);
        assertThat(cid.codec()).isEqualTo(Multicodec.DAG_CBOR);
        assertThat(cid.multihash().code()).isEqualTo(MultihashCode.BLAKE2B_256);
    }

    @Test
    void stringAndBinaryFormsRoundTrip() {
        String s = "bafy2bzacealdoc537kdmccwdnhiis7gn2ewxrmmqcuxm7e3a6bha7w4vb6dfe";
        Cid cid = Cid.parse(s);
        assertThat(cid).hasToString(s);
        assertThat(Cid.fromBytes(cid.toBytes())).isEqualTo(cid);
        assertThat(Cid.parse("z" + Multibase.encodeBase58(cid.toBytes()))).isEqualTo(cid);
    }

    @Test
    void cidV0ParsesAndPrintsAsBareBase58() {
        String s = "QmdfTbBqBPQ7VNxZEYEj14VmRuZBkqFbiwReogJgS1zR1n";
        Cid cid = Cid.parse(s);
        assertThat(cid.version()).isZero();
        assertThat(cid.codec()).isEqualTo(Multicodec.DAG_PB);
        assertThat(cid.byteLength()).isEqualTo(34);
        assertThat(cid).hasToString(s);
    }

    @Test
    void filecoinCommitmentCodecsAreValues() {
        byte[] digest = new byte[32];
        digest[0] = 7;
        Cid commD = Cid.v1(
                Multicodec.FIL_COMMITMENT_UNSEALED, Multihash.of(MultihashCode.SHA2_256_TRUNC254_PADDED, digest));
        Cid commR =
                Cid.v1(Multicodec.FIL_COMMITMENT_SEALED, Multihash.of(MultihashCode.POSEIDON_BLS12_381_A2_FC1, digest));
        assertThat(Cid.parse(commD.toString())).isEqualTo(commD);
        assertThat(Cid.parse(commR.toString())).isEqualTo(commR);
        // the well-known "baga6ea4sea..." prefix of piece CIDs
        assertThat(commD.toString()).startsWith("baga6ea4sea");
        assertThatThrownBy(() -> commD.verifies(new byte[0])).isInstanceOf(UnsupportedHashException.class);
    }

    @Test
    void verifiesItsData() {
        byte[] data = "abc".getBytes(StandardCharsets.UTF_8);
        Cid cid = Cid.compute(Multicodec.RAW, MultihashCode.BLAKE2B_256, data);
        assertThat(cid.verifies(data)).isTrue();
        assertThat(cid.verifies("abd".getBytes(StandardCharsets.UTF_8))).isFalse();
    }

    @Test
    void rejectsMalformedBinaryAndStrings() {
        byte[] good = Cid.forDagCbor(new byte[] {(byte) 0x80}).toBytes();
        byte[] trailing = java.util.Arrays.copyOf(good, good.length + 1);
        assertThatThrownBy(() -> Cid.fromBytes(trailing)).hasMessageContaining("trailing");
        byte[] truncated = java.util.Arrays.copyOf(good, good.length - 1);
        assertThatThrownBy(() -> Cid.fromBytes(truncated)).hasMessageContaining("past the end");
        assertThatThrownBy(() -> Cid.fromBytes(new byte[] {2, 0x71, 0x12, 0})).hasMessageContaining("version 2");
        // non-minimal varint codec: 0x71 written as two bytes
        assertThatThrownBy(() -> Cid.fromBytes(new byte[] {1, (byte) 0xF1, 0x00, 0x12, 0}))
                .hasMessageContaining("non-minimal");
        assertThatThrownBy(() -> Cid.parse("mAXESIA")).hasMessageContaining("multibase prefix");
        assertThatThrownBy(() -> Cid.parse("bafy!")).hasMessageContaining("base32");
        assertThatThrownBy(() -> Cid.parse("")).hasMessageContaining("empty");
    }

    @Test
    void varintIsStrict() {
        assertThat(Varint.encode(300)).containsExactly(0xAC, 0x02);
        assertThat(Varint.read(new byte[] {(byte) 0xAC, 0x02}, 0, 2)).isEqualTo(300);
        assertThatThrownBy(() -> Varint.read(new byte[] {(byte) 0x80, 0x00}, 0, 2))
                .hasMessageContaining("non-minimal");
        assertThatThrownBy(() -> Varint.read(new byte[] {(byte) 0x80}, 0, 1)).hasMessageContaining("truncated");
        byte[] max = Varint.encode(-1L);
        assertThat(max).hasSize(10);
        assertThat(Varint.readUnsigned64(max, 0, max.length)).isEqualTo(-1L);
        assertThatThrownBy(() -> Varint.read(max, 0, max.length)).hasMessageContaining("longer than 9");
    }
}
