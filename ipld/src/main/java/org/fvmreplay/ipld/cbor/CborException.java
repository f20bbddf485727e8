package org.fvmreplay.ipld.cbor;

/** Malformed or non-canonical DAG-CBOR, with the offset where the problem was found. */
public final class CborException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final long offset;

    public CborException(String message, long offset) {
        super(message + " (at byte " + offset + ")");
        this.offset = offset;
    }

    /** Offset of the offending byte within the decoded buffer. */
    public long offset() {
        return offset;
    }
}
