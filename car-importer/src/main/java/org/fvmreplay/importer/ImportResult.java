package org.fvmreplay.importer;

import static java.util.Objects.requireNonNull;

import org.fvmreplay.snapshots.SnapshotRecord;

/**
 * The outcome of importing one file.
 *
 * @param record the catalogue entry now in the store
 * @param outcome what this run did
 * @param blocksWritten blocks written by this run (0 when already complete)
 * @param tipsetsIndexed tipsets added to the chain index (0 for a file that is not a chain snapshot)
 * @param unverifiableBlocks blocks whose hash function this project cannot compute (stored unchecked)
 */
public record ImportResult(SnapshotRecord record, Outcome outcome, long blocksWritten, int tipsetsIndexed, long unverifiableBlocks) {
    /** What a run did. */
    public enum Outcome {
        IMPORTED,
        RESUMED,
        ALREADY_COMPLETE
    }

    public ImportResult {
        requireNonNull(record, "record");
        requireNonNull(outcome, "outcome");
    }
}
