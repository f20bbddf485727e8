package org.fvmreplay.fvm.engine;

/** The Java body of a host function. */
@FunctionalInterface
public interface HostImplementation {
    /**
     * Runs the function. Arguments and results are raw values: i32 in the low 32 bits, i64 whole.
     * Throw {@link HostAbort} to stop the invocation with an exit code.
     */
    long[] call(WasmInstance caller, long[] arguments);
}
