package org.fvmreplay.fvm.state;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.OptionalLong;
import org.fvmreplay.ipld.address.Address;
import org.fvmreplay.ipld.address.Protocol;
import org.fvmreplay.ipld.blockstore.Blockstore;
import org.fvmreplay.ipld.cbor.CborException;
import org.fvmreplay.ipld.cbor.CborReader;
import org.fvmreplay.ipld.cid.Cid;
import org.fvmreplay.ipld.hamt.Hamt;

/**
 * A read view of the state tree at a root: actors by ID (a HAMT keyed by ID-address bytes) and
 * address resolution through the init actor's address map. Blocks absent from the store surface
 * as {@link org.fvmreplay.ipld.blockstore.MissingBlockException} naming the CID.
 */
public final class StateTree {
    private final Blockstore store;
    private final StateRoot root;
    private final Hamt actors;

    private StateTree(Blockstore store, StateRoot root) {
        this.store = store;
        this.root = root;
        this.actors = Hamt.load(root.actors(), store);
    }

    /** Opens the state tree at {@code root}. */
    public static StateTree load(Blockstore store, Cid root) {
        requireNonNull(store, "store");
        requireNonNull(root, "root");
        return new StateTree(store, StateRoot.load(store, root));
    }

    public StateRoot root() {
        return root;
    }

    public int version() {
        return root.version();
    }

    /** The actor with this ID, if the tree holds one. */
    public Optional<ActorState> actor(long id) {
        byte[] entry = actors.get(Address.id(id).toBytes());
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

    /** The actor ID an address stands for: ID addresses as they are, others through the init actor's map. */
    public OptionalLong resolve(Address address) {
        requireNonNull(address, "address");
        if (address.protocol() == Protocol.ID) {
            return OptionalLong.of(address.id());
        }
        ActorState init = actor(InitActorState.ACTOR_ID)
                .orElseThrow(() -> new StateTreeException("state tree " + root.actors() + " has no init actor"));
        InitActorState state = InitActorState.decodeAt(store.getOrThrow(init.head()), init.head());
        byte[] id = Hamt.load(state.addressMap(), store).get(address.toBytes());
        if (id == null) {
            return OptionalLong.empty();
        }
        try {
            CborReader r = CborReader.strict(id);
            long value = r.readUnsigned64();
            r.expectEnd();
            return OptionalLong.of(value);
        } catch (CborException e) {
            throw new StateTreeException("init actor maps " + address + " to a malformed ID: " + e.getMessage(), e);
        }
    }

    /** The actor an address stands for, if it resolves and exists. */
    public Optional<ActorState> lookup(Address address) {
        OptionalLong id = resolve(address);
        return id.isPresent() ? actor(id.getAsLong()) : Optional.empty();
    }
}
