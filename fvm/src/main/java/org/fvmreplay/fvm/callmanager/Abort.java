package org.fvmreplay.fvm.callmanager;

/** Ends an actor invocation from a syscall: an explicit exit, out of gas, or a fatal error (the reference's {@code Abort}). */
public final class Abort extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Kinds of abort. */
    public enum Kind {
        EXIT,
        OUT_OF_GAS,
        FATAL
    }

    private final Kind kind;
    private final int exitCode;
    private final int blockId;

    private Abort(Kind kind, int exitCode, int blockId, String message, Throwable cause) {
        super(message, cause, false, false);
        this.kind = kind;
        this.exitCode = exitCode;
        this.blockId = blockId;
    }

    public static Abort exit(int exitCode, String message, int blockId) {
        return new Abort(Kind.EXIT, exitCode, blockId, message, null);
    }

    public static Abort outOfGas() {
        return new Abort(Kind.OUT_OF_GAS, 7, 0, "out of gas", null);
    }

    public static Abort fatal(String message, Throwable cause) {
        return new Abort(Kind.FATAL, 10, 0, message, cause);
    }

    public Kind kind() {
        return kind;
    }

    public int exitCode() {
        return exitCode;
    }

    public int blockId() {
        return blockId;
    }
}
