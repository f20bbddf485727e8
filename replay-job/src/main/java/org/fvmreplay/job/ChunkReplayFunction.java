package org.fvmreplay.job;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.util.Collector;
import org.fvmreplay.analytics.output.EpochChunk;
import org.fvmreplay.chain.block.Tipset;
import org.fvmreplay.chain.block.TipsetKey;
import org.fvmreplay.chain.diff.ActorChange;
import org.fvmreplay.chain.diff.FieldDiffResult;
import org.fvmreplay.chain.diff.StateFieldDiff;
import org.fvmreplay.chain.diff.StateTreeDiff;
import org.fvmreplay.chain.execution.TipsetExecutionException;
import org.fvmreplay.chain.execution.TipsetExecutor;
import org.fvmreplay.chain.execution.TipsetOutcome;
import org.fvmreplay.chain.execution.TipsetReplay;
import org.fvmreplay.chain.execution.TipsetReport;
import org.fvmreplay.chain.execution.TipsetTracer;
import org.fvmreplay.fvm.gas.PriceLists;
import org.fvmreplay.fvm.state.StateTree;
import org.fvmreplay.fvm.trace.TraceEntry;
import org.fvmreplay.ipld.address.Address;
import org.fvmreplay.ipld.blockstore.Blockstore;
import org.fvmreplay.ipld.cid.Cid;
import org.fvmreplay.snapshots.TipsetEntry;

/**
 * The replay operator: for a chunk index, replays every tipset of that chunk from the chain's parent state (each tipset
 * independently, on its own machine), checks it against its child, and emits it with its traced messages (and, when the
 * job reprices, with the same tipset replayed under the study's prices), then marks the chunk's end. Chunks whose output
 * already exists are not handed to it (see {@link ReplayJob}).
 */
public final class ChunkReplayFunction extends RichFlatMapFunction<Long, ReplayRecord> {
    private static final long serialVersionUID = 1L;

    private final ReplayJobConfig config;
    private final List<EpochChunk> chunks;
    private final boolean traceMessages;
    private final boolean traceState;
    private transient ReplayResources resources;
    private transient TipsetReplay replay;

    public ChunkReplayFunction(ReplayJobConfig config, List<EpochChunk> chunks) {
        this.config = requireNonNull(config, "config is null");
        this.chunks = List.copyOf(chunks);
        this.traceMessages = config.tables().stream().anyMatch(t -> !t.equals("tipsets"));
        this.traceState = config.tables().contains("state_diffs");
    }

    @Override
    public void open(OpenContext context) {
        resources = ReplayResources.acquire(config);
        replay = new TipsetReplay(resources.chain(), resources.executor());
    }

    @Override
    public void close() {
        if (resources != null) {
            resources.close();
            resources = null;
        }
    }

    @Override
    public void flatMap(Long chunkIndex, Collector<ReplayRecord> out) {
        EpochChunk chunk = chunks.get(Math.toIntExact(chunkIndex));
        List<TipsetEntry> entries =
                resources.store().chainIndex().range(Math.max(1, chunk.fromEpoch()), chunk.toEpoch());
        Optional<TipsetEntry> after = resources.store().chainIndex().nextAfter(chunk.toEpoch());
        for (int i = 0; i < entries.size(); i++) {
            Optional<TipsetEntry> next = i + 1 < entries.size() ? Optional.of(entries.get(i + 1)) : after;
            out.collect(replay(chunk, entries.get(i), next));
        }
        out.collect(new ReplayRecord.ChunkReplayed(chunk, entries.size()));
    }

    private ReplayRecord.TipsetReplayed replay(EpochChunk chunk, TipsetEntry entry, Optional<TipsetEntry> next) {
        Tipset tipset = resources.chain().tipset(new TipsetKey(entry.key()));
        int networkVersion = resources.network().networkVersion(tipset.height());
        if (next.isEmpty()) {
            return new ReplayRecord.TipsetReplayed(
                    chunk,
                    tipset,
                    networkVersion,
                    Optional.empty(),
                    Optional.empty(),
                    List.of(),
                    List.of(),
                    Map.of(),
                    Optional.empty());
        }
        Tipset child = resources.chain().tipset(new TipsetKey(next.get().key()));
        Collecting tracer = new Collecting(traceMessages, traceState);
        TipsetReport report = replay.replay(tipset, child, tracer);
        // a tipset that did not execute to the end (missing state, a migration not ported) has no rows of messages
        if (report.computedStateRoot().isEmpty()) {
            return new ReplayRecord.TipsetReplayed(
                    chunk,
                    tipset,
                    networkVersion,
                    Optional.of(child),
                    Optional.of(report),
                    List.of(),
                    List.of(),
                    Map.of(),
                    Optional.empty());
        }
        Map<Cid, String> names = traceMessages ? resources.actorTypes().at(tipset.parentStateRoot()) : Map.of();
        return new ReplayRecord.TipsetReplayed(
                chunk,
                tipset,
                networkVersion,
                Optional.of(child),
                Optional.of(report),
                resolved(tipset, tracer.traced, names),
                tracer.migration,
                names,
                resources.repricedExecutor().map(executor -> reprice(executor, tipset, networkVersion)));
    }

    /**
     * Replays {@code tipset} again under the study's prices, from the same parent state. Its outcome is a counterfactual:
     * not checked against the chain, and an error (an implicit message failing under the new prices) is a result.
     */
    private ReplayRecord.RepricedRun reprice(TipsetExecutor executor, Tipset tipset, int networkVersion) {
        String before = PriceLists.forNetworkVersion(networkVersion).name();
        String after =
                config.repricing().orElseThrow().priceListFor(networkVersion).name();
        Collecting tracer = new Collecting(true, false);
        Optional<String> error;
        try {
            TipsetOutcome outcome = executor.execute(tipset, tracer);
            // the first run executed, so only a block the new prices make the VM read can be missing
            error = outcome instanceof TipsetOutcome.MissingState missing
                    ? Optional.of("the repriced run needs block " + missing.missing() + ", which the store lacks")
                    : outcome instanceof TipsetOutcome.Executed
                            ? Optional.empty()
                            : Optional.of("the repriced run did not execute ("
                                    + outcome.getClass().getSimpleName() + ")");
        } catch (TipsetExecutionException e) {
            error = Optional.of(e.getMessage());
        }
        return new ReplayRecord.RepricedRun(before, after, error.isPresent() ? List.of() : tracer.traced, error);
    }

    /**
     * Resolves each message's receiver and the callees of its calls in the tipset's parent state: ID and builtin actor type
     * (unknown for actors the tipset creates).
     */
    private List<ReplayRecord.TracedMessage> resolved(
            Tipset tipset, List<ReplayRecord.TracedMessage> traced, Map<Cid, String> names) {
        if (traced.isEmpty()) {
            return traced;
        }
        StateTree parent = StateTree.load(resources.store().blocks(), tipset.parentStateRoot());
        Map<String, Optional<ReplayRecord.Callee>> known = new HashMap<>();
        List<ReplayRecord.TracedMessage> named = new ArrayList<>(traced.size());
        for (ReplayRecord.TracedMessage m : traced) {
            Optional<String> type = parent.lookup(m.message().to()).map(a -> names.get(a.code()));
            Map<String, ReplayRecord.Callee> callees = new HashMap<>();
            for (TraceEntry e : m.result().trace()) {
                if (e instanceof TraceEntry.CallStarted call) {
                    known.computeIfAbsent(call.to(), to -> callee(parent, to, names))
                            .ifPresent(c -> callees.put(call.to(), c));
                }
            }
            named.add(new ReplayRecord.TracedMessage(
                    m.position(),
                    m.explicit(),
                    m.implicitKind(),
                    m.epoch(),
                    m.message(),
                    m.result(),
                    type,
                    callees,
                    m.changes()));
        }
        return named;
    }

    private static Optional<ReplayRecord.Callee> callee(StateTree state, String address, Map<Cid, String> names) {
        Address parsed;
        try {
            parsed = Address.parse(address);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        OptionalLong id = state.resolve(parsed);
        if (id.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ReplayRecord.Callee(
                id.getAsLong(), state.actor(id.getAsLong()).map(a -> names.get(a.code()))));
    }

    /** Keeps each message with its state changes, computed while the tipset's store can still read both states. */
    private static final class Collecting implements TipsetTracer {
        private final boolean traceMessages;
        private final boolean traceState;
        final List<ReplayRecord.TracedMessage> traced = new ArrayList<>();
        List<ReplayRecord.ActorStateChange> migration = List.of();

        Collecting(boolean traceMessages, boolean traceState) {
            this.traceMessages = traceMessages;
            this.traceState = traceState;
        }

        @Override
        public boolean tracesMessages() {
            return traceMessages;
        }

        @Override
        public boolean tracesState() {
            return traceState;
        }

        @Override
        public void messageApplied(MessageApplied m) {
            List<ReplayRecord.ActorStateChange> changes = traceState
                            && m.stateBefore().isPresent()
                            && m.stateAfter().isPresent()
                    ? changes(m.store(), m.stateBefore().get(), m.stateAfter().get())
                    : List.of();
            traced.add(new ReplayRecord.TracedMessage(
                    m.position(),
                    m.explicit(),
                    m.implicitKind(),
                    m.epoch(),
                    m.message(),
                    m.result(),
                    Optional.empty(),
                    Map.of(),
                    changes));
        }

        @Override
        public void migrated(long epoch, int networkVersion, Cid before, Cid after, Blockstore store) {
            migration = changes(store, before, after);
        }

        private static List<ReplayRecord.ActorStateChange> changes(Blockstore store, Cid before, Cid after) {
            List<ReplayRecord.ActorStateChange> changes = new ArrayList<>();
            for (ActorChange change : StateTreeDiff.diff(store, before, after)) {
                Optional<Cid> headBefore = change.before().map(a -> a.head());
                Optional<Cid> headAfter = change.after().map(a -> a.head());
                Optional<FieldDiffResult> fields =
                        headBefore.isPresent() && headAfter.isPresent() && !headBefore.equals(headAfter)
                                ? Optional.of(StateFieldDiff.diff(store, headBefore.get(), headAfter.get()))
                                : Optional.empty();
                changes.add(new ReplayRecord.ActorStateChange(change, fields));
            }
            return changes;
        }
    }
}
