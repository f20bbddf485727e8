package org.fvmreplay.job;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fvmreplay.analytics.output.EpochChunk;
import org.fvmreplay.chain.block.Tipset;
import org.fvmreplay.chain.diff.ActorChange;
import org.fvmreplay.chain.diff.FieldDiffResult;
import org.fvmreplay.chain.execution.TipsetOutcome;
import org.fvmreplay.chain.execution.TipsetReport;
import org.fvmreplay.fvm.executor.ApplyRet;
import org.fvmreplay.fvm.message.Message;
import org.fvmreplay.ipld.cid.Cid;

/** What the replay operator hands the sinks: each tipset of a chunk as it is replayed, then the chunk's end. */
public sealed interface ReplayRecord {
    /** The chunk this record belongs to. */
    EpochChunk chunk();

    /**
     * One tipset replayed and checked against the chain, with what happened inside each of its messages.
     *
     * @param networkVersion the network version of the tipset's epoch
     * @param child the tipset whose header records this one's results, when the store has it
     * @param report the replay checked against {@code child}; empty when the store lacks the child, so nothing could be checked
     * @param messages every applied message in execution order (empty unless the tipset executed)
     * @param migration the actors a state migration before the tipset changed (empty when none ran)
     * @param actorTypes builtin actor names by code CID in the tipset's parent state (empty when no message was traced)
     * @param repriced the tipset replayed again under a study's prices (empty unless the job reprices and it executed)
     */
    record TipsetReplayed(
            EpochChunk chunk,
            Tipset tipset,
            int networkVersion,
            Optional<Tipset> child,
            Optional<TipsetReport> report,
            List<TracedMessage> messages,
            List<ActorStateChange> migration,
            Map<Cid, String> actorTypes,
            Optional<RepricedRun> repriced)
            implements ReplayRecord {
        public TipsetReplayed {
            requireNonNull(repriced, "repriced is null");
            requireNonNull(chunk, "chunk is null");
            requireNonNull(tipset, "tipset is null");
            requireNonNull(child, "child is null");
            requireNonNull(report, "report is null");
            messages = List.copyOf(messages);
            migration = List.copyOf(migration);
            actorTypes = Map.copyOf(actorTypes);
        }
    }

    /**
     * A tipset replayed a second time, from the same parent state, under a study's prices.
     *
     * @param pricesBefore the name of the price list the chain ran the tipset under
     * @param pricesAfter the name of the study's price list for the tipset's network version
     * @param messages every applied message in execution order, as in {@link TipsetReplayed#messages()}; empty on error
     * @param error why the repriced run gave no result (an implicit message that fails under the new prices makes the
     *     tipset invalid, as the reference node would treat it)
     */
    record RepricedRun(String pricesBefore, String pricesAfter, List<TracedMessage> messages, Optional<String> error) {
        public RepricedRun {
            requireNonNull(pricesBefore, "pricesBefore is null");
            requireNonNull(pricesAfter, "pricesAfter is null");
            messages = List.copyOf(messages);
            requireNonNull(error, "error is null");
        }
    }

    /** Every tipset of the chunk has been handed over: the sinks may make the chunk's files visible. */
    record ChunkReplayed(EpochChunk chunk, int tipsets) implements ReplayRecord {
        public ChunkReplayed {
            requireNonNull(chunk, "chunk is null");
        }
    }

    /**
     * One applied message as the tracer saw it (without the store, which is valid only during the call), with the actors
     * it changed when state was traced.
     *
     * @param receiverType the receiver's builtin actor type, where the tipset's parent state knows the receiver
     * @param callees the actors its calls went to, by address as the trace gives it, resolved in the tipset's parent
     *     state; an address the parent state does not resolve (an actor the tipset creates) is absent
     */
    record TracedMessage(
            int position,
            Optional<TipsetOutcome.AppliedMessage> explicit,
            Optional<String> implicitKind,
            long epoch,
            Message message,
            ApplyRet result,
            Optional<String> receiverType,
            Map<String, Callee> callees,
            List<ActorStateChange> changes) {
        public TracedMessage {
            requireNonNull(receiverType, "receiverType is null");
            callees = Map.copyOf(callees);
            requireNonNull(explicit, "explicit is null");
            requireNonNull(implicitKind, "implicitKind is null");
            requireNonNull(message, "message is null");
            requireNonNull(result, "result is null");
            changes = List.copyOf(changes);
        }

        /** The unsigned message's CID (for implicit messages, computed from the message the executor built). */
        public Cid messageCid() {
            return explicit.map(e -> e.message().unsignedCid()).orElseGet(message::cid);
        }
    }

    /** An actor a call went to: its ID and, when it runs builtin actor code, its type. */
    record Callee(long id, Optional<String> actorType) {
        public Callee {
            requireNonNull(actorType, "actorType is null");
        }
    }

    /** An actor a message (or a migration) changed, with the top-level fields of its state that changed. */
    record ActorStateChange(ActorChange change, Optional<FieldDiffResult> fields) {
        public ActorStateChange {
            requireNonNull(change, "change is null");
            requireNonNull(fields, "fields is null");
        }
    }
}
