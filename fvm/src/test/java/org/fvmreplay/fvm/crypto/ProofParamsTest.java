package org.fvmreplay.fvm.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.fvmreplay.ipld.cbor.DagCbor;
import org.fvmreplay.ipld.cid.Cid;
import org.fvmreplay.ipld.model.IpldValue;
import org.junit.jupiter.api.Test;

class ProofParamsTest {
    private static final Cid PIECE = PieceCommitments.unsealedCid(PieceCommitments.zeroPieceCommitment(1024));
    private static final IpldValue CID = new IpldValue.Link(PIECE);
    private static final IpldValue BYTES = new IpldValue.Bytes(new byte[32]);

    private static IpldValue list(IpldValue... values) {
        return new IpldValue.ListValue(List.of(values));
    }

    private static IpldValue integer(long v) {
        return IpldValue.Int.of(v);
    }

    @Test
    void decodesPieceInfos() {
        byte[] cbor = DagCbor.encode(list(list(integer(1024), CID), list(integer(2048), CID)));
        assertThat(ProofParams.pieces(cbor)).containsExactly(new PieceInfo(1024, PIECE), new PieceInfo(2048, PIECE));
        assertThat(ProofParams.pieces(DagCbor.encode(list()))).isEmpty();
    }

    @Test
    void decodesWhatTheProofChargesNeed() {
        IpldValue info = list(integer(7), BYTES, BYTES, CID, CID);
        byte[] aggregate = DagCbor.encode(list(integer(1000), integer(8), integer(0), BYTES, list(info, info, info)));
        assertThat(ProofParams.aggregateSeals(aggregate)).isEqualTo(new ProofParams.AggregateSeals(8, 3));

        IpldValue sector = list(integer(8), integer(5), CID);
        byte[] post = DagCbor.encode(list(BYTES, list(list(integer(13), BYTES)), list(sector, sector), integer(1000)));
        ProofParams.WindowPost windowPost = ProofParams.windowPost(post);
        assertThat(windowPost.firstProofType()).hasValue(13);
        assertThat(windowPost.challengedSectorCount()).isEqualTo(2);

        IpldValue seal =
                list(integer(8), list(integer(1000), integer(5)), list(integer(1)), BYTES, BYTES, BYTES, CID, CID);
        assertThat(ProofParams.sealVerifyInfoCount(DagCbor.encode(list(seal, seal))))
                .isEqualTo(2);
    }

    @Test
    void replicaUpdateProofIsAnArrayOfByteValuesAsFvmSharedEncodesIt() {
        ProofParams.checkReplicaUpdate(DagCbor.encode(list(integer(3), CID, CID, CID, list(integer(1), integer(255)))));
        assertThatThrownBy(() -> ProofParams.checkReplicaUpdate(DagCbor.encode(list(integer(3), CID, CID, CID, BYTES))))
                .isInstanceOf(CryptoInputException.class)
                .hasMessageContaining("proof must be a CBOR array");
        assertThatThrownBy(() -> ProofParams.checkReplicaUpdate(
                        DagCbor.encode(list(integer(3), CID, CID, CID, list(integer(256))))))
                .isInstanceOf(CryptoInputException.class)
                .hasMessageContaining("0..255");
    }

    @Test
    void malformedParametersSayWhatIsWrong() {
        assertThatThrownBy(() -> ProofParams.pieces(new byte[] {(byte) 0x82, 0x01}))
                .isInstanceOf(CryptoInputException.class)
                .hasMessageContaining("cannot decode PieceInfo list (2 bytes of CBOR)");
        assertThatThrownBy(() -> ProofParams.pieces(DagCbor.encode(list(list(integer(-1), CID)))))
                .isInstanceOf(CryptoInputException.class)
                .hasMessageContaining("PieceInfo.size must be an unsigned 64-bit integer");
        assertThatThrownBy(() -> ProofParams.aggregateSeals(DagCbor.encode(list(integer(1)))))
                .isInstanceOf(CryptoInputException.class)
                .hasMessageContaining("must have 5 fields, got 1");
    }
}
