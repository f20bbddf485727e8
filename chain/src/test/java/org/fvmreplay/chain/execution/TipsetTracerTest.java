package org.fvmreplay.chain.execution;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.fvmreplay.chain.SharedChain;
import org.fvmreplay.chain.block.Tipset;
import org.fvmreplay.fvm.trace.TraceEntry;
import org.fvmreplay.ipld.blockstore.Blockstore;
import org.fvmreplay.ipld.cid.Cid;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A tracer sees every message in order with its trace and the state roots around it, and tracing changes no result. */
class TipsetTracerTest {
    /** Records what the executor tells it. */
    private static final class Recording implements TipsetTracer {
        final List<MessageApplied> applied = new ArrayList<>();
        final List<Cid[]> migrations = new ArrayList<>();

        @Override
        public boolean tracesMessages() {
            return true;
        }

        @Override
        public boolean tracesState() {
            return true;
        }

        @Override
        public void messageApplied(MessageApplied m) {
            // the state roots must be readable from the store while the call lasts
            m.stateAfter()
                    .ifPresent(root -> assertThat(m.store().get(root))
                            .as("state root %s readable", root)
                            .isNotNull());
            applied.add(m);
        }

        @Override
        public void migrated(long epoch, int networkVersion, Cid before, Cid after, Blockstore store) {
            migrations.add(new Cid[] {before, after});
        }
    }

    // devnet-a: 317 has an EVM call out of gas, 325 reverts, 405 a send to a missing actor, 320 follows null rounds,
    // 201 is the first tipset of nv27 (a code-only migration runs before it)
    @ParameterizedTest(name = "devnet-a epoch {0}")
    @ValueSource(longs = {317, 320, 325, 405, 201})
    void tracerSeesEveryMessageAndTheStateAroundIt(long epoch) {
        Replays.Overlaid r = Replays.overlaid(SharedChain.devnetA());
        Tipset tipset = Replays.at(r.shared(), epoch);
        Recording tracer = new Recording();

        TipsetOutcome outcome = r.executor().execute(tipset, tracer);

        assertThat(outcome).isInstanceOf(TipsetOutcome.Executed.class);
        TipsetOutcome.Executed executed = (TipsetOutcome.Executed) outcome;
        assertThat(executed.stateRoot())
                .as("tracing changes no result")
                .isEqualTo(Replays.child(r.shared(), tipset).parentStateRoot());
        assertThat(tracer.applied)
                .extracting(TipsetTracer.MessageApplied::position)
                .containsExactlyElementsOf(java.util.stream.IntStream.range(0, tracer.applied.size())
                        .boxed()
                        .toList());
        assertThat(tracer.applied)
                .hasSize(executed.messages().size() + executed.implicit().size());
        assertThat(tracer.applied.stream()
                        .filter(m -> m.explicit().isPresent())
                        .map(m -> m.messageCid())
                        .toList())
                .containsExactlyElementsOf(
                        executed.messages().stream().map(m -> m.message().cid()).toList());

        // each message starts from the state the previous one left, and the last leaves the tipset's state
        for (int i = 1; i < tracer.applied.size(); i++) {
            assertThat(tracer.applied.get(i).stateBefore())
                    .as("state before message %s", i)
                    .isEqualTo(tracer.applied.get(i - 1).stateAfter());
        }
        assertThat(tracer.applied.get(tracer.applied.size() - 1).stateAfter()).contains(executed.stateRoot());
        if (epoch == 201) {
            assertThat(tracer.migrations).hasSize(1);
            assertThat(tracer.applied.get(0).stateBefore())
                    .contains(tracer.migrations.get(0)[1]);
        } else {
            assertThat(tracer.migrations).isEmpty();
            assertThat(tracer.applied.get(0).stateBefore()).contains(tipset.parentStateRoot());
        }

        // the charges of a message's trace add up to its gas used (rounded up), except when it ran out of gas
        for (TipsetTracer.MessageApplied m : tracer.applied) {
            long milligas = m.result().trace().stream()
                    .filter(e -> e instanceof TraceEntry.GasCharged)
                    .mapToLong(e -> ((TraceEntry.GasCharged) e).totalMilligas())
                    .sum();
            long gasUsed = m.result().gasUsed();
            if (m.result().exitCode() == 7) {
                assertThat(gasUsed).isEqualTo(m.message().gasLimit());
            } else {
                assertThat((milligas + 999) / 1000)
                        .as(
                                "charges of %s (exit %s)",
                                m.messageCid(), m.result().exitCode())
                        .isEqualTo(gasUsed);
            }
            Optional<TraceEntry> first = m.result().trace().stream()
                    .filter(e -> e instanceof TraceEntry.CallStarted)
                    .findFirst();
            if (m.result().gasUsed() > 0) {
                assertThat(first).as("the message's own call is traced").isPresent();
            }
        }
    }
}
