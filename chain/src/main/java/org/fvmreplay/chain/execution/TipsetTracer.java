package org.fvmreplay.chain.execution;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import org.fvmreplay.chain.block.ChainMessage;
import org.fvmreplay.fvm.executor.ApplyRet;
import org.fvmreplay.fvm.message.Message;
import org.fvmreplay.ipld.blockstore.Blockstore;
import org.fvmreplay.ipld.cid.Cid;

/**
 * Observes a tipset's execution message by message, as Besu's {@code OperationTracer} observes an EVM: every method has
 * a no-op default, and what a tracer asks for ({@link #tracesMessages()}, {@link #tracesState()}) is all the executor
 * pays for. This is how traces reach analytics sinks without the executor knowing them.
 */
public interface TipsetTracer {
    /** Records nothing; the executor then runs exactly as the reference node does, with no per-message overhead. */
    TipsetTracer NONE = new TipsetTracer() {};

    /** Whether each message runs with the machine's execution trace (gas charges, syscalls, calls, events) in its {@link ApplyRet#trace()}. */
    default boolean tracesMessages() {
        return false;
    }

    /**
     * Whether the state tree is flushed after every message so that {@link MessageApplied#stateBefore()} and
     * {@link MessageApplied#stateAfter()} are known. Flushing writes only to the tipset's private buffer and does not
     * change any result; it costs a HAMT flush per message.
     */
    default boolean tracesState() {
        return false;
    }

    /** A message (explicit or implicit) was applied; called in execution order. */
    default void messageApplied(MessageApplied applied) {}

    /**
     * A state migration ran before the tipset's messages, from {@code stateBefore} to {@code stateAfter}; {@code store}
     * reads both and is valid only during the call. Called only when {@link #tracesState()}.
     */
    default void migrated(long epoch, int networkVersion, Cid stateBefore, Cid stateAfter, Blockstore store) {}

    /**
     * One applied message.
     *
     * @param position its place in the tipset's execution order (0-based, implicit messages included)
     * @param explicit the chain message and its block, or empty for a reward or cron
     * @param implicitKind "reward" or "cron" for an implicit message, else empty
     * @param epoch the epoch the VM ran it at (a null round's, for the cron of a null round)
     * @param stateBefore and {@code stateAfter}: the state roots around it, when {@link #tracesState()}
     * @param store reads every block of both states; valid only during the call
     */
    record MessageApplied(
            int position,
            Optional<TipsetOutcome.AppliedMessage> explicit,
            Optional<String> implicitKind,
            long epoch,
            Message message,
            ApplyRet result,
            Optional<Cid> stateBefore,
            Optional<Cid> stateAfter,
            Blockstore store) {
        public MessageApplied {
            requireNonNull(explicit, "explicit is null");
            requireNonNull(implicitKind, "implicitKind is null");
            requireNonNull(message, "message is null");
            requireNonNull(result, "result is null");
            requireNonNull(stateBefore, "stateBefore is null");
            requireNonNull(stateAfter, "stateAfter is null");
            requireNonNull(store, "store is null");
        }

        /** The message's CID as the chain names it (the unsigned message's CID; for implicit messages, computed). */
        public Cid messageCid() {
            return explicit.map(e -> e.message().cid()).orElseGet(message::cid);
        }

        /** The chain message, for explicit messages. */
        public Optional<ChainMessage> chainMessage() {
            return explicit.map(TipsetOutcome.AppliedMessage::message);
        }
    }
}
