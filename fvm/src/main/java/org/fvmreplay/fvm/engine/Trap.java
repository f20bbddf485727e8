package org.fvmreplay.fvm.engine;

import static java.util.Objects.requireNonNull;

/** An invocation stopped abnormally; {@link #exitCode()} is what the reference reports for it. */
public final class Trap extends RuntimeException {
    private final TrapKind kind;
    private final int exitCode;

    public Trap(TrapKind kind, String message, Throwable cause) {
        this(kind, kind.defaultExitCode(), message, cause);
    }

    private Trap(TrapKind kind, int exitCode, String message, Throwable cause) {
        super(requireNonNull(kind, "kind is null") + ": " + message, cause);
        this.kind = kind;
        this.exitCode = exitCode;
    }

    public static Trap hostAbort(HostAbort abort) {
        return new Trap(TrapKind.HOST_ABORT, abort.exitCode(), abort.getMessage(), abort);
    }

    public TrapKind kind() {
        return kind;
    }

    public int exitCode() {
        return exitCode;
    }
}
