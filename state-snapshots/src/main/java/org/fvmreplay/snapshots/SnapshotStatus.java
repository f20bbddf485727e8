package org.fvmreplay.snapshots;

/** How far the import of a snapshot got. */
public enum SnapshotStatus {
    /** Started; blocks up to the checkpoint are durable, the rest is not. Rerun the import to finish. */
    PARTIAL,
    /** Every block of the file is in the store. */
    COMPLETE
}
