package org.fvmreplay.fvm.state;

import static java.util.Objects.requireNonNull;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.fvmreplay.ipld.address.Address;
import org.fvmreplay.ipld.address.Protocol;
import org.fvmreplay.ipld.blockstore.Blockstore;
import org.fvmreplay.ipld.cbor.CborWriter;
import org.fvmreplay.ipld.cid.Cid;
import org.fvmreplay.ipld.hamt.Hamt;

/**
 * A writable state tree: actor changes live in a stack of layers (one per call, like the reference's
 * transaction layers) over the actors HAMT; a reverted call drops its layer, a committed one folds it
 * into its parent. {@link #flush()} writes the changes into the HAMT and returns the new root.
 */
public final class MutableStateTree {
    private final Blockstore store;
    private final StateRoot root;
    private final Hamt actors;
    /** Bottom entry holds committed changes not yet flushed; one more per open transaction. */
    private final Deque<Map<Long, Optional<ActorState>>> layers = new ArrayDeque<>();

    private MutableStateTree(Blockstore store, StateRoot root) {
        this.store = store;
        this.root = root;
        this.actors = Hamt.load(root.actors(), store);
        layers.push(new HashMap<>());
    }

    /** Opens the tree at {@code root} for writing into {@code store}. */
    public static MutableStateTree load(Blockstore store, Cid root) {
        requireNonNull(store, "store");
        requireNonNull(root, "root");
        return new MutableStateTree(store, StateRoot.load(store, root));
    }

    public Blockstore store() {
        return store;
    }

    public int version() {
        return root.version();
    }

    /** The actor with this ID as the innermost open transaction sees it. */
    public Optional<ActorState> actor(long id) {
        for (Map<Long, Optional<ActorState>> layer : layers) {
            Optional<ActorState> found = layer.get(id);
            if (found != null) {
                return found;
            }
        }
        byte[] entry = actors.get(Address.id(id).toBytes());
        if (entry == null) {
            return Optional.empty();
        }
        return Optional.of(ActorState.decode(entry));
    }

    public void setActor(long id, ActorState state) {
        requireNonNull(state, "state");
        layers.peek().put(id, Optional.of(state));
    }

    public void deleteActor(long id) {
        layers.peek().put(id, Optional.empty());
    }

    public void beginTransaction() {
        layers.push(new HashMap<>());
    }

    /** Ends the innermost transaction, dropping its changes when {@code revert}. */
    public void endTransaction(boolean revert) {
        if (layers.size() < 2) {
            throw new IllegalStateException("no open state tree transaction");
        }
        Map<Long, Optional<ActorState>> top = layers.pop();
        if (!revert) {
            layers.peek().putAll(top);
        }
    }

    public boolean inTransaction() {
        return layers.size() > 1;
    }

    /** The ID an address stands for: ID addresses directly, others through the init actor's address map. */
    public OptionalLong lookupId(Address address) {
        requireNonNull(address, "address");
        if (address.protocol() == Protocol.ID) {
            return OptionalLong.of(address.id());
        }
        InitActorState init = initState();
        byte[] id = Hamt.load(init.addressMap(), store).get(address.toBytes());
        if (id == null) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(org.fvmreplay.ipld.cbor.CborReader.strict(id).readUnsigned64());
    }

    /** Assigns the next actor ID to {@code address} in the init actor's map (the reference's {@code register_new_address}). */
    public long registerNewAddress(Address address) {
        ActorState initActor = actor(InitActorState.ACTOR_ID)
                .orElseThrow(() -> new StateTreeException("state tree has no init actor"));
        InitActorState init = InitActorState.decodeAt(store.getOrThrow(initActor.head()), initActor.head());
        long id = init.nextId();
        Hamt map = Hamt.load(init.addressMap(), store);
        map.set(address.toBytes(), new CborWriter(9).writeHead(0, id).toByteArray());
        Cid mapRoot = map.flush();
        byte[] encoded = new CborWriter(64)
                .writeArrayHeader(3)
                .writeCid(mapRoot)
                .writeHead(0, id + 1)
                .writeText(init.networkName())
                .toByteArray();
        Cid head = Cid.forDagCbor(encoded);
        store.put(head, encoded);
        setActor(
                InitActorState.ACTOR_ID,
                new ActorState(
                        initActor.code(),
                        head,
                        initActor.sequence(),
                        initActor.balance(),
                        initActor.delegatedAddress()));
        return id;
    }

    private InitActorState initState() {
        ActorState init = actor(InitActorState.ACTOR_ID)
                .orElseThrow(() -> new StateTreeException("state tree has no init actor"));
        return InitActorState.decodeAt(store.getOrThrow(init.head()), init.head());
    }

    /** Writes committed changes into the actors HAMT and the versioned root block; returns the root CID. */
    public Cid flush() {
        if (inTransaction()) {
            throw new IllegalStateException("cannot flush the state tree inside a transaction");
        }
        Map<Long, Optional<ActorState>> changes = layers.peek();
        for (Map.Entry<Long, Optional<ActorState>> change : changes.entrySet()) {
            byte[] key = Address.id(change.getKey()).toBytes();
            if (change.getValue().isPresent()) {
                actors.set(key, change.getValue().get().encode(root.version()));
            } else {
                actors.delete(key);
            }
        }
        changes.clear();
        Cid actorsRoot = actors.flush();
        byte[] encoded = new CborWriter(96)
                .writeArrayHeader(3)
                .writeHead(0, root.version())
                .writeCid(actorsRoot)
                .writeCid(root.info())
                .toByteArray();
        Cid cid = Cid.forDagCbor(encoded);
        store.put(cid, encoded);
        return cid;
    }
}
