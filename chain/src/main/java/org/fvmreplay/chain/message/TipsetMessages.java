package org.fvmreplay.chain.message;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.fvmreplay.chain.ChainException;
import org.fvmreplay.chain.block.ChainMessage;
import org.fvmreplay.chain.block.Tipset;
import org.fvmreplay.chain.store.ChainStore;
import org.fvmreplay.ipld.address.Address;
import org.fvmreplay.ipld.address.Protocol;
import org.fvmreplay.ipld.cid.Cid;

/**
 * The messages of a tipset in execution order: Lotus {@code ChainStore.BlockMsgsForTipset} (chain/store/messages.go)
 * followed by the unsigned-CID de-duplication of {@code ApplyBlocks}.
 */
public final class TipsetMessages {
    private TipsetMessages() {}

    /** One block with its BLS then secpk messages as stored, the input of {@link #select(List, boolean, SenderIds)}. */
    public record Candidate(Tipset.Block block, List<ChainMessage> messages) {
        public Candidate {
            requireNonNull(block, "block is null");
            messages = List.copyOf(requireNonNull(messages, "messages is null"));
        }
    }

    /**
     * Messages of {@code tipset} per block in tipset order.
     *
     * @param keySendersById Lotus's {@code ts.Height() >= UpgradeHyperdriveHeight}; see
     *     {@link org.fvmreplay.chain.network.NetworkConfig#keysSendersById(long)}
     * @param parentState resolves senders against the tipset's parent state; consulted only when
     *     {@code keySendersById} and an ID-addressed sender occurs
     * @throws ChainException when a block or message is missing, or a sender must be resolved and cannot be
     */
    public static List<BlockMessages> forTipset(
            ChainStore chain, Tipset tipset, boolean keySendersById, SenderIds parentState) {
        requireNonNull(chain, "chain is null");
        requireNonNull(tipset, "tipset is null");
        List<Candidate> candidates = new ArrayList<>();
        for (Tipset.Block b : tipset.blocks()) {
            candidates.add(new Candidate(b, chain.blockMessages(b.header())));
        }
        return select(candidates, keySendersById, parentState);
    }

    /** The selection of {@link #forTipset} over already loaded block messages (blocks in tipset order). */
    public static List<BlockMessages> select(List<Candidate> blocks, boolean keySendersById, SenderIds parentState) {
        requireNonNull(blocks, "blocks is null");
        requireNonNull(parentState, "parentState is null");
        NonceRule rule = new NonceRule(keySendersById, parentState);
        Set<Cid> applied = new HashSet<>();
        List<BlockMessages> out = new ArrayList<>(blocks.size());
        for (Candidate c : blocks) {
            List<ChainMessage> kept = new ArrayList<>();
            for (ChainMessage m : c.messages()) {
                // The nonce rule sees every message, including ones ApplyBlocks later skips as duplicates: Lotus
                // selects in BlockMsgsForTipset before ApplyBlocks de-duplicates.
                if (rule.select(m) && applied.add(m.unsignedCid())) {
                    kept.add(m);
                }
            }
            out.add(new BlockMessages(
                    c.block().cid(),
                    c.block().header().miner(),
                    c.block().header().winCount(),
                    kept));
        }
        return out;
    }

    /**
     * Keeps a message only if its nonce is the sender's next: the counter starts at the sender's first message in the
     * tipset (a valid block guarantees that one is right). Senders are keyed by the address as written until, from
     * Hyperdrive, an ID-addressed sender appears; from then on every key, the earlier ones included, is the actor ID.
     */
    private static final class NonceRule {
        private final boolean keySendersById;
        private final SenderIds parentState;
        private final Map<Address, Long> next = new HashMap<>();
        private boolean useIds;

        NonceRule(boolean keySendersById, SenderIds parentState) {
            this.keySendersById = keySendersById;
            this.parentState = parentState;
        }

        boolean select(ChainMessage cm) {
            Address from = cm.message().from();
            Address sender;
            if (!keySendersById) {
                sender = from;
            } else if (useIds) {
                sender = resolve(from);
            } else if (from.protocol() != Protocol.ID) {
                sender = from;
            } else {
                useIds = true;
                // Lotus copies each robust key's counter to its ID key and leaves the robust key in place.
                for (Map.Entry<Address, Long> e : List.copyOf(next.entrySet())) {
                    next.put(resolve(e.getKey()), e.getValue());
                }
                sender = resolve(from);
            }
            long nonce = cm.message().sequence();
            Long expected = next.putIfAbsent(sender, nonce);
            if (expected != null && expected != nonce) {
                return false;
            }
            next.put(sender, nonce + 1);
            return true;
        }

        private Address resolve(Address address) {
            if (address.protocol() == Protocol.ID) {
                return address;
            }
            OptionalLong id = parentState.resolve(address);
            if (id.isEmpty()) {
                throw new ChainException("failed to resolve sender " + address + " against the parent state");
            }
            return Address.id(id.getAsLong());
        }
    }
}
