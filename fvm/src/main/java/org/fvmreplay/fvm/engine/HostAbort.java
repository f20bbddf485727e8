package org.fvmreplay.fvm.engine;

/** Thrown by a host function to end the invocation with an exit code (ref-fvm's {@code Abort::Exit}). */
public final class HostAbort extends RuntimeException {
    private final int exitCode;

    public HostAbort(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
