package org.fvmreplay.snapshots;

import java.nio.file.Path;

/** The snapshot store cannot be opened or used: names the store and what to do. */
public final class SnapshotStoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SnapshotStoreException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A write attempted through a store opened with {@link SnapshotStore#openReadOnly}. */
    static SnapshotStoreException readOnly(Path store, String attempted) {
        return new SnapshotStoreException(
                "cannot " + attempted + ": the store " + store + " was opened read-only"
                        + " (SnapshotStore.openReadOnly); open it with SnapshotStore.open to write",
                null);
    }
}
