package org.fvmreplay.importer;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import org.fvmreplay.snapshots.SnapshotRecord;

/**
 * The outcome of importing one file.
 *
 * @param record the catalogue entry now in the store
 * @param outcome what this run did
 * @param blocksWritten blocks written by this run (0 when already complete)
 * @param tipsetsIndexed tipsets added to the chain index (0 for a file that is not a chain snapshot)
 * @param unverifiableBlocks blocks whose hash function this project cannot compute (stored unchecked)
 * @param chainIndexProblem why the chain index could not be built from the roots, if it could not
 *     (the blocks are imported all the same)
 */
public record ImportResult(
        SnapshotRecord record,
        Outcome outcome,
        long blocksWritten,
        int tipsetsIndexed,
        long unverifiableBlocks,
        Optional<String> chainIndexProblem) {
    /** What a run did. */
    public enum Outcome {
        IMPORTED,
        RESUMED,
        ALREADY_COMPLETE
    }

    public ImportResult {
        requireNonNull(record, "record");
        requireNonNull(outcome, "outcome");
        requireNonNull(chainIndexProblem, "chainIndexProblem");
    }
}
