package org.fvmreplay.fvm.kernel;

/**
 * Why a kernel or call manager operation failed (the reference's {@code ExecutionError}): a syscall error returned to the
 * actor as an error number, running out of gas, or a fatal error that aborts the message.
 */
public final class ExecutionError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The three kinds of failure. */
    public enum Kind {
        SYSCALL,
        OUT_OF_GAS,
        FATAL
    }

    private final Kind kind;
    private final int errorNumber;

    private ExecutionError(Kind kind, int errorNumber, String message, Throwable cause) {
        super(message, cause, false, false);
        this.kind = kind;
        this.errorNumber = errorNumber;
    }

    public static ExecutionError syscall(int errorNumber, String message) {
        return new ExecutionError(Kind.SYSCALL, errorNumber, message, null);
    }

    public static ExecutionError outOfGas() {
        return new ExecutionError(Kind.OUT_OF_GAS, 0, "out of gas", null);
    }

    public static ExecutionError fatal(String message) {
        return new ExecutionError(Kind.FATAL, 0, message, null);
    }

    public static ExecutionError fatal(String message, Throwable cause) {
        // a fatal error travels up every call level wrapped again; append the cause only when it says something new
        String causeText = cause == null ? null : cause.getMessage();
        String text = causeText == null || message.contains(causeText) ? message : message + ": " + cause;
        return new ExecutionError(Kind.FATAL, 0, text, cause);
    }

    public Kind kind() {
        return kind;
    }

    public int errorNumber() {
        return errorNumber;
    }
}
