package org.fvmreplay.chain.diff;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.fvmreplay.fvm.state.ActorState;
import org.fvmreplay.fvm.state.StateRoot;
import org.fvmreplay.fvm.state.StateTreeException;
import org.fvmreplay.ipld.address.Address;
import org.fvmreplay.ipld.address.Protocol;
import org.fvmreplay.ipld.blockstore.Blockstore;
import org.fvmreplay.ipld.cbor.CborException;
import org.fvmreplay.ipld.cid.Cid;
import org.fvmreplay.ipld.hamt.HamtConfig;
import org.fvmreplay.ipld.hamt.HamtException;

/**
 * The actors that differ between two state trees, read from the actors HAMTs' changed paths only: the cost is the number
 * of changed actors times the trie depth, whatever the number of actors (millions on mainnet).
 */
public final class StateTreeDiff {
    private StateTreeDiff() {}

    /**
     * The actor changes from the state tree at {@code rootBefore} to the one at {@code rootAfter}, ordered by actor ID
     * (unsigned). Equal roots, or roots with the same actors HAMT, give no changes; differences of the state roots' version
     * or info are not actor changes and are not reported.
     *
     * @throws org.fvmreplay.ipld.blockstore.MissingBlockException when a block on a changed path is absent
     * @throws StateTreeException when a state root, a HAMT node or an actor entry on a changed path is malformed
     */
    public static List<ActorChange> diff(Blockstore store, Cid rootBefore, Cid rootAfter) {
        requireNonNull(store, "store is null");
        requireNonNull(rootBefore, "rootBefore is null");
        requireNonNull(rootAfter, "rootAfter is null");
        if (rootBefore.equals(rootAfter)) {
            return List.of();
        }
        Cid actorsBefore = StateRoot.load(store, rootBefore).actors();
        Cid actorsAfter = StateRoot.load(store, rootAfter).actors();
        if (actorsBefore.equals(actorsAfter)) {
            return List.of();
        }
        List<HamtDiff.Change> raw;
        try {
            raw = HamtDiff.diff(store, actorsBefore, actorsAfter, HamtConfig.DEFAULT.bitWidth());
        } catch (HamtException e) {
            throw new StateTreeException(
                    "actors HAMT " + actorsBefore + " or " + actorsAfter + ": " + e.getMessage(), e);
        }
        List<ActorChange> changes = new ArrayList<>(raw.size());
        for (HamtDiff.Change c : raw) {
            long id = actorId(c.key());
            changes.add(ActorChange.of(id, actor(id, c.before()), actor(id, c.after())));
        }
        changes.sort(Comparator.comparing(ActorChange::actorId, Long::compareUnsigned));
        return List.copyOf(changes);
    }

    private static long actorId(byte[] key) {
        try {
            Address address = Address.fromBytes(key);
            if (address.protocol() == Protocol.ID) {
                return address.id();
            }
        } catch (IllegalArgumentException e) {
            // reported below with the key bytes
        }
        throw new StateTreeException("actors HAMT key " + HexFormat.of().formatHex(key) + " is not an ID address");
    }

    private static Optional<ActorState> actor(long id, byte[] entry) {
        if (entry == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(ActorState.decode(entry));
        } catch (CborException e) {
            throw new StateTreeException(
                    "actor f0" + Long.toUnsignedString(id) + " has a malformed entry: " + e.getMessage(), e);
        }
    }
}
