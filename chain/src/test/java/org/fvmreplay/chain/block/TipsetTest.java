package org.fvmreplay.chain.block;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.fvmreplay.chain.Blake2b;
import org.fvmreplay.ipld.address.Address;
import org.fvmreplay.ipld.cid.Cid;
import org.junit.jupiter.api.Test;

class TipsetTest {
    private static final Cid LINK = Cid.forDagCbor(new byte[] {(byte) 0x80});

    @Test
    void blocksSortByTicketDigestThenCidAndTheKeyCidCoversAllBlocks() {
        List<Tipset.Block> blocks = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            blocks.add(block(1000 + i, (byte) i, 100 + i));
        }
        // Two blocks with the same ticket: ordered by CID bytes.
        blocks.add(block(2000, (byte) 2, 99));
        Tipset ts = Tipset.of(blocks);
        List<Tipset.Block> expected = new ArrayList<>(blocks);
        expected.sort(Comparator.<Tipset.Block, byte[]>comparing(
                        b -> Blake2b.sum256(b.header().ticket().get().vrfProof()), Arrays::compareUnsigned)
                .thenComparing(b -> b.cid().toBytes(), Arrays::compareUnsigned));
        assertThat(ts.blocks()).isEqualTo(expected);
        List<Tipset.Block> reversed = new ArrayList<>(expected);
        java.util.Collections.reverse(reversed);
        assertThat(Tipset.of(reversed)).isEqualTo(ts);
        assertThat(Tipset.of(reversed).blocks()).isEqualTo(expected);
        assertThat(ts.minTicketBlock()).isEqualTo(expected.get(0));
        assertThat(ts.minTimestamp()).isEqualTo(99);
        assertThat(ts.key().cid())
                .isEqualTo(ChainHeadersTest.keyCidByHand(ts.cids().toArray(Cid[]::new)));
        assertThatThrownBy(() -> Tipset.of(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void blocksOfDifferentHeightsAreNotATipset() {
        Tipset.Block a = block(1, (byte) 1, 1);
        BlockHeader h = a.header();
        BlockHeader other = new BlockHeader(
                h.miner(),
                h.ticket(),
                h.electionProof(),
                h.beaconEntries(),
                h.winPoStProofs(),
                h.parents(),
                h.parentWeight(),
                h.height() + 1,
                h.parentStateRoot(),
                h.parentMessageReceipts(),
                h.messages(),
                h.blsAggregate(),
                h.timestamp(),
                h.blockSig(),
                h.forkSignaling(),
                h.parentBaseFee());
        assertThatThrownBy(() -> Tipset.of(List.of(a, new Tipset.Block(other.cid(), other))))
                .hasMessageContaining("differ");
    }

    @Test
    void headerRoundTripsWithNullsAndSignatures() {
        BlockHeader h = new BlockHeader(
                Address.id(7),
                Optional.empty(),
                Optional.empty(),
                List.of(new BeaconEntry(Long.MIN_VALUE, new byte[] {1})),
                List.of(new PoStProof(3, new byte[] {2})),
                List.of(LINK, LINK),
                new BigInteger("123456789012345678901234567890"),
                42,
                LINK,
                LINK,
                LINK,
                Optional.of(new Signature(SignatureType.BLS, new byte[96])),
                1_700_000_000L,
                Optional.of(new Signature(SignatureType.BLS, new byte[] {9})),
                0,
                BigInteger.valueOf(100));
        assertThat(BlockHeader.decode(h.encode())).isEqualTo(h);
        assertThat(BlockHeader.decode(h.cid(), h.encode()).winCount()).isZero();
    }

    private static Tipset.Block block(long miner, byte ticket, long timestamp) {
        byte[] vrf = new byte[96];
        Arrays.fill(vrf, ticket);
        BlockHeader h = new BlockHeader(
                Address.id(miner),
                Optional.of(new Ticket(vrf)),
                Optional.of(new ElectionProof(1, new byte[] {1})),
                List.of(),
                List.of(),
                List.of(LINK),
                BigInteger.ONE,
                10,
                LINK,
                LINK,
                LINK,
                Optional.empty(),
                timestamp,
                Optional.empty(),
                0,
                BigInteger.ONE);
        return new Tipset.Block(h.cid(), h);
    }
}
