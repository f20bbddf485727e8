package org.fvmreplay.fvm.engine;

import java.util.Locale;

/**
 * Turns an engine's failure into a {@link Trap}. Engines report trap causes as text (Chicory's follows the spec test
 * suite wording, wasmtime-java gives wasmtime's trap code names), so the kind is recognized from it. Whatever the cause, a negative gas
 * counter means out of gas: the reference checks the counter after every call ({@code charge_for_exec}).
 */
public final class TrapClassifier {
    private TrapClassifier() {}

    /**
     * Host functions must throw {@link HostAbort}; anything else they throw is a bug, reported as {@link TrapKind#FATAL}
     * rather than being mistaken for a trap because of its message.
     */
    public static RuntimeException hostFailure(String function, RuntimeException failure) {
        if (failure instanceof HostAbort || failure instanceof Trap) {
            return failure;
        }
        return new Trap(TrapKind.FATAL, "host function " + function + " failed: " + failure, failure);
    }

    public static Trap classify(Throwable failure, long gasCounterAfter) {
        Trap hostTrap = findCause(failure, Trap.class);
        if (hostTrap != null && gasCounterAfter >= 0) {
            return hostTrap;
        }
        HostAbort abort = findCause(failure, HostAbort.class);
        if (gasCounterAfter < 0) {
            return new Trap(TrapKind.OUT_OF_GAS, "gas counter is " + gasCounterAfter, failure);
        }
        if (abort != null) {
            return Trap.hostAbort(abort);
        }
        if (failure instanceof StackOverflowError) {
            return new Trap(TrapKind.STACK_OVERFLOW, "JVM stack exhausted", failure);
        }
        String message = String.valueOf(failure.getMessage());
        return new Trap(kindOf(message), message, failure);
    }

    static TrapKind kindOf(String message) {
        // wasmtime-java reports wasmtime's trap code names ("wasm trap: INTEGER_DIVISION_BY_ZERO")
        String text = message.toLowerCase(Locale.ROOT).replace('_', ' ');
        if (text.contains("unreachable")) {
            return TrapKind.UNREACHABLE;
        }
        if (text.contains("call stack exhausted") || text.contains("stack overflow")) {
            return TrapKind.STACK_OVERFLOW;
        }
        if (text.contains("out of bounds memory")
                || text.contains("memory access out of bounds")
                || text.contains("memory out of bounds")) {
            return TrapKind.MEMORY_OUT_OF_BOUNDS;
        }
        if (text.contains("divide by zero") || text.contains("division by zero")) {
            return TrapKind.INTEGER_DIVIDE_BY_ZERO;
        }
        if (text.contains("integer overflow")) {
            return TrapKind.INTEGER_OVERFLOW;
        }
        if (text.contains("invalid conversion") || text.contains("conversion to integer")) {
            return TrapKind.BAD_CONVERSION_TO_INTEGER;
        }
        if (text.contains("indirect call")
                || text.contains("bad signature")
                || text.contains("table")
                || text.contains("uninitialized element")
                || text.contains("undefined element")) {
            return TrapKind.INDIRECT_CALL;
        }
        return TrapKind.FATAL;
    }

    /** Host function failures may come back wrapped by the engine. */
    private static <T extends Throwable> T findCause(Throwable failure, Class<T> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return null;
    }
}
