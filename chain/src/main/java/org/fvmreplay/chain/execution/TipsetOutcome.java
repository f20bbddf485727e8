package org.fvmreplay.chain.execution;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.fvmreplay.chain.block.ChainMessage;
import org.fvmreplay.chain.block.Tipset;
import org.fvmreplay.chain.network.Upgrade;
import org.fvmreplay.chain.receipt.MessageReceipt;
import org.fvmreplay.fvm.executor.ApplyRet;
import org.fvmreplay.fvm.message.Message;
import org.fvmreplay.ipld.cid.Cid;

/** What executing one tipset gave: its new state and receipts, or why it could not run. */
public sealed interface TipsetOutcome {
    /** The executed tipset. */
    Tipset tipset();

    /** One explicit message as applied: the block that first included it, its receipt and where its fees went. */
    record AppliedMessage(ChainMessage message, Cid block, ApplyRet result) {
        public AppliedMessage {
            requireNonNull(message, "message is null");
            requireNonNull(block, "block is null");
            requireNonNull(result, "result is null");
        }

        /** The receipt Lotus stores for it. */
        public MessageReceipt receipt() {
            return new MessageReceipt(result.exitCode(), result.returnData(), result.gasUsed(), result.eventsRoot());
        }
    }

    /**
     * An implicit message (a block reward or cron) as applied, for traces and analytics; it has no receipt on chain. The
     * message is kept because a reward's params (miner, penalty, gas reward, win count) are computed, not read from the chain.
     */
    record AppliedImplicit(String kind, long epoch, Message message, ApplyRet result) {
        public AppliedImplicit {
            requireNonNull(kind, "kind is null");
            requireNonNull(message, "message is null");
            requireNonNull(result, "result is null");
        }
    }

    /**
     * The tipset ran: {@code stateRoot} and {@code receiptsRoot} are what its child's header should record as parent state
     * and parent receipts.
     */
    record Executed(
            Tipset tipset,
            int networkVersion,
            Cid stateRoot,
            Cid receiptsRoot,
            List<AppliedMessage> messages,
            List<AppliedImplicit> implicit,
            long elapsedNanos)
            implements TipsetOutcome {
        public Executed {
            requireNonNull(tipset, "tipset is null");
            requireNonNull(stateRoot, "stateRoot is null");
            requireNonNull(receiptsRoot, "receiptsRoot is null");
            messages = List.copyOf(messages);
            implicit = List.copyOf(implicit);
        }
    }

    /** A state migration runs before this tipset and is not ported: the tipset is reported, not executed. */
    record MigrationRequired(Tipset tipset, Upgrade upgrade) implements TipsetOutcome {}

    /** The tipset's network version (or a null round's) is one the VM does not run. */
    record Unsupported(Tipset tipset, int networkVersion, String reason) implements TipsetOutcome {}

    /** A block the execution needed is not in the store. */
    record MissingState(Tipset tipset, Cid missing) implements TipsetOutcome {}
}
