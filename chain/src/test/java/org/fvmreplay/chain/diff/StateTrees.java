package org.fvmreplay.chain.diff;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.fvmreplay.fvm.state.ActorState;
import org.fvmreplay.fvm.state.MutableStateTree;
import org.fvmreplay.fvm.state.StateRoot;
import org.fvmreplay.ipld.address.Address;
import org.fvmreplay.ipld.blockstore.Blockstore;
import org.fvmreplay.ipld.cbor.CborReader;
import org.fvmreplay.ipld.cbor.CborWriter;
import org.fvmreplay.ipld.cid.Cid;
import org.fvmreplay.ipld.cid.Multicodec;
import org.fvmreplay.ipld.cid.MultihashCode;
import org.fvmreplay.ipld.hamt.Hamt;

/** Synthetic state trees (version 5) for the diff tests. */
final class StateTrees {
    static final Cid ACCOUNT = code("account");
    static final Cid EVM = code("evm");

    private StateTrees() {}

    static Cid code(String name) {
        return Cid.compute(Multicodec.RAW, MultihashCode.BLAKE2B_256, name.getBytes(StandardCharsets.UTF_8));
    }

    /** A head CID standing for some actor state (the block itself is not needed by the state tree). */
    static Cid head(long n) {
        return Cid.forDagCbor(
                new CborWriter(16).writeArrayHeader(1).writeLong(n).toByteArray());
    }

    static ActorState actor(long n) {
        return new ActorState(ACCOUNT, head(n), n % 7, BigInteger.valueOf(n * 1_000), Optional.empty());
    }

    /** An empty version-5 state tree whose info block holds {@code info}. */
    static Cid empty(Blockstore store, long info) {
        Cid actors = Hamt.create(store).flush();
        Cid infoCid = store.putDagCbor(
                new CborWriter(16).writeArrayHeader(1).writeLong(info).toByteArray());
        return store.putDagCbor(new CborWriter(96)
                .writeArrayHeader(3)
                .writeLong(5)
                .writeCid(actors)
                .writeCid(infoCid)
                .toByteArray());
    }

    /** The tree at {@code root} with actors set (present) or deleted (empty). */
    static Cid with(Blockstore store, Cid root, Map<Long, Optional<ActorState>> changes) {
        MutableStateTree tree = MutableStateTree.load(store, root);
        changes.forEach((id, state) -> {
            if (state.isPresent()) {
                tree.setActor(id, state.get());
            } else {
                tree.deleteActor(id);
            }
        });
        return tree.flush();
    }

    /** The same actors under another info block: another root over the same actors HAMT. */
    static Cid withInfo(Blockstore store, Cid root, long info) {
        StateRoot r = StateRoot.load(store, root);
        Cid infoCid = store.putDagCbor(
                new CborWriter(16).writeArrayHeader(1).writeLong(info).toByteArray());
        return store.putDagCbor(new CborWriter(96)
                .writeArrayHeader(3)
                .writeLong(r.version())
                .writeCid(r.actors())
                .writeCid(infoCid)
                .toByteArray());
    }

    /** Every actor of the tree, by reading the whole HAMT: the slow reference the diff is checked against. */
    static TreeMap<Long, ActorState> all(Blockstore store, Cid root) {
        TreeMap<Long, ActorState> actors = new TreeMap<>();
        Hamt.load(StateRoot.load(store, root).actors(), store)
                .forEach((k, v) -> actors.put(Address.fromBytes(k).id(), ActorState.decode(v)));
        return actors;
    }

    /** Levels of nodes of the actors HAMT (1 for a root holding only buckets). */
    static int levels(Blockstore store, Cid root) {
        return levelsBelow(store, StateRoot.load(store, root).actors());
    }

    private static int levelsBelow(Blockstore store, Cid node) {
        CborReader in = CborReader.strict(store.getOrThrow(node));
        in.readArrayHeader(2);
        in.readBytes();
        int n = in.readArrayHeader();
        int deepest = 0;
        for (int i = 0; i < n; i++) {
            if (in.peekCid()) {
                deepest = Math.max(deepest, levelsBelow(store, in.readCid()));
            } else {
                in.skip();
            }
        }
        return deepest + 1;
    }

    /** Nodes of the actors HAMT. */
    static int nodes(Blockstore store, Cid root) {
        return nodesBelow(store, StateRoot.load(store, root).actors());
    }

    private static int nodesBelow(Blockstore store, Cid node) {
        CborReader in = CborReader.strict(store.getOrThrow(node));
        in.readArrayHeader(2);
        in.readBytes();
        int n = in.readArrayHeader();
        int count = 1;
        for (int i = 0; i < n; i++) {
            if (in.peekCid()) {
                count += nodesBelow(store, in.readCid());
            } else {
                in.skip();
            }
        }
        return count;
    }
}
