package org.fvmreplay.snapshots;

/** The snapshot store cannot be opened or used: names the store and what to do. */
public final class SnapshotStoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SnapshotStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
