package org.fvmreplay.ipld.blockstore;

/** A blockstore could not be opened, read or written (I/O, database error). */
public final class BlockstoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BlockstoreException(String message) {
        super(message);
    }

    public BlockstoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
