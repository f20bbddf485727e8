package org.fvmreplay.fvm.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.List;
import org.fvmreplay.ipld.cid.Cid;
import org.fvmreplay.ipld.cid.Multicodec;
import org.fvmreplay.ipld.cid.Multihash;
import org.fvmreplay.ipld.cid.MultihashCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UnsealedSectorCidTest {
    private static final HexFormat HEX = HexFormat.of();

    /** fvm_shared's piece/zero.rs table: the first three entries and the last (2^41 bytes). */
    @ParameterizedTest
    @CsvSource({
        "128, 3731bb99ac689f66eef5973e4a94da188f4ddcae580724fc6f3fd60dfd488333",
        "256, 642a607ef886b004bf2c1978463ae1d4693ac0f410eb2d1b7a47fe205e5e750f",
        "512, 57a2381a28652bf47f6bef7aca679be4aede5871ab5cf3eb2c08114488cb8526",
        "2199023255552, aaaa8c4cb40aacee1e02dc65424b2a6c8e99f803b72f7929c4101d7fae6bff32",
    })
    void zeroPieceCommitmentsMatchTheReferenceTable(long size, String expected) {
        assertThat(HEX.formatHex(PieceCommitments.zeroPieceCommitment(size))).isEqualTo(expected);
    }

    /** builtin-actors' zero CommD per seal proof (empty sectors): V1 and V1_1 share sizes. */
    @ParameterizedTest
    @CsvSource({
        "0, baga6ea4seaqpy7usqklokfx2vxuynmupslkeutzexe2uqurdg5vhtebhxqmpqmy",
        "1, baga6ea4seaqgl4u6lwmnerwdrm4iz7ag3mpwwaqtapc2fciabpooqmvjypweeha",
        "2, baga6ea4seaqdsvqopmj2soyhujb72jza76t4wpq5fzifvm3ctz47iyytkewnubq",
        "3, baga6ea4seaqao7s73y24kcutaosvacpdjgfe5pw76ooefnyqw4ynr3d2y6x2mpq",
        "4, baga6ea4seaqomqafu276g53zko4k23xzh4h4uecjwicbmvhsuqi7o4bhthhm4aq",
        "5, baga6ea4seaqpy7usqklokfx2vxuynmupslkeutzexe2uqurdg5vhtebhxqmpqmy",
        "7, baga6ea4seaqdsvqopmj2soyhujb72jza76t4wpq5fzifvm3ctz47iyytkewnubq",
        "8, baga6ea4seaqao7s73y24kcutaosvacpdjgfe5pw76ooefnyqw4ynr3d2y6x2mpq",
    })
    void emptySectorsHaveTheZeroCommD(long sealProof, String expected) {
        assertThat(UnsealedSectorCid.compute(sealProof, List.of()).toString()).isEqualTo(expected);
    }

    /** Forest's parity test against go-commp-utils: one 1 KiB piece in a 512 MiB V1_1 sector. */
    @Test
    void onePieceMatchesGoCommpUtils() {
        Cid piece = Cid.v1(
                Multicodec.FIL_COMMITMENT_UNSEALED,
                Multihash.of(
                        MultihashCode.SHA2_256_TRUNC254_PADDED,
                        HEX.parseHex("9c2bef5edd10e6e042e766152c38b9bb9a107eb46193871e28da3c939bd30601")));
        assertThat(piece.toString()).isEqualTo("baga6ea4seaqjyk7pl3orbzxailtwmfjmhc43xgqqp22gde4hdyunupettpjqmai");
        assertThat(UnsealedSectorCid.compute(7, List.of(new PieceInfo(1024, piece)))
                        .toString())
                .isEqualTo("baga6ea4seaqoebmodxmpe6nrd63rqey67bhby43u4mxyx2v2vpxnfv7zxdr6uaa");
    }

    @Test
    void aSectorFilledWithZeroPiecesHasTheEmptyCommD() {
        Cid zero1k = PieceCommitments.unsealedCid(PieceCommitments.zeroPieceCommitment(1024));
        // 2 KiB sector: a 128-byte zero piece then a 1 KiB zero piece: padding goes between, the total is all zeros
        Cid zero128 = PieceCommitments.unsealedCid(PieceCommitments.zeroPieceCommitment(128));
        assertThat(UnsealedSectorCid.compute(0, List.of(new PieceInfo(128, zero128), new PieceInfo(1024, zero1k))))
                .isEqualTo(UnsealedSectorCid.compute(0, List.of()));
    }

    @Test
    void rejectsPiecesThatDoNotFit() {
        Cid zero = PieceCommitments.unsealedCid(PieceCommitments.zeroPieceCommitment(2048));
        assertThatThrownBy(() ->
                        UnsealedSectorCid.compute(0, List.of(new PieceInfo(2048, zero), new PieceInfo(2048, zero))))
                .isInstanceOf(CryptoInputException.class)
                .hasMessageContaining("larger than the sector");
        assertThatThrownBy(() -> UnsealedSectorCid.compute(0, List.of(new PieceInfo(384, zero))))
                .isInstanceOf(CryptoInputException.class)
                .hasMessageContaining("power of 2");
        assertThatThrownBy(() -> UnsealedSectorCid.compute(15, List.of()))
                .isInstanceOf(CryptoInputException.class)
                .hasMessageContaining("invalid seal proof type 15");
    }

    @Test
    void rejectsPieceCidsThatAreNoPieceCommitments() {
        Cid dagCbor = Cid.forDagCbor(new byte[] {(byte) 0xa0});
        assertThatThrownBy(() -> UnsealedSectorCid.compute(0, List.of(new PieceInfo(128, dagCbor))))
                .isInstanceOf(CryptoInputException.class)
                .hasMessageContaining("fil-commitment-unsealed");
    }
}
