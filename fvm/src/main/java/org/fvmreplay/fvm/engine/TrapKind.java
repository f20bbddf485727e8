package org.fvmreplay.fvm.engine;

import org.fvmreplay.fvm.exitcode.ExitCodes;

/**
 * Why an invocation stopped abnormally, with the exit code ref-fvm assigns ({@code Abort::from(wasmtime::Error)} in
 * {@code syscalls/error.rs}, {@code charge_for_exec} in {@code call_manager/default.rs}).
 */
public enum TrapKind {
    /** The gas counter went negative (the injected charge function's {@code unreachable}, or a host charge). */
    OUT_OF_GAS(ExitCodes.SYS_OUT_OF_GAS),
    /** The engine's native stack overflowed (the instrumented limiter should trap first, as {@link #UNREACHABLE}). */
    STACK_OVERFLOW(ExitCodes.SYS_ILLEGAL_INSTRUCTION),
    /** {@code unreachable} executed: an actor abort or the instrumented stack limiter. */
    UNREACHABLE(ExitCodes.SYS_ILLEGAL_INSTRUCTION),
    MEMORY_OUT_OF_BOUNDS(ExitCodes.SYS_ILLEGAL_INSTRUCTION),
    /** Instantiation needs more memory than the instance limit allows (instantiation failure in the reference). */
    MEMORY_LIMIT(ExitCodes.SYS_ILLEGAL_INSTRUCTION),
    INTEGER_DIVIDE_BY_ZERO(ExitCodes.SYS_ILLEGAL_INSTRUCTION),
    INTEGER_OVERFLOW(ExitCodes.SYS_ILLEGAL_INSTRUCTION),
    BAD_CONVERSION_TO_INTEGER(ExitCodes.SYS_ILLEGAL_INSTRUCTION),
    /** Table out of bounds, call through a null entry or with the wrong signature. */
    INDIRECT_CALL(ExitCodes.SYS_ILLEGAL_INSTRUCTION),
    /** A host function stopped the invocation with an exit code ({@link HostAbort}). */
    HOST_ABORT(-1),
    /** Anything else: a bug in the engine or the FVM ({@code Abort::Fatal}, reported as SYS_ASSERTION_FAILED). */
    FATAL(ExitCodes.SYS_ASSERTION_FAILED);

    private final int exitCode;

    TrapKind(int exitCode) {
        this.exitCode = exitCode;
    }

    /** Reference exit code; {@link #HOST_ABORT} carries its own (see {@link Trap#exitCode()}). */
    public int defaultExitCode() {
        return exitCode;
    }
}
