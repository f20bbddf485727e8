package org.fvmreplay.snapshots;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import org.fvmreplay.ipld.address.Address;
import org.fvmreplay.ipld.blockstore.MemoryBlockstore;
import org.fvmreplay.ipld.cid.Cid;
import org.fvmreplay.ipld.cid.Multicodec;
import org.fvmreplay.ipld.cid.MultihashCode;
import org.junit.jupiter.api.Test;

class BlockHeaderTest {
    private final MemoryBlockstore chain = Chain4.load();

    @Test
    void parsesTheMainnetHeaderAtEpoch3() {
        BlockHeader h =
                BlockHeader.tryParse(Chain4.EPOCH3, chain.get(Chain4.EPOCH3)).orElseThrow();
        assertThat(h.height()).isEqualTo(3);
        assertThat(h.parents()).containsExactly(Chain4.EPOCH2);
        assertThat(Address.fromBytes(h.miner()).toString()).isEqualTo("f01000");
        assertThat(h.parentWeight()).isEqualTo(BigInteger.valueOf(41394));
        assertThat(h.parentStateRoot())
                .isEqualTo(Cid.parse("bafy2bzacebpkfyohjp7thdmpjy44lkimctgphlxu3apnkgwtrkxy723vhbk5y"));
        assertThat(h.parentMessageReceipts())
                .isEqualTo(Cid.parse("bafy2bzacedswlcz5ddgqnyo3sak3jmhmkxashisnlpq6ujgyhe4mlobzpnhs6"));
        assertThat(h.messages()).isEqualTo(Cid.parse("bafy2bzacecmda75ovposbdateg7eyhwij65zklgyijgcjwynlklmqazpwlhba"));
        // mainnet genesis is 2020-08-24T22:00:00Z = 1598306400; epochs are 30 s apart
        assertThat(h.timestamp()).isEqualTo(1598306400L + 3 * 30);
        assertThat(h.parentBaseFee()).isEqualTo(BigInteger.valueOf(67005211));
    }

    @Test
    void genesisHeaderHasTheFillerAsParentAndMinerF00() {
        BlockHeader h =
                BlockHeader.tryParse(Chain4.EPOCH0, chain.get(Chain4.EPOCH0)).orElseThrow();
        assertThat(h.height()).isZero();
        assertThat(h.parents()).containsExactly(Chain4.GENESIS_PARENT);
        assertThat(Address.fromBytes(h.miner()).toString()).isEqualTo("f00");
        assertThat(h.parentWeight()).isZero();
        assertThat(h.parentBaseFee()).isEqualTo(BigInteger.valueOf(100_000_000));
    }

    @Test
    void otherBlocksAreNotHeaders() {
        Cid stateRoot = BlockHeader.tryParse(Chain4.EPOCH1, chain.get(Chain4.EPOCH1))
                .orElseThrow()
                .parentStateRoot();
        assertThat(BlockHeader.tryParse(stateRoot, chain.get(stateRoot))).isEmpty();
        byte[] garbage = {(byte) 0x90, 1, 2};
        assertThat(BlockHeader.tryParse(Cid.compute(Multicodec.DAG_CBOR, MultihashCode.BLAKE2B_256, garbage), garbage))
                .isEmpty();
        byte[] header = chain.get(Chain4.EPOCH3);
        assertThat(BlockHeader.tryParse(Cid.compute(Multicodec.RAW, MultihashCode.BLAKE2B_256, header), header))
                .isEmpty();
        assertThat(chain.get(Chain4.GENESIS_PARENT)).isNotNull();
        assertThat(BlockHeader.tryParse(Chain4.GENESIS_PARENT, chain.get(Chain4.GENESIS_PARENT)))
                .isEmpty();
    }

    @Test
    void walkFollowsParentsToGenesis() {
        List<TipsetEntry> chainIndex = ChainIndex.walk(chain, List.of(Chain4.EPOCH3));
        assertThat(chainIndex).extracting(TipsetEntry::epoch).containsExactly(3L, 2L, 1L, 0L);
        assertThat(chainIndex)
                .extracting(t -> t.key().get(0))
                .containsExactly(Chain4.EPOCH3, Chain4.EPOCH2, Chain4.EPOCH1, Chain4.EPOCH0);
        assertThat(chainIndex)
                .extracting(TipsetEntry::parentWeight)
                .containsExactly(
                        BigInteger.valueOf(41394),
                        BigInteger.valueOf(26342),
                        BigInteger.valueOf(12544),
                        BigInteger.ZERO);
        assertThat(ChainIndex.walk(chain, List.of(Chain4.GENESIS_PARENT))).isEmpty();
    }
}
