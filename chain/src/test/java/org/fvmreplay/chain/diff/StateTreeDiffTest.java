package org.fvmreplay.chain.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.fvmreplay.chain.diff.StateTrees.actor;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import org.fvmreplay.chain.diff.ActorChange.Field;
import org.fvmreplay.chain.diff.ActorChange.Kind;
import org.fvmreplay.fvm.state.ActorState;
import org.fvmreplay.fvm.state.StateRoot;
import org.fvmreplay.fvm.state.StateTreeException;
import org.fvmreplay.ipld.address.Address;
import org.fvmreplay.ipld.blockstore.MemoryBlockstore;
import org.fvmreplay.ipld.cbor.CborWriter;
import org.fvmreplay.ipld.cid.Cid;
import org.fvmreplay.ipld.hamt.Hamt;
import org.junit.jupiter.api.Test;

/** Diffs of synthetic state trees: the right changes, in actor order, read from the changed paths only. */
class StateTreeDiffTest {
    private final MemoryBlockstore memory = new MemoryBlockstore();
    private final CountingBlockstore store = new CountingBlockstore(memory);

    /** A tree of actors {@code from} to {@code to} (inclusive). */
    private Cid tree(long from, long to) {
        Map<Long, Optional<ActorState>> actors = new HashMap<>();
        for (long id = from; id <= to; id++) {
            actors.put(id, Optional.of(actor(id)));
        }
        return StateTrees.with(store, StateTrees.empty(store, 0), actors);
    }

    @Test
    void reportsCreatedDeletedAndModifiedActorsInIdOrder() {
        Cid before = tree(100, 150);
        ActorState a130 = actor(130);
        ActorState a140 = actor(140);
        ActorState a141 = actor(141);
        ActorState a142 = actor(142);
        Map<Long, Optional<ActorState>> edits = new HashMap<>();
        edits.put(1000L, Optional.of(actor(1000)));
        edits.put(7L, Optional.of(actor(7)));
        edits.put(120L, Optional.empty());
        edits.put(
                130L,
                Optional.of(new ActorState(
                        a130.code(),
                        a130.head(),
                        a130.sequence() + 1,
                        a130.balance().subtract(BigInteger.TEN),
                        Optional.empty())));
        edits.put(
                140L,
                Optional.of(new ActorState(
                        a140.code(), StateTrees.head(-140), a140.sequence(), a140.balance(), Optional.empty())));
        edits.put(
                141L,
                Optional.of(new ActorState(
                        StateTrees.EVM, a141.head(), a141.sequence(), a141.balance(), Optional.empty())));
        Address f4 = Address.delegated(10, new byte[20]);
        edits.put(
                142L,
                Optional.of(
                        new ActorState(a142.code(), a142.head(), a142.sequence(), a142.balance(), Optional.of(f4))));
        Cid after = StateTrees.with(store, before, edits);

        List<ActorChange> changes = StateTreeDiff.diff(store, before, after);

        assertThat(changes).extracting(ActorChange::actorId).containsExactly(7L, 120L, 130L, 140L, 141L, 142L, 1000L);
        assertThat(changes)
                .extracting(ActorChange::kind)
                .containsExactly(
                        Kind.CREATED,
                        Kind.DELETED,
                        Kind.MODIFIED,
                        Kind.MODIFIED,
                        Kind.MODIFIED,
                        Kind.MODIFIED,
                        Kind.CREATED);
        assertThat(changes)
                .extracting(ActorChange::changedFields)
                .containsExactly(
                        EnumSet.allOf(Field.class),
                        EnumSet.allOf(Field.class),
                        EnumSet.of(Field.NONCE, Field.BALANCE),
                        EnumSet.of(Field.HEAD),
                        EnumSet.of(Field.CODE),
                        EnumSet.of(Field.DELEGATED_ADDRESS),
                        EnumSet.allOf(Field.class));
        assertThat(changes.get(0).before()).isEmpty();
        assertThat(changes.get(0).after()).contains(actor(7));
        assertThat(changes.get(1).before()).contains(actor(120));
        assertThat(changes.get(1).after()).isEmpty();
        assertThat(changes.get(2).before()).contains(a130);
        assertThat(changes.get(2).after()).isEqualTo(edits.get(130L));
        assertThat(changes.get(5).changed(Field.DELEGATED_ADDRESS)).isTrue();
        assertThat(changes.get(5).changed(Field.HEAD)).isFalse();
        assertThat(StateDiffApplier.apply(store, before, changes)).isEqualTo(after);
    }

    @Test
    void equalRootsAreNotRead() {
        Cid root = tree(100, 400);
        store.reset();

        assertThat(StateTreeDiff.diff(store, root, root)).isEmpty();
        assertThat(store.reads()).isZero();
    }

    @Test
    void rootsOverTheSameActorsReadOnlyTheRootBlocks() {
        Cid root = tree(100, 400);
        Cid other = StateTrees.withInfo(store, root, 1);
        assertThat(other).isNotEqualTo(root);
        store.reset();

        assertThat(StateTreeDiff.diff(store, root, other)).isEmpty();
        assertThat(store.reads()).isEqualTo(2);
    }

    @Test
    void oneChangeAmongThousandsOfActorsReadsOnlyItsPath() {
        Cid root = tree(1000, 5999);
        int levels = StateTrees.levels(memory, root);
        int nodes = StateTrees.nodes(memory, root);
        ActorState a = actor(3000);
        Cid modified = StateTrees.with(
                store,
                root,
                Map.of(
                        3000L,
                        Optional.of(
                                new ActorState(a.code(), a.head(), a.sequence() + 1, a.balance(), Optional.empty()))));
        Cid created = StateTrees.with(store, root, Map.of(77L, Optional.of(actor(77))));
        Cid deleted = StateTrees.with(store, root, Map.of(4321L, Optional.empty()));

        // two state roots, then at most a node on each side per level; a creation that splits a bucket into a new node,
        // or a deletion that folds one back, reads that one node more
        int bound = 2 + 2 * levels + 1;
        for (Cid after : List.of(modified, created, deleted)) {
            store.reset();
            List<ActorChange> changes = StateTreeDiff.diff(store, root, after);
            assertThat(changes).hasSize(1);
            assertThat(store.reads())
                    .as("blocks read for one change in %s actors, %s HAMT nodes, %s levels", 5000, nodes, levels)
                    .isLessThanOrEqualTo(bound);
            store.reset();
            assertThat(StateTreeDiff.diff(store, after, root))
                    .as("the reverse diff")
                    .hasSize(1);
            assertThat(store.reads()).isLessThanOrEqualTo(bound);
        }
        assertThat(nodes).as("the tree is far larger than what was read").isGreaterThan(50 * bound);
    }

    @Test
    void agreesWithComparingWholeTreesUnderRandomChanges() {
        Random random = new Random(20240531);
        Cid root = StateTrees.empty(store, 0);
        TreeMap<Long, ActorState> model = new TreeMap<>();
        for (int round = 0; round < 60; round++) {
            Map<Long, Optional<ActorState>> edits = new HashMap<>();
            int kind = round % 6;
            int ops = kind == 0 ? 1 + random.nextInt(800) : 1 + random.nextInt(kind == 5 ? 3 : 60);
            for (int op = 0; op < ops; op++) {
                long id = random.nextInt(4000);
                if (kind == 4 && !model.isEmpty()) {
                    // a burst of deletions, which folds split buckets back up
                    Long present = model.ceilingKey(id);
                    edits.put(present != null ? present : model.firstKey(), Optional.empty());
                } else if (model.containsKey(id) && random.nextBoolean()) {
                    edits.put(id, Optional.empty());
                } else {
                    ActorState a = actor(id);
                    edits.put(
                            id,
                            Optional.of(new ActorState(
                                    random.nextBoolean() ? a.code() : StateTrees.EVM,
                                    a.head(),
                                    random.nextInt(3),
                                    a.balance().add(BigInteger.valueOf(random.nextInt(2))),
                                    Optional.empty())));
                }
            }
            if (round == 59) {
                // everything deleted: a tree against an empty one
                edits.clear();
                model.keySet().forEach(id -> edits.put(id, Optional.empty()));
            }
            Cid next = StateTrees.with(store, root, edits);

            List<ActorChange> changes = StateTreeDiff.diff(store, root, next);

            TreeMap<Long, ActorState> before = StateTrees.all(store, root);
            TreeMap<Long, ActorState> after = StateTrees.all(store, next);
            List<ActorChange> expected = new ArrayList<>();
            TreeSet<Long> ids = new TreeSet<>(before.keySet());
            ids.addAll(after.keySet());
            for (long id : ids) {
                Optional<ActorState> b = Optional.ofNullable(before.get(id));
                Optional<ActorState> a = Optional.ofNullable(after.get(id));
                if (!b.equals(a)) {
                    expected.add(ActorChange.of(id, b, a));
                }
            }
            assertThat(changes)
                    .as("round %s: %s edits on %s actors", round, edits.size(), before.size())
                    .isEqualTo(expected);
            assertThat(StateDiffApplier.apply(store, root, changes))
                    .as("round %s applied", round)
                    .isEqualTo(next);
            assertThat(StateTreeDiff.diff(store, next, root))
                    .as("round %s reversed", round)
                    .hasSize(expected.size());
            root = next;
            model = after;
        }
        assertThat(model).isEmpty();
    }

    @Test
    void applyingChangesComputedFromAnotherStateFails() {
        Cid before = tree(100, 150);
        Cid after = StateTrees.with(store, before, Map.of(120L, Optional.empty()));
        List<ActorChange> changes = StateTreeDiff.diff(store, before, after);

        assertThatThrownBy(() -> StateDiffApplier.apply(store, after, changes))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("f0120");
    }

    @Test
    void aKeyThatIsNotAnIdAddressIsReported() {
        Cid root = tree(100, 110);
        StateRoot r = StateRoot.load(store, root);
        Hamt actors = Hamt.load(r.actors(), store);
        actors.set(Address.secp256k1(new byte[20]).toBytes(), actor(1).encode(5));
        Cid bad = store.putDagCbor(new CborWriter(96)
                .writeArrayHeader(3)
                .writeLong(5)
                .writeCid(actors.flush())
                .writeCid(r.info())
                .toByteArray());

        assertThatThrownBy(() -> StateTreeDiff.diff(store, root, bad))
                .isInstanceOf(StateTreeException.class)
                .hasMessageContaining("not an ID address");
    }

    @Test
    void aMalformedActorEntryIsReported() {
        Cid root = tree(100, 110);
        StateRoot r = StateRoot.load(store, root);
        Hamt actors = Hamt.load(r.actors(), store);
        actors.set(
                Address.id(105).toBytes(),
                new CborWriter(4).writeArrayHeader(1).writeLong(1).toByteArray());
        Cid bad = store.putDagCbor(new CborWriter(96)
                .writeArrayHeader(3)
                .writeLong(5)
                .writeCid(actors.flush())
                .writeCid(r.info())
                .toByteArray());

        assertThatThrownBy(() -> StateTreeDiff.diff(store, root, bad))
                .isInstanceOf(StateTreeException.class)
                .hasMessageContaining("f0105");
    }

    @Test
    void changeKindAndFieldsMustMatchItsStates() {
        assertThatThrownBy(() -> new ActorChange(
                        1, Kind.MODIFIED, Optional.empty(), Optional.of(actor(1)), EnumSet.allOf(Field.class)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ActorChange(
                        1, Kind.MODIFIED, Optional.of(actor(1)), Optional.of(actor(2)), EnumSet.of(Field.CODE)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ActorChange.of(1, Optional.empty(), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
