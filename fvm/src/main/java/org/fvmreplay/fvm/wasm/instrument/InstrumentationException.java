package org.fvmreplay.fvm.wasm.instrument;

/** A module that the instrumentation (like fvm-wasm-instrument) refuses to transform. */
public class InstrumentationException extends RuntimeException {
    public InstrumentationException(String message) {
        super(message);
    }

    public InstrumentationException(String message, Throwable cause) {
        super(message, cause);
    }
}
