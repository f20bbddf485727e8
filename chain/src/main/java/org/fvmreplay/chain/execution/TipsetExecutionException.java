package org.fvmreplay.chain.execution;

/** A tipset could not be executed as the reference node would (an implicit message failed, the chain is inconsistent). */
public final class TipsetExecutionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TipsetExecutionException(String message) {
        super(message);
    }

    public TipsetExecutionException(String message, Throwable cause) {
        super(message, cause);
    }
}
