package org.fvmreplay.fvm.engine;

/** The system exit codes a trap can produce (fvm_shared {@code ExitCode}). */
public final class ExitCodes
{
    public static final int OK = 0;
    public static final int SYS_ILLEGAL_INSTRUCTION = 4;
    public static final int SYS_OUT_OF_GAS = 7;
    public static final int SYS_ASSERTION_FAILED = 10;

    private ExitCodes() {}
}
