package org.fvmreplay.chain.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.fvmreplay.chain.ChainException;
import org.fvmreplay.chain.block.BlockHeader;
import org.fvmreplay.chain.block.ChainMessage;
import org.fvmreplay.chain.block.ElectionProof;
import org.fvmreplay.chain.block.Signature;
import org.fvmreplay.chain.block.SignatureType;
import org.fvmreplay.chain.block.SignedMessage;
import org.fvmreplay.chain.block.Ticket;
import org.fvmreplay.chain.block.Tipset;
import org.fvmreplay.fvm.message.Message;
import org.fvmreplay.ipld.address.Address;
import org.fvmreplay.ipld.cid.Cid;
import org.junit.jupiter.api.Test;

/** Multi-block selection rules, which the single-block devnets do not exercise. */
class TipsetMessagesTest {
    private static final Address ALICE = Address.secp256k1(filled(20, 1));
    private static final Address BOB = Address.secp256k1(filled(20, 2));
    private static final Address ALICE_ID = Address.id(100);
    private static final SenderIds STATE =
            a -> a.equals(ALICE) ? OptionalLong.of(100) : a.equals(BOB) ? OptionalLong.of(101) : OptionalLong.empty();
    private static final SenderIds NO_STATE = a -> {
        throw new AssertionError("state consulted for " + a);
    };

    @Test
    void duplicatesAcrossBlocksAndNonceGapsAreSkipped() {
        ChainMessage a5 = bls(ALICE, 5);
        ChainMessage a6 = secp(ALICE, 6);
        ChainMessage a8 = bls(ALICE, 8);
        ChainMessage a7 = secp(ALICE, 7);
        ChainMessage b3 = secp(BOB, 3);
        Tipset ts = tipset(2);
        Tipset.Block first = ts.blocks().get(0);
        Tipset.Block second = ts.blocks().get(1);
        List<BlockMessages> out = TipsetMessages.select(
                List.of(
                        new TipsetMessages.Candidate(first, List.of(a5, a6)),
                        // a6 again (included by both miners), a gap (8 before 7), then 7 and another sender.
                        new TipsetMessages.Candidate(second, List.of(a6, a8, a7, b3))),
                false,
                NO_STATE);
        assertThat(out).hasSize(2);
        assertThat(out.get(0).messages()).containsExactly(a5, a6);
        assertThat(out.get(1).messages()).containsExactly(a7, b3);
        assertThat(out.get(0).block()).isEqualTo(first.cid());
        assertThat(out.get(1).winCount()).isEqualTo(second.header().winCount());
        assertThat(out.get(1).miner()).isEqualTo(second.header().miner());
    }

    @Test
    void theSameMessageInTwoBlocksIsAppliedOnce() {
        ChainMessage m = bls(ALICE, 1);
        Tipset ts = tipset(3);
        List<BlockMessages> out = TipsetMessages.select(
                ts.blocks().stream()
                        .map(b -> new TipsetMessages.Candidate(b, List.of(m)))
                        .toList(),
                true,
                STATE);
        assertThat(out.stream().mapToInt(b -> b.messages().size()).sum()).isEqualTo(1);
        assertThat(out.get(0).messages()).containsExactly(m);
    }

    @Test
    void fromHyperdriveAnIdSenderSwitchesEveryKeyToIds() {
        ChainMessage robust1 = secp(ALICE, 1);
        ChainMessage byId1 = bls(ALICE_ID, 1);
        ChainMessage byId2 = bls(ALICE_ID, 2);
        Tipset.Block block = tipset(1).blocks().get(0);
        // Keyed by ID: the ID-addressed nonce 1 repeats the robust one, so it is skipped; 2 follows.
        List<BlockMessages> byId = TipsetMessages.select(
                List.of(new TipsetMessages.Candidate(block, List.of(robust1, byId1, byId2))), true, STATE);
        assertThat(byId.get(0).messages()).containsExactly(robust1, byId2);
        // Before Hyperdrive (or on a chain built with mainnet's heights) the two addresses are different senders.
        List<BlockMessages> raw = TipsetMessages.select(
                List.of(new TipsetMessages.Candidate(block, List.of(robust1, byId1, byId2))), false, NO_STATE);
        assertThat(raw.get(0).messages()).containsExactly(robust1, byId1, byId2);
        // Without an ID sender the state is never consulted.
        assertThat(TipsetMessages.select(
                                List.of(new TipsetMessages.Candidate(block, List.of(robust1, secp(BOB, 4)))),
                                true,
                                NO_STATE)
                        .get(0)
                        .messages())
                .hasSize(2);
        // After the switch an unknown robust sender is an error, as in Lotus.
        Address stranger = Address.secp256k1(filled(20, 9));
        assertThatThrownBy(() -> TipsetMessages.select(
                        List.of(new TipsetMessages.Candidate(block, List.of(byId1, secp(stranger, 0)))), true, STATE))
                .isInstanceOf(ChainException.class)
                .hasMessageContaining("failed to resolve sender");
    }

    @Test
    void chainLengthsAndCids() {
        Message m = message(ALICE, 1);
        ChainMessage bls = ChainMessage.bls(m);
        assertThat(bls.chainLength()).isEqualTo(m.encode().length);
        assertThat(bls.cid()).isEqualTo(m.cid()).isEqualTo(bls.unsignedCid());
        SignedMessage signed = new SignedMessage(m, new Signature(SignatureType.SECP256K1, filled(65, 7)));
        ChainMessage secp = ChainMessage.signed(signed);
        assertThat(secp.chainLength())
                .isEqualTo(signed.encode().length)
                .isEqualTo(m.encode().length + 1 + 2 + 66); // array head, byte-string head, type byte + 65
        assertThat(secp.cid()).isEqualTo(Cid.forDagCbor(signed.encode())).isNotEqualTo(secp.unsignedCid());
        assertThat(SignedMessage.decode(signed.encode())).isEqualTo(signed);
        SignedMessage delegated = new SignedMessage(m, new Signature(SignatureType.DELEGATED, filled(65, 7)));
        assertThat(ChainMessage.signed(delegated).chainLength()).isEqualTo(delegated.encode().length);
        // A BLS-typed signature keeps the unsigned CID and length (Lotus SignedMessage.Cid / ChainLength).
        SignedMessage blsSigned = new SignedMessage(m, new Signature(SignatureType.BLS, filled(96, 7)));
        assertThat(ChainMessage.signed(blsSigned).cid()).isEqualTo(m.cid());
        assertThat(ChainMessage.signed(blsSigned).chainLength()).isEqualTo(m.encode().length);
    }

    private static ChainMessage bls(Address from, long nonce) {
        return ChainMessage.bls(message(from, nonce));
    }

    private static ChainMessage secp(Address from, long nonce) {
        return ChainMessage.signed(new SignedMessage(
                message(from, nonce), new Signature(SignatureType.SECP256K1, filled(65, (int) nonce))));
    }

    private static Message message(Address from, long nonce) {
        return new Message(
                0,
                Address.id(1000),
                from,
                nonce,
                BigInteger.ONE,
                1_000_000,
                BigInteger.TEN,
                BigInteger.ONE,
                0,
                new byte[0]);
    }

    private static Tipset tipset(int blocks) {
        Cid link = Cid.forDagCbor(new byte[] {(byte) 0x80});
        List<Tipset.Block> list = new java.util.ArrayList<>();
        for (int i = 0; i < blocks; i++) {
            BlockHeader h = new BlockHeader(
                    Address.id(1000 + i),
                    Optional.of(new Ticket(filled(96, 10 + i))),
                    Optional.of(new ElectionProof(i + 1, filled(96, 20 + i))),
                    List.of(),
                    List.of(),
                    List.of(link),
                    BigInteger.ONE,
                    5,
                    link,
                    link,
                    link,
                    Optional.empty(),
                    1,
                    Optional.empty(),
                    0,
                    BigInteger.ONE);
            list.add(new Tipset.Block(h.cid(), h));
        }
        return Tipset.of(list);
    }

    private static byte[] filled(int n, int value) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) value);
        return b;
    }
}
