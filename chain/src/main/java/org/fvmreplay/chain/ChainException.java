package org.fvmreplay.chain;

/** The chain data is not what tipset execution needs: a malformed block, a missing tipset, an unresolvable sender. */
public class ChainException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ChainException(String message) {
        super(message);
    }

    public ChainException(String message, Throwable cause) {
        super(message, cause);
    }
}
