package org.fvmreplay.chain.diff;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import org.fvmreplay.fvm.state.ActorState;
import org.fvmreplay.fvm.state.MutableStateTree;
import org.fvmreplay.ipld.blockstore.Blockstore;
import org.fvmreplay.ipld.cid.Cid;

/** Applies actor changes to a state tree: the inverse of {@link StateTreeDiff}, which is how a diff is checked against a state root. */
public final class StateDiffApplier {
    private StateDiffApplier() {}

    /**
     * The root of the state tree at {@code root} with {@code changes} applied in order (each actor set to its after state,
     * or deleted), its new blocks put into {@code store}. The state tree version and info are kept.
     *
     * @throws IllegalArgumentException when a change's before state is not the actor's state at that point: the changes
     *     were computed from another state, and applying them would give a root that proves nothing
     */
    public static Cid apply(Blockstore store, Cid root, List<ActorChange> changes) {
        requireNonNull(store, "store is null");
        requireNonNull(root, "root is null");
        requireNonNull(changes, "changes is null");
        MutableStateTree tree = MutableStateTree.load(store, root);
        for (ActorChange change : changes) {
            long id = change.actorId();
            Optional<ActorState> current = tree.actor(id);
            if (!current.equals(change.before())) {
                throw new IllegalArgumentException("actor f0" + Long.toUnsignedString(id) + " is "
                        + current.map(Object::toString).orElse("absent")
                        + " in the state being patched, but the change expects "
                        + change.before().map(Object::toString).orElse("it absent"));
            }
            if (change.after().isPresent()) {
                tree.setActor(id, change.after().get());
            } else {
                tree.deleteActor(id);
            }
        }
        return tree.flush();
    }
}
