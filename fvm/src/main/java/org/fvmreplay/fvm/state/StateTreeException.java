package org.fvmreplay.fvm.state;

/** A state tree that cannot be read (malformed root or actor entry, unsupported version). */
public final class StateTreeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StateTreeException(String message) {
        super(message);
    }

    public StateTreeException(String message, Throwable cause) {
        super(message, cause);
    }
}
