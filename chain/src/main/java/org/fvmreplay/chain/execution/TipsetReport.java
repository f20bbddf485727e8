package org.fvmreplay.chain.execution;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import org.fvmreplay.chain.block.TipsetKey;
import org.fvmreplay.chain.receipt.MessageReceipt;
import org.fvmreplay.ipld.cid.Cid;

/**
 * The replay of one tipset against the chain.
 *
 * @param networkVersion the version its messages ran under
 * @param detail one line for people: what matched, what differs, which CID is missing, which migration is needed
 * @param computedStateRoot and {@code computedReceiptsRoot}: present when the tipset executed
 * @param expectedStateRoot and {@code expectedReceiptsRoot}: the child's parent state root and parent receipts root
 * @param firstDifference the first receipt that differs from the chain's, on a mismatch
 * @param messages explicit messages applied
 */
public record TipsetReport(
        long epoch,
        TipsetKey key,
        int networkVersion,
        ReplayStatus status,
        String detail,
        Optional<Cid> computedStateRoot,
        Cid expectedStateRoot,
        Optional<Cid> computedReceiptsRoot,
        Cid expectedReceiptsRoot,
        int messages,
        Optional<ReceiptDifference> firstDifference,
        long elapsedNanos) {
    public TipsetReport {
        requireNonNull(key, "key is null");
        requireNonNull(status, "status is null");
        requireNonNull(detail, "detail is null");
        requireNonNull(computedStateRoot, "computedStateRoot is null");
        requireNonNull(expectedStateRoot, "expectedStateRoot is null");
        requireNonNull(computedReceiptsRoot, "computedReceiptsRoot is null");
        requireNonNull(expectedReceiptsRoot, "expectedReceiptsRoot is null");
        requireNonNull(firstDifference, "firstDifference is null");
    }

    /** The first receipt (by position in the receipts AMT) that differs, with its message; either side may be absent. */
    public record ReceiptDifference(
            int index, Optional<Cid> messageCid, Optional<MessageReceipt> expected, Optional<MessageReceipt> actual) {}
}
