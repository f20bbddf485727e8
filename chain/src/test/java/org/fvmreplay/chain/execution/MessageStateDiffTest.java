package org.fvmreplay.chain.execution;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.fvmreplay.chain.SharedChain;
import org.fvmreplay.chain.block.Tipset;
import org.fvmreplay.chain.diff.ActorChange;
import org.fvmreplay.chain.diff.ActorChange.Field;
import org.fvmreplay.chain.diff.FieldDiffResult;
import org.fvmreplay.chain.diff.StateDiffApplier;
import org.fvmreplay.chain.diff.StateFieldDiff;
import org.fvmreplay.chain.diff.StateTreeDiff;
import org.fvmreplay.fvm.executor.ApplyRet;
import org.fvmreplay.fvm.state.ActorState;
import org.fvmreplay.fvm.state.StateTree;
import org.fvmreplay.ipld.blockstore.Blockstore;
import org.fvmreplay.ipld.cid.Cid;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The state diff of every message of a devnet tipset (and of the migration before it) holds only real changes, and the
 * diffs applied in order to the tipset's parent state give each message's state and, at the end, the executed state root.
 */
class MessageStateDiffTest {
    /** One state transition of the tipset (a migration or a message) and its diff. */
    private record Step(String what, Cid before, Cid after, List<ActorChange> changes) {}

    /** An explicit message's sender and receiver as IDs, with what it moved and paid. */
    private record Sent(
            String what, long method, int exitCode, long from, long to, BigInteger value, BigInteger fees) {}

    /** Diffs each transition inside the callback: the store that holds both states is valid only during it. */
    private static final class Diffing implements TipsetTracer {
        final List<Step> steps = new ArrayList<>();
        final List<Sent> sent = new ArrayList<>();
        final List<FieldDiffResult> heads = new ArrayList<>();

        @Override
        public boolean tracesState() {
            return true;
        }

        @Override
        public void migrated(long epoch, int networkVersion, Cid before, Cid after, Blockstore store) {
            steps.add(new Step("migration to nv" + networkVersion, before, after, diff(store, before, after)));
        }

        @Override
        public void messageApplied(MessageApplied m) {
            Cid before = m.stateBefore().orElseThrow();
            Cid after = m.stateAfter().orElseThrow();
            String what = "message " + m.position() + " " + m.messageCid()
                    + m.implicitKind().map(k -> " (" + k + ")").orElse("");
            steps.add(new Step(what, before, after, diff(m.store(), before, after)));
            if (m.explicit().isPresent()) {
                StateTree tree = StateTree.load(m.store(), after);
                ApplyRet r = m.result();
                long to = tree.resolve(m.message().to()).orElse(-1);
                sent.add(new Sent(
                        what,
                        m.message().method(),
                        r.exitCode(),
                        tree.resolve(m.message().from()).orElseThrow(),
                        to,
                        m.message().value(),
                        r.baseFeeBurn().add(r.overEstimationBurn()).add(r.minerTip())));
            }
        }

        private List<ActorChange> diff(Blockstore store, Cid before, Cid after) {
            List<ActorChange> changes = StateTreeDiff.diff(store, before, after);
            for (ActorChange c : changes) {
                if (c.changed(Field.HEAD) && c.before().isPresent() && c.after().isPresent()) {
                    heads.add(StateFieldDiff.diff(
                            store, c.before().get().head(), c.after().get().head()));
                }
            }
            return changes;
        }
    }

    // devnet-a: 317 has an EVM call out of gas, 325 reverts, 405 a send to a missing actor, 320 follows null rounds,
    // 201 is the first tipset of nv27 (a code-only migration runs before it)
    @ParameterizedTest(name = "devnet-a epoch {0}")
    @ValueSource(longs = {317, 320, 325, 405, 201})
    void diffsOfEveryMessageRebuildTheTipsetState(long epoch) {
        Replays.Overlaid r = Replays.overlaid(SharedChain.devnetA());
        Tipset tipset = Replays.at(r.shared(), epoch);
        Diffing tracer = new Diffing();

        TipsetOutcome outcome = r.executor().execute(tipset, tracer);

        assertThat(outcome).isInstanceOf(TipsetOutcome.Executed.class);
        Cid stateRoot = ((TipsetOutcome.Executed) outcome).stateRoot();
        assertThat(tracer.steps.get(0).what())
                .as("a migration first")
                .startsWith(epoch == 201 ? "migration" : "message");

        for (Step step : tracer.steps) {
            assertThat(step.changes()).as("%s changes something", step.what()).isNotEmpty();
            for (ActorChange c : step.changes()) {
                assertThat(c.before())
                        .as("%s: f0%s changed", step.what(), c.actorId())
                        .isNotEqualTo(c.after());
                assertThat(c.changedFields())
                        .as("%s: f0%s has changed fields", step.what(), c.actorId())
                        .isNotEmpty();
            }
            assertThat(step.changes())
                    .extracting(ActorChange::actorId)
                    .as("%s in actor order", step.what())
                    .isSorted();
        }
        for (FieldDiffResult head : tracer.heads) {
            assertThat(head.decodeError())
                    .as("head %s -> %s", head.headBefore(), head.headAfter())
                    .isEmpty();
            assertThat(head.fields())
                    .as("head %s -> %s", head.headBefore(), head.headAfter())
                    .isNotEmpty();
        }

        // a private overlay: the applied states' blocks must not reach the store the other tests share
        OverlayBlockstore patched = new OverlayBlockstore(r.shared().store());
        Cid root = tipset.parentStateRoot();
        for (Step step : tracer.steps) {
            assertThat(step.before())
                    .as("%s starts where the previous step ended", step.what())
                    .isEqualTo(root);
            root = StateDiffApplier.apply(patched, root, step.changes());
            assertThat(root).as("%s applied", step.what()).isEqualTo(step.after());
        }
        assertThat(root).as("all diffs applied to the parent state").isEqualTo(stateRoot);
    }

    @ParameterizedTest(name = "devnet-a epoch {0}")
    @ValueSource(longs = {317, 320, 325, 405, 201})
    void aMessageBumpsItsSendersNonceAndASendMovesItsValue(long epoch) {
        Replays.Overlaid r = Replays.overlaid(SharedChain.devnetA());
        Diffing tracer = new Diffing();
        r.executor().execute(Replays.at(r.shared(), epoch), tracer);

        int sends = 0;
        for (Sent s : tracer.sent) {
            List<ActorChange> changes = tracer.steps.stream()
                    .filter(st -> st.what().equals(s.what()))
                    .findFirst()
                    .orElseThrow()
                    .changes();
            ActorChange sender = find(changes, s.from())
                    .orElseThrow(() -> new AssertionError(s.what() + ": no change of its sender f0" + s.from()));
            assertThat(sender.kind()).isEqualTo(ActorChange.Kind.MODIFIED);
            assertThat(sender.after().get().sequence())
                    .as("%s: sender nonce", s.what())
                    .isEqualTo(sender.before().get().sequence() + 1);
            if (s.method() != 0 || s.exitCode() != 0 || s.from() == s.to()) {
                continue;
            }
            sends++;
            assertThat(sender.changedFields())
                    .as("%s: a send changes the sender's nonce and balance only", s.what())
                    .isEqualTo(EnumSet.of(Field.NONCE, Field.BALANCE));
            assertThat(sender.before()
                            .get()
                            .balance()
                            .subtract(sender.after().get().balance()))
                    .as("%s: sender pays value and fees", s.what())
                    .isEqualTo(s.value().add(s.fees()));
            ActorChange receiver = find(changes, s.to())
                    .orElseThrow(() -> new AssertionError(s.what() + ": no change of its receiver f0" + s.to()));
            BigInteger had = receiver.before().map(ActorState::balance).orElse(BigInteger.ZERO);
            assertThat(receiver.after().get().balance().subtract(had))
                    .as("%s: receiver gets the value", s.what())
                    .isEqualTo(s.value());
            assertThat(receiver.changedFields()).contains(Field.BALANCE);
            // besides them only the fee recipients (reward f02, burnt funds f099) and, for a new receiver, the init
            // actor f01
            assertThat(changes)
                    .extracting(ActorChange::actorId)
                    .as("%s: actors changed", s.what())
                    .isSubsetOf(s.from(), s.to(), 1L, 2L, 99L);
        }
        if (epoch == 405 || epoch == 201) {
            assertThat(sends).as("simple sends at epoch %s", epoch).isPositive();
        }
        if (epoch == 201) {
            // a code-only migration gives actors new code and the system actor (f00) a new head, nothing else
            Step migration = tracer.steps.get(0);
            for (ActorChange c : migration.changes()) {
                assertThat(c.kind()).isEqualTo(ActorChange.Kind.MODIFIED);
                assertThat(c.changedFields())
                        .as("f0%s", c.actorId())
                        .isEqualTo(c.actorId() == 0 ? EnumSet.of(Field.CODE, Field.HEAD) : EnumSet.of(Field.CODE));
            }
        }
    }

    private static Optional<ActorChange> find(List<ActorChange> changes, long id) {
        return changes.stream().filter(c -> c.actorId() == id).findFirst();
    }
}
