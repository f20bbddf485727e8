package org.fvmreplay.job;

/** A replay job cannot start or go on, for a reason its user can act on (the message says what and where). */
public final class ReplayJobException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ReplayJobException(String message) {
        super(message);
    }

    public ReplayJobException(String message, Throwable cause) {
        super(message, cause);
    }
}
