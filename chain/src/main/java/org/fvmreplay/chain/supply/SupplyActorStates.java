package org.fvmreplay.chain.supply;

import java.math.BigInteger;
import java.util.List;
import java.util.Set;
import org.fvmreplay.chain.ChainException;
import org.fvmreplay.fvm.state.ActorState;
import org.fvmreplay.ipld.bigint.FilBigInt;
import org.fvmreplay.ipld.blockstore.Blockstore;
import org.fvmreplay.ipld.cbor.CborException;
import org.fvmreplay.ipld.cbor.DagCbor;
import org.fvmreplay.ipld.model.IpldValue;

/**
 * The few token-amount fields of actor states that the circulating supply reads, by tuple position. Layouts are those
 * of go-state-types {@code builtin/v12}…{@code v18} (reward: 11 fields, unchanged; power: 15 fields, 17 from v15 with
 * the FIP-0081 ramp fields inserted after position 10; market: 12 fields, 13 from v13 with {@code ProviderSectors}
 * appended). Other layouts are refused rather than guessed.
 */
final class SupplyActorStates {
    private SupplyActorStates() {}

    /** Reward {@code TotalStoragePowerReward} (position 8). */
    static BigInteger rewardTotalStoragePowerReward(Blockstore store, ActorState reward) {
        return amount(fields(store, reward, "reward", Set.of(11)), 8, "reward");
    }

    /** Reward {@code ThisEpochReward} (position 4): the block reward per expected leader at the state's epoch. */
    static BigInteger rewardThisEpochReward(Blockstore store, ActorState reward) {
        return amount(fields(store, reward, "reward", Set.of(11)), 4, "reward");
    }

    /** Power {@code TotalPledgeCollateral} (position 4): what Lotus's power {@code TotalLocked} returns. */
    static BigInteger powerTotalPledgeCollateral(Blockstore store, ActorState power) {
        return amount(fields(store, power, "power", Set.of(15, 17)), 4, "power");
    }

    /** Market {@code TotalClientLockedCollateral + TotalProviderLockedCollateral + TotalClientStorageFee} (8, 9, 10). */
    static BigInteger marketTotalLocked(Blockstore store, ActorState market) {
        List<IpldValue> f = fields(store, market, "market", Set.of(12, 13));
        return amount(f, 8, "market").add(amount(f, 9, "market")).add(amount(f, 10, "market"));
    }

    private static List<IpldValue> fields(Blockstore store, ActorState actor, String what, Set<Integer> sizes) {
        byte[] head = store.getOrThrow(actor.head());
        IpldValue v;
        try {
            v = DagCbor.decode(head);
        } catch (CborException e) {
            throw new ChainException(what + " actor state " + actor.head() + " is malformed: " + e.getMessage(), e);
        }
        if (!(v instanceof IpldValue.ListValue list)
                || !sizes.contains(list.values().size())) {
            throw new ChainException(what + " actor state " + actor.head() + " is not a supported layout (tuple of "
                    + sizes + " fields, actors v12-v18)");
        }
        return list.values();
    }

    private static BigInteger amount(List<IpldValue> fields, int position, String what) {
        if (!(fields.get(position) instanceof IpldValue.Bytes bytes)) {
            throw new ChainException(what + " actor state field " + position + " is not a token amount");
        }
        return FilBigInt.decode(bytes.value());
    }
}
