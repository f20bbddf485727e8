package org.fvmreplay.chain.execution;

import java.math.BigInteger;
import org.fvmreplay.fvm.message.Message;
import org.fvmreplay.ipld.address.Address;
import org.fvmreplay.ipld.bigint.FilBigInt;
import org.fvmreplay.ipld.cbor.CborWriter;

/**
 * The implicit messages Lotus applies around a block's messages (lotus {@code chain/consensus/filcns/filecoin.go}
 * {@code RewardFunc} and {@code compute_state.go} {@code runCron}): sent by the system actor with the epoch as nonce, no
 * value and no fees, and the gas limit the FVM executor gives every implicit message ({@code i64::MAX / 2}, lotus
 * {@code chain/vm/fvm.go} {@code ApplyImplicitMessage}).
 */
public final class ImplicitMessages {
    /** The gas limit of every implicit message. */
    public static final long GAS_LIMIT = Long.MAX_VALUE / 2;

    private static final Address SYSTEM = Address.id(0);
    private static final Address REWARD = Address.id(2);
    private static final Address CRON = Address.id(3);
    private static final long AWARD_BLOCK_REWARD = 2;
    private static final long EPOCH_TICK = 2;

    private ImplicitMessages() {}

    /**
     * {@code AwardBlockReward} to the reward actor for one block: params {@code [miner, penalty, gas_reward, win_count]}
     * (builtin-actors {@code AwardBlockRewardParams}), amounts in attoFIL.
     */
    public static Message reward(long epoch, Address miner, BigInteger penalty, BigInteger gasReward, long winCount) {
        byte[] params = new CborWriter(96)
                .writeArrayHeader(4)
                .writeBytes(miner.toBytes())
                .writeBytes(FilBigInt.encode(penalty))
                .writeBytes(FilBigInt.encode(gasReward))
                .writeLong(winCount)
                .toByteArray();
        return new Message(
                0,
                REWARD,
                SYSTEM,
                epoch,
                BigInteger.ZERO,
                GAS_LIMIT,
                BigInteger.ZERO,
                BigInteger.ZERO,
                AWARD_BLOCK_REWARD,
                params);
    }

    /** {@code EpochTick} to the cron actor, with no params. */
    public static Message cron(long epoch) {
        return new Message(
                0,
                CRON,
                SYSTEM,
                epoch,
                BigInteger.ZERO,
                GAS_LIMIT,
                BigInteger.ZERO,
                BigInteger.ZERO,
                EPOCH_TICK,
                new byte[0]);
    }
}
