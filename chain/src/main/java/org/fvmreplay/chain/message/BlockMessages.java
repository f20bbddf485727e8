package org.fvmreplay.chain.message;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.fvmreplay.chain.block.ChainMessage;
import org.fvmreplay.ipld.address.Address;
import org.fvmreplay.ipld.cid.Cid;

/**
 * One block's share of a tipset's execution: the messages to apply in order (its BLS then secpk messages that survive
 * the sender-nonce rule and were not already applied from an earlier block), then the block reward inputs.
 *
 * @param block the block's CID
 * @param miner the reward recipient ({@code AwardBlockReward} params' miner)
 * @param winCount the election proof's win count ({@code AwardBlockReward} params' win count)
 */
public record BlockMessages(Cid block, Address miner, long winCount, List<ChainMessage> messages) {
    public BlockMessages {
        requireNonNull(block, "block is null");
        requireNonNull(miner, "miner is null");
        messages = List.copyOf(requireNonNull(messages, "messages is null"));
    }
}
