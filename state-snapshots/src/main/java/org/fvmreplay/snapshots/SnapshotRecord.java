package org.fvmreplay.snapshots;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.fvmreplay.ipld.cid.Cid;

/**
 * One catalogue entry: an imported (or partly imported) snapshot file.
 *
 * @param path the file's absolute, normalised path (the catalogue key)
 * @param fileSize the file's size in bytes when it was imported
 * @param format the CAR flavour the reader detected
 * @param roots the CAR header's roots
 * @param blockCount blocks imported so far (up to the checkpoint while partial)
 * @param blockBytes bytes of block data imported so far
 * @param checkpointOffset offset in the CARv1 payload of the first section not yet durable
 */
public record SnapshotRecord(
        String path,
        long fileSize,
        String format,
        List<Cid> roots,
        SnapshotStatus status,
        long blockCount,
        long blockBytes,
        long checkpointOffset) {
    public SnapshotRecord {
        requireNonNull(path, "path");
        requireNonNull(format, "format");
        roots = List.copyOf(requireNonNull(roots, "roots"));
        requireNonNull(status, "status");
    }

    public boolean complete() {
        return status == SnapshotStatus.COMPLETE;
    }

    /** The same record, advanced to a new durable checkpoint. */
    public SnapshotRecord withCheckpoint(long offset, long blocks, long bytes) {
        return new SnapshotRecord(path, fileSize, format, roots, status, blocks, bytes, offset);
    }

    public SnapshotRecord withStatus(SnapshotStatus newStatus) {
        return new SnapshotRecord(path, fileSize, format, roots, newStatus, blockCount, blockBytes, checkpointOffset);
    }
}
