package org.fvmreplay.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.fvmreplay.fvm.message.Message;
import org.fvmreplay.fvm.state.ActorState;
import org.fvmreplay.fvm.state.StateRoot;
import org.fvmreplay.fvm.state.StateTree;
import org.fvmreplay.fvm.testing.SharedData;
import org.fvmreplay.ipld.address.Address;
import org.fvmreplay.ipld.blockstore.MemoryBlockstore;
import org.fvmreplay.ipld.blockstore.MissingBlockException;
import org.fvmreplay.ipld.cid.Cid;
import org.junit.jupiter.api.Test;

/** Every vector's pre-state loads as a state tree, and its messages' parties resolve or are provably absent. */
class VectorStateTreeTest {
    private final TestVectorReader reader = new TestVectorReader();

    @Test
    void everyVectorsSenderAndReceiverResolve() throws IOException {
        int vectors = 0;
        int resolvedSenders = 0;
        int resolvedReceivers = 0;
        int absentReceivers = 0;
        List<String> missing = new ArrayList<>();
        for (Path file : TestVectorReader.findVectorFiles(SharedData.vectors())) {
            TestVector v = reader.read(file);
            MemoryBlockstore store = VectorBlocks.load(v);
            StateTree tree = StateTree.load(store, v.preconditions().stateRoot());
            int nv = v.preconditions().variants().get(0).networkVersion();
            // network version 17 runs state tree v4, 18 introduced v5 (delegated addresses)
            assertThat(tree.version()).as(v.id()).isEqualTo(nv >= 18 ? 5 : 4);
            for (TestVector.ApplyMessage am : v.applyMessages()) {
                Message m = Message.decode(am.bytes());
                try {
                    Optional<ActorState> sender = tree.lookup(m.from());
                    // a message on chain was paid for: its sender must exist
                    assertThat(sender).as("sender %s of %s", m.from(), v.id()).isPresent();
                    assertThat(sender.get().balance().signum()).isGreaterThanOrEqualTo(0);
                    resolvedSenders++;
                    OptionalLong to = tree.resolve(m.to());
                    if (to.isPresent() && tree.actor(to.getAsLong()).isPresent()) {
                        resolvedReceivers++;
                    } else {
                        absentReceivers++;
                    }
                } catch (MissingBlockException e) {
                    missing.add(v.id() + ": " + e.cid());
                }
            }
            vectors++;
        }
        assertThat(vectors).isEqualTo(294);
        assertThat(missing)
                .as("lookups that needed a block the vector does not carry")
                .isEmpty();
        assertThat(resolvedSenders).isEqualTo(294);
        assertThat(resolvedReceivers + absentReceivers).isEqualTo(294);
        System.out.printf(
                "state trees: %d vectors, senders resolved %d, receivers resolved %d, provably absent %d%n",
                vectors, resolvedSenders, resolvedReceivers, absentReceivers);
    }

    @Test
    void aBlockMissingFromTheCarIsReportedByCid() throws IOException {
        Path file = TestVectorReader.findVectorFiles(SharedData.vectors()).get(0);
        TestVector v = reader.read(file);
        MemoryBlockstore full = VectorBlocks.load(v);
        Cid root = v.preconditions().stateRoot();
        StateRoot stateRoot = StateRoot.load(full, root);
        // a store holding only the root block: the actors HAMT root is missing
        MemoryBlockstore partial = new MemoryBlockstore();
        partial.put(root, full.get(root));
        assertThatThrownBy(() -> StateTree.load(partial, root).actor(0))
                .isInstanceOf(MissingBlockException.class)
                .hasMessageContaining(stateRoot.actors().toString());
        assertThatThrownBy(() -> StateTree.load(new MemoryBlockstore(), root))
                .isInstanceOf(MissingBlockException.class)
                .hasMessageContaining(root.toString());
        assertThat(StateTree.load(full, root).resolve(Address.id(5))).hasValue(5);
    }
}
