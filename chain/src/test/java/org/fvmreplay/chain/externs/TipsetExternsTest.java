package org.fvmreplay.chain.externs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.List;
import org.bouncycastle.crypto.digests.Blake2bDigest;
import org.fvmreplay.chain.ChainException;
import org.fvmreplay.chain.SharedChain;
import org.fvmreplay.chain.block.Tipset;
import org.fvmreplay.chain.network.NetworkConfig;
import org.fvmreplay.ipld.cbor.DagCbor;
import org.fvmreplay.ipld.cid.Cid;
import org.fvmreplay.ipld.model.IpldValue;
import org.junit.jupiter.api.Test;

/**
 * Randomness and tipset CIDs on devnet-a, whose epochs 318, 319, 522 and 523 are null rounds. Expected values come
 * from the raw header blocks, decoded generically and hashed here, not through the chain model.
 */
class TipsetExternsTest {
    private final SharedChain c = SharedChain.devnetA();
    private final NetworkConfig network = NetworkConfig.read(c.manifestPath());

    private TipsetExterns anchoredAt(long epoch) {
        Tipset anchor = c.chain().tipsetByHeight(epoch, c.head(), false);
        assertThat(anchor.height()).isEqualTo(epoch);
        long genesisTs = c.chain().tipsetByHeight(0, c.head(), false).minTimestamp();
        return new TipsetExterns(c.chain(), anchor, network, genesisTs);
    }

    /** The single block CID of the tipset at exactly {@code epoch}, from tipsets.jsonl. */
    private Cid blockAt(long epoch) {
        return c.tipsets().stream()
                .filter(t -> t.get("epoch").asLong() == epoch)
                .findFirst()
                .map(t -> Cid.parse(t.get("cids").get(0).asText()))
                .orElseThrow(() -> new AssertionError("no tipset at " + epoch));
    }

    private List<IpldValue> rawHeader(long epoch) {
        return ((IpldValue.ListValue) DagCbor.decode(c.store().get(blockAt(epoch)))).values();
    }

    private byte[] ticketDigest(long epoch) {
        IpldValue.ListValue ticket = (IpldValue.ListValue) rawHeader(epoch).get(1);
        return blake2b(((IpldValue.Bytes) ticket.values().get(0)).value());
    }

    private byte[] beaconData(long epoch, long round) {
        for (IpldValue e : ((IpldValue.ListValue) rawHeader(epoch).get(3)).values()) {
            List<IpldValue> entry = ((IpldValue.ListValue) e).values();
            if (((IpldValue.Int) entry.get(0)).value().longValueExact() == round) {
                return ((IpldValue.Bytes) entry.get(1)).value();
            }
        }
        throw new AssertionError("no round " + round + " at " + epoch);
    }

    private static byte[] blake2b(byte[] data) {
        Blake2bDigest d = new Blake2bDigest(256);
        d.update(data, 0, data.length);
        byte[] out = new byte[32];
        d.doFinal(out, 0);
        return out;
    }

    @Test
    void chainRandomnessTakesTheNextTipsetAboveANullRound() {
        TipsetExterns head = anchoredAt(723);
        assertThat(head.chainRandomness(317)).isEqualTo(ticketDigest(317));
        assertThat(head.chainRandomness(318)).isEqualTo(ticketDigest(320));
        assertThat(head.chainRandomness(319)).isEqualTo(ticketDigest(320));
        assertThat(head.chainRandomness(320)).isEqualTo(ticketDigest(320));
        assertThat(head.chainRandomness(522)).isEqualTo(ticketDigest(524));
        assertThat(head.chainRandomness(723)).isEqualTo(ticketDigest(723));
        // Negative epochs draw from genesis.
        assertThat(head.chainRandomness(-10)).isEqualTo(ticketDigest(0));
        assertThatThrownBy(() -> head.chainRandomness(724))
                .isInstanceOf(ChainException.class)
                .hasMessageContaining("future");

        // Anchored at the first tipset after the null rounds, as when executing it.
        TipsetExterns at320 = anchoredAt(320);
        assertThat(at320.chainRandomness(319)).isEqualTo(ticketDigest(320));
        TipsetExterns at317 = anchoredAt(317);
        assertThatThrownBy(() -> at317.chainRandomness(318)).isInstanceOf(ChainException.class);
    }

    @Test
    void beaconRandomnessIsTheMockBeaconsRoundEpochPlus100() {
        TipsetExterns head = anchoredAt(723);
        // Epoch 318 was null: its round 418 sits in the next block, 320, beside 419 and 420.
        assertThat(head.beaconEntry(318).round()).isEqualTo(418);
        assertThat(head.beaconRandomness(318)).isEqualTo(blake2b(beaconData(320, 418)));
        assertThat(head.beaconRandomness(319)).isEqualTo(blake2b(beaconData(320, 419)));
        assertThat(head.beaconRandomness(317)).isEqualTo(blake2b(beaconData(317, 417)));
        assertThat(head.beaconRandomness(700)).isEqualTo(blake2b(beaconData(700, 800)));
        // Lotus's mock beacon: entry data = blake2b-256 of the round as a big-endian u64.
        byte[] round418 = ByteBuffer.allocate(8).putLong(418).array();
        assertThat(beaconData(320, 418)).isEqualTo(blake2b(round418));
        assertThat(head.beaconRandomness(318)).isEqualTo(blake2b(blake2b(round418)));
        // Before genesis: the latest entry of the genesis block.
        assertThat(head.beaconRandomness(-1)).isEqualTo(blake2b(beaconData(0, 0)));
    }

    @Test
    void tipsetCidTakesTheLastTipsetBelowANullRound() {
        TipsetExterns head = anchoredAt(723);
        assertThat(head.tipsetCid(318)).isEqualTo(keyCid(blockAt(317)));
        assertThat(head.tipsetCid(319)).isEqualTo(keyCid(blockAt(317)));
        assertThat(head.tipsetCid(320)).isEqualTo(keyCid(blockAt(320)));
        assertThat(head.tipsetCid(523)).isEqualTo(keyCid(blockAt(521)));
        assertThat(head.tipsetCid(0)).isEqualTo(keyCid(blockAt(0)));
        // The CID of tipset 317's key is what block 320 names as its parents.
        assertThat(head.tipsetCid(319))
                .isEqualTo(keyCid(
                        ((IpldValue.Link) ((IpldValue.ListValue) rawHeader(320).get(5))
                                        .values()
                                        .get(0))
                                .cid()));
        assertThatThrownBy(() -> anchoredAt(320).tipsetCid(321)).isInstanceOf(ChainException.class);
    }

    /** One-block key: CBOR byte string (head 0x58, length) of the CID bytes, hashed as DAG-CBOR. */
    private static Cid keyCid(Cid block) {
        byte[] cid = block.toBytes();
        byte[] cbor = new byte[cid.length + 2];
        cbor[0] = 0x58;
        cbor[1] = (byte) cid.length;
        System.arraycopy(cid, 0, cbor, 2, cid.length);
        return Cid.forDagCbor(cbor);
    }
}
